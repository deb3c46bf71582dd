package uk.police.daoversight.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The managers' list of running deadlines that are overdue or fall due within the horizon (a day):
 * case code, which deadline, the case's SOO(s), when it is due and how late it is, latest first.
 * Pure: the open deadline tasks and each case's SOOs come in, nothing else is read.
 */
public final class DeadlineBoard {

  /** How far ahead the board looks for deadlines about to fall due. */
  public static final Duration HORIZON = Duration.ofDays(1);

  /** A task that carries a deadline: its process instance, the case it belongs to, its key and due date. */
  public record OpenDeadline(String processInstanceId, String caseCode, String taskDefinitionKey, Instant due) {}

  /**
   * One line of the board: {@code due} in ISO-8601 (UTC); {@code minutesLate} is negative while the
   * deadline is still to come (the minutes left, shown as "due in").
   */
  public record Line(String caseCode, String deadline, List<String> soos, String due, long minutesLate, boolean overdue,
                     String processInstanceId) {}

  private DeadlineBoard() {}

  public static List<Line> lines(List<OpenDeadline> open, Map<String, List<String>> soosByCase, Instant now) {
    Instant until = now.plus(HORIZON);
    List<OpenDeadline> soonest = new ArrayList<>(open);
    soonest.removeIf(deadline -> deadline.due() == null || deadline.caseCode() == null);
    soonest.sort(Comparator.comparing(OpenDeadline::due).thenComparing(OpenDeadline::caseCode));
    List<Line> lines = new ArrayList<>();
    for (OpenDeadline deadline : soonest) {
      if (deadline.due().isAfter(until)) {
        continue;
      }
      DeadlineKind.ofTask(deadline.taskDefinitionKey()).ifPresent(kind -> {
        long late = Duration.between(deadline.due(), now).toMinutes();
        lines.add(new Line(deadline.caseCode(), kind.label(), soosByCase.getOrDefault(deadline.caseCode(), List.of()),
            deadline.due().toString(), late, deadline.due().isBefore(now), deadline.processInstanceId()));
      });
    }
    return lines;
  }
}
