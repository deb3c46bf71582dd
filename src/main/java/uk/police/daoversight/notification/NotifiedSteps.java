package uk.police.daoversight.notification;

import java.util.List;
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
   * A chase or escalation, and the SOO's steps it chases, in order (first contact: the case pack, then
   * the contact; none: the support referral is the coordinators' own), with the deadline's variable.
   */
  public record Chased(List<String> sooSteps, String deadlineVariable) {

    Chased(String sooStep, String deadlineVariable) {
      this(sooStep == null ? List.of() : List.of(sooStep), deadlineVariable);
    }
  }

  private static final List<String> FIRST_CONTACT = List.of(READ_CASE_PACK, "contactVictim");

  public static final Map<String, Chased> CHASES = Map.ofEntries(
      Map.entry("chaseOverdueContact", new Chased(FIRST_CONTACT, "contactDueDate")),
      Map.entry("escalateOverdueContact", new Chased(FIRST_CONTACT, "contactDueDate")),
      Map.entry("chaseCaseUpdate", new Chased("updateCase", "updateDueDate")),
      Map.entry("escalateCaseUpdate", new Chased("updateCase", "updateDueDate")),
      Map.entry("chaseScheduledContact", new Chased("makeScheduledContact", "scheduledContactDueDate")),
      Map.entry("escalateScheduledContact", new Chased("makeScheduledContact", "scheduledContactDueDate")),
      Map.entry("chaseOverdueAction", new Chased("completePanelAction", "actionDueDate")),
      Map.entry("escalateOverdueAction", new Chased("completePanelAction", "actionDueDate")),
      Map.entry("chaseSupportReferral", new Chased(List.of(), "supportReferralDueDate")),
      Map.entry("escalateSupportReferral", new Chased(List.of(), "supportReferralDueDate")));

  /** Every element id above, for the consistency test. */
  public static Set<String> caseProcessSteps() {
    java.util.HashSet<String> ids = new java.util.HashSet<>(CHASES.keySet());
    CHASES.values().forEach(c -> ids.addAll(c.sooSteps()));
    ids.add(READ_CASE_PACK);
    return ids;
  }

  public static Optional<Chased> chase(String taskDefinitionKey) {
    return Optional.ofNullable(CHASES.get(taskDefinitionKey));
  }
}
