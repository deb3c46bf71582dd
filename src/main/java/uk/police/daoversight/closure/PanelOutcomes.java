package uk.police.daoversight.closure;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import uk.police.daoversight.process.CaseVariables;

/**
 * Hands a panel's (or case conference's) outcome to the case: its actions become open actions
 * that block closure, and the case process receives the message {@value #MESSAGE}.
 */
@Service
public class PanelOutcomes {

  public static final String MESSAGE = "PanelOutcomeRecorded";

  private final PanelActions actions;
  private final RuntimeService runtimeService;

  public PanelOutcomes(PanelActions actions, RuntimeService runtimeService) {
    this.actions = actions;
    this.runtimeService = runtimeService;
  }

  /** Returns the outcome id. */
  public String record(String caseCode, List<PanelActions.NewAction> newActions, boolean bringBack) {
    String outcomeId = UUID.randomUUID().toString();
    actions.add(caseCode, outcomeId, newActions);
    runtimeService.createMessageCorrelation(MESSAGE)
        .processInstanceBusinessKey(caseCode)
        .setVariable(CaseVariables.PANEL_OUTCOME_ID.getName(), outcomeId)
        .setVariable(CaseVariables.PANEL_REQUESTED_RETURN.getName(), Variables.booleanValue(bringBack))
        .correlate();
    return outcomeId;
  }
}
