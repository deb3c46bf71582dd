package uk.police.daoversight.engine.tasks;

import java.util.Map;

/**
 * What a Tasklist card says about its case (issue #21 item 1), pure: the task's name followed by the
 * case code, and a priority from the case's risk so that lists sort high-risk cases first. The case
 * code is pseudonymous; nothing else of the case goes into a name.
 */
public final class TaskCards {

  /** The separator between the step and the case code: "Review history · 6JTG-RAAW". */
  public static final String SEPARATOR = " · ";

  /** Camunda's default task priority, for a case whose risk is not (yet) known. */
  public static final int DEFAULT_PRIORITY = 50;

  private static final Map<String, Integer> PRIORITY_BY_RISK = Map.of("HIGH", 90, "MEDIUM", 60, "STANDARD", 30);

  private TaskCards() {}

  /** The name with the case code, once: a name that already carries it (chases, panel slots) is kept. */
  public static String name(String name, String caseCode) {
    if (caseCode == null || caseCode.isBlank()) {
      return name;
    }
    if (name == null || name.isBlank()) {
      return caseCode;
    }
    return name.contains(caseCode) ? name : name + SEPARATOR + caseCode;
  }

  public static int priority(Object riskLevel) {
    return riskLevel == null ? DEFAULT_PRIORITY : PRIORITY_BY_RISK.getOrDefault(riskLevel.toString(), DEFAULT_PRIORITY);
  }
}
