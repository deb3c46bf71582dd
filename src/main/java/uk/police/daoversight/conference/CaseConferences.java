package uk.police.daoversight.conference;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * Complex cases (both parties police, allegation and counter-allegation, serial perpetrator or
 * victims, a perpetrator in a position of power) get a separate case conference: one
 * {@code caseConference} instance per case at a time, business key = case code.
 */
@Service
public class CaseConferences {

  public static final String PROCESS = "caseConference";
  public static final String MESSAGE = "CaseConferenceRequested";

  private final RuntimeService runtimeService;

  public CaseConferences(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /** Starts the case conference unless one is already running for this case. */
  public void request(String caseCode) {
    long running = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS)
        .processInstanceBusinessKey(caseCode).count();
    if (running == 0) {
      runtimeService.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(caseCode)
          .setVariable("caseCode", caseCode).correlateStartMessage();
    }
  }
}
