package uk.police.daoversight.closure;

import java.util.ArrayList;
import java.util.List;

/**
 * May this case close? Every panel action done, and the assurance record complete: the questions
 * the national super-complaint findings ask a force to be able to answer for every case.
 */
public final class ClosureReadiness {

  private ClosureReadiness() {}

  public record Assurance(String recordedAsComplaintOrConduct, String iopcReferralConsidered, String iopcDecision,
                          String iopcDecisionReason, String otherForceConsidered, String abuseOfPositionChecked) {}

  /** The reasons closure is refused; empty when it may go for approval. */
  public static List<String> refusals(List<PanelActions.Action> openActions, Assurance a) {
    List<String> reasons = new ArrayList<>();
    for (PanelActions.Action action : openActions) {
      reasons.add("Open panel action: " + action.description() + " (owner: " + action.owner()
          + (action.dueDate() == null ? "" : ", due " + action.dueDate()) + ")");
    }
    missing(reasons, a.recordedAsComplaintOrConduct(), "whether it was recorded and assessed as a complaint or conduct matter");
    missing(reasons, a.iopcReferralConsidered(), "whether an IOPC referral was considered");
    if ("YES".equals(a.iopcReferralConsidered())) {
      missing(reasons, a.iopcDecision(), "the IOPC referral decision");
      missing(reasons, a.iopcDecisionReason(), "the reason for the IOPC referral decision");
    }
    missing(reasons, a.otherForceConsidered(), "whether investigation by another force was considered");
    missing(reasons, a.abuseOfPositionChecked(), "whether abuse of police position or systems was checked");
    return reasons;
  }

  private static void missing(List<String> reasons, String answer, String question) {
    if (answer == null || answer.isBlank()) {
      reasons.add("Assurance record: answer " + question);
    }
  }
}
