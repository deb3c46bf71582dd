package uk.police.daoversight.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Who is told what when a task of a case is created or assigned, pure (no engine):
 * <ul>
 *   <li>the SOO allocated a case: the assignment of "Read case pack" ({@link NoticeKind#ALLOCATION});</li>
 *   <li>anyone else a task is assigned to or offered to by name (scheduled contact, case update, panel
 *       action, final conversation): {@link NoticeKind#TASK}, unless they did it themselves (a claim);</li>
 *   <li>a chase or escalation: every member of its groups (coordinators; the DA lead for escalations)
 *       ({@link NoticeKind#CHASE}) and the case's SOO(s) about their own overdue step
 *       ({@link NoticeKind#OVERDUE}); the first chase is at the deadline, so this is also the 72-hour notice.</li>
 * </ul>
 * Tasks offered to a group only (the coordinators' queue) are not mailed: the coordinators watch it.
 * A notice carries the step's name as the model names it (never the task's name on the card, which may
 * say more, such as a chase summary), the case code, the due date and a link.
 */
public final class NoticePlanner {

  private NoticePlanner() {}

  /** What the listener read from the task. {@code stepName} is the model's name of the task. */
  public record TaskFacts(String event, String taskId, String taskKey, String stepName, String caseCode, Instant dueAt,
                          String assignee, List<String> candidateUsers, List<String> groupMembers, String actingUser) {}

  /** The SOO's own step that a chase is about: its name, its deadline and its task (for the link), if open. */
  public record Overdue(String stepName, Instant deadline, String taskId) {}

  public static List<Notice> plan(TaskFacts task, List<String> soos, Overdue overdue, Function<String, String> taskLink) {
    List<Notice> notices = new ArrayList<>();
    boolean chase = NotifiedSteps.chase(task.taskKey()).isPresent();
    if (TaskListener.EVENTNAME_CREATE.equals(task.event())) {
      if (chase) {
        for (String member : distinct(task.groupMembers(), task.actingUser())) {
          notices.add(Notice.task(member, NoticeKind.CHASE, task.caseCode(), task.stepName(), task.dueAt(),
              taskLink.apply(task.taskId()), task.taskId()));
        }
        if (overdue != null) {
          for (String soo : distinct(soos, null)) {
            notices.add(Notice.task(soo, NoticeKind.OVERDUE, task.caseCode(), overdue.stepName(), overdue.deadline(),
                taskLink.apply(overdue.taskId()), task.taskId()));
          }
        }
      } else {
        for (String user : distinct(task.candidateUsers(), task.actingUser())) {
          notices.add(Notice.task(user, NoticeKind.TASK, task.caseCode(), task.stepName(), task.dueAt(),
              taskLink.apply(task.taskId()), task.taskId()));
        }
      }
    } else if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.event())) {
      String assignee = task.assignee();
      if (assignee != null && !assignee.isBlank() && !assignee.equals(task.actingUser())) {
        NoticeKind kind = NotifiedSteps.READ_CASE_PACK.equals(task.taskKey()) ? NoticeKind.ALLOCATION : NoticeKind.TASK;
        notices.add(Notice.task(assignee, kind, task.caseCode(), task.stepName(), task.dueAt(),
            taskLink.apply(task.taskId()), task.taskId()));
      }
    }
    return notices;
  }

  private static Set<String> distinct(List<String> users, String except) {
    Set<String> set = new LinkedHashSet<>();
    if (users != null) {
      users.stream().filter(Objects::nonNull).map(String::trim).filter(u -> !u.isEmpty())
          .filter(u -> !u.equals(except)).forEach(set::add);
    }
    return set;
  }
}
