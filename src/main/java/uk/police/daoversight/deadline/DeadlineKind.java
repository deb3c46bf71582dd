package uk.police.daoversight.deadline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The deadlines a manager watches, by the user task that carries each one as its due date (every
 * task with a deadline carries it, issue #18): the task is open while the deadline runs. Chases and
 * escalations are not deadlines of their own: they repeat the one they chase, which stays listed.
 */
public enum DeadlineKind {
  FIRST_CONTACT("First contact (72 hours)", "readCasePack", "contactVictim"),
  SCHEDULED_CONTACT("Scheduled contact", "makeScheduledContact"),
  CASE_UPDATE("Case update (28 days)", "updateCase"),
  PANEL_ACTION("Panel action", "completePanelAction"),
  CASE_CONFERENCE("Case conference outcome", "recordConferenceOutcome"),
  SUPPORT_REFERRAL("Referral to support services", "confirmSupportReferral"),
  CLOSURE_APPROVAL("Closure approval", "approveClosure", "approveClosureAsChair");

  private final String label;
  private final List<String> taskKeys;

  DeadlineKind(String label, String... taskKeys) {
    this.label = label;
    this.taskKeys = List.of(taskKeys);
  }

  public String label() {
    return label;
  }

  public List<String> taskKeys() {
    return taskKeys;
  }

  public static Optional<DeadlineKind> ofTask(String taskDefinitionKey) {
    return Arrays.stream(values()).filter(kind -> kind.taskKeys.contains(taskDefinitionKey)).findFirst();
  }

  /** Every task key that carries a deadline. */
  public static String[] allTaskKeys() {
    return Arrays.stream(values()).flatMap(kind -> kind.taskKeys.stream()).toArray(String[]::new);
  }
}
