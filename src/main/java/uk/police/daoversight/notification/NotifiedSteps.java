package uk.police.daoversight.notification;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The element ids of the models that notifications depend on (processes/oversightCase.bpmn,
 * supportReferral.bpmn and scrutinyPanel.bpmn); {@code NotifiedStepsTest} checks each is in its model.
 */
public final class NotifiedSteps {

  private NotifiedSteps() {}

  /** The SOO's first task on a case: its assignment is the allocation notice. */
  public static final String READ_CASE_PACK = "readCasePack";

  /** The process and the step at whose end the agenda is published (the SOOs' slot invitations). */
  public static final String SCRUTINY_PANEL = "scrutinyPanel";
  public static final String PUBLISH_AGENDA = "publishAgenda";

  /**
   * A chase or escalation, and the SOO's step it chases ({@code null}: no SOO step, the support
   * referral is the coordinators' own).
   */
  public record Chased(String sooStep, String deadlineVariable) {}

  public static final Map<String, Chased> CHASES = Map.ofEntries(
      Map.entry("chaseOverdueContact", new Chased("contactVictim", "contactDueDate")),
      Map.entry("escalateOverdueContact", new Chased("contactVictim", "contactDueDate")),
      Map.entry("chaseCaseUpdate", new Chased("updateCase", "updateDueDate")),
      Map.entry("escalateCaseUpdate", new Chased("updateCase", "updateDueDate")),
      Map.entry("chaseScheduledContact", new Chased("makeScheduledContact", "scheduledContactDueDate")),
      Map.entry("escalateScheduledContact", new Chased("makeScheduledContact", "scheduledContactDueDate")),
      Map.entry("chaseOverdueAction", new Chased("completePanelAction", "actionDueDate")),
      Map.entry("escalateOverdueAction", new Chased("completePanelAction", "actionDueDate")),
      Map.entry("chaseSupportReferral", new Chased(null, "supportReferralDueDate")),
      Map.entry("escalateSupportReferral", new Chased(null, "supportReferralDueDate")));

  /** Every element id above, for the consistency test. */
  public static Set<String> caseProcessSteps() {
    java.util.HashSet<String> ids = new java.util.HashSet<>(CHASES.keySet());
    CHASES.values().stream().map(Chased::sooStep).filter(java.util.Objects::nonNull).forEach(ids::add);
    ids.add(READ_CASE_PACK);
    return ids;
  }

  public static Optional<Chased> chase(String taskDefinitionKey) {
    return Optional.ofNullable(CHASES.get(taskDefinitionKey));
  }
}
