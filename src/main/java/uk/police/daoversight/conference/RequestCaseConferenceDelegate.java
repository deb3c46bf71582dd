package uk.police.daoversight.conference;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Request case conference": a complex case goes to a separate case conference, not the panel. */
@Component
public class RequestCaseConferenceDelegate implements JavaDelegate {

  private final CaseConferences conferences;

  public RequestCaseConferenceDelegate(CaseConferences conferences) {
    this.conferences = conferences;
  }

  @Override
  public void execute(DelegateExecution execution) {
    conferences.request(CASE_CODE.from(execution).get());
  }
}
