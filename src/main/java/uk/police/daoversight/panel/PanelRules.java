package uk.police.daoversight.panel;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The agenda builder's rules, as the analysts keep them: DMN {@code panelTriage} and
 * {@code panelSlotMinutes}, latest version. Each evaluation is in Cockpit's decision history.
 */
@Component
public class PanelRules implements AgendaBuilder.Rules {

  public static final String TRIAGE = "panelTriage";
  public static final String SLOT_MINUTES = "panelSlotMinutes";

  private final DecisionService decisionService;

  public PanelRules(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  @Override
  public AgendaBuilder.Triage triage(AgendaCandidate candidate) {
    DmnDecisionResult result = decisionService.evaluateDecisionByKey(TRIAGE)
        .variables(Variables.createVariables()
            .putValue("requestedBack", candidate.requestedBack())
            .putValue("riskLevel", candidate.riskLevel())
            .putValue("reviewType", candidate.reviewType())
            .putValue("daysWaiting", candidate.daysWaiting()))
        .evaluate();
    Number priority = result.getSingleResult().getEntry("priority");
    String reason = result.getSingleResult().getEntry("priorityReason");
    return new AgendaBuilder.Triage(priority.intValue(), reason);
  }

  @Override
  public int slotMinutes(String reviewType, boolean complex) {
    Number minutes = decisionService.evaluateDecisionByKey(SLOT_MINUTES)
        .variables(Variables.createVariables().putValue("reviewType", reviewType).putValue("complex", complex))
        .evaluate().getSingleResult().getEntry("slotMinutes");
    return minutes.intValue();
  }
}
