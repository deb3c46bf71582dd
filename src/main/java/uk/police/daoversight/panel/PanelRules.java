package uk.police.daoversight.panel;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The agenda builder's rules, as the analysts keep them: DMN {@code panelTriage} and
 * {@code panelSlotMinutes}. Each evaluation is in Cockpit's decision history.
 */
@Component
public class PanelRules {

  public static final String TRIAGE = "panelTriage";
  public static final String SLOT_MINUTES = "panelSlotMinutes";

  private final DecisionService decisionService;
  private final RepositoryService repositoryService;

  public PanelRules(DecisionService decisionService, RepositoryService repositoryService) {
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
  }

  /**
   * The versions deployed now, for one agenda: every case of it is decided by the same rules even
   * when an analyst deploys a new version meanwhile, and the latest version is looked up once.
   */
  public AgendaBuilder.Rules latest() {
    return new Versions(latestId(TRIAGE), latestId(SLOT_MINUTES));
  }

  private String latestId(String key) {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).withoutTenantId().latestVersion()
        .singleResult().getId();
  }

  private final class Versions implements AgendaBuilder.Rules {
    private final String triageId;
    private final String slotMinutesId;

    private Versions(String triageId, String slotMinutesId) {
      this.triageId = triageId;
      this.slotMinutesId = slotMinutesId;
    }

    @Override
    public AgendaBuilder.Triage triage(AgendaCandidate candidate) {
      DmnDecisionResult result = decisionService.evaluateDecisionById(triageId)
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
      Number minutes = decisionService.evaluateDecisionById(slotMinutesId)
          .variables(Variables.createVariables().putValue("reviewType", reviewType).putValue("complex", complex))
          .evaluate().getSingleResult().getEntry("slotMinutes");
      return minutes.intValue();
    }
  }
}
