package uk.police.daoversight.deadline;

import static uk.police.daoversight.process.CaseVariables.ACTION_DUE_DATE;
import static uk.police.daoversight.process.CaseVariables.ALLOCATED_SOO;
import static uk.police.daoversight.process.CaseVariables.ASSIGNED_SOO;
import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.CHASE_DUE_DATE;
import static uk.police.daoversight.process.CaseVariables.SUPPORT_REFERRAL_DUE_DATE;
import static uk.police.daoversight.process.CaseVariables.CHASE_ESCALATED;
import static uk.police.daoversight.process.CaseVariables.CHASE_NUMBER;
import static uk.police.daoversight.process.CaseVariables.CHASE_SUMMARY;
import static uk.police.daoversight.process.CaseVariables.CONTACT_DUE_DATE;
import static uk.police.daoversight.process.CaseVariables.SCHEDULED_CONTACT_DUE_DATE;
import static uk.police.daoversight.process.CaseVariables.UPDATE_DUE_DATE;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.util.Arrays;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Count the chase": each firing of a repeating chase timer becomes one numbered chase. The chase
 * facts are local to the chase's event subprocess instance (chaseNumber, chaseEscalated,
 * chaseSummary, chaseDueDate): the task names and forms show them, and they end with the chase.
 * The summary says which SOO (their user id, as Tasklist shows it), which case code and how late;
 * never a name or other identity.
 */
@Component
public class CountChaseDelegate implements JavaDelegate {

  /** The deadlines that are chased, by the id of their "Count the chase" step. */
  enum Watched {
    FIRST_CONTACT("countContactChase", CONTACT_DUE_DATE, "first contact with the victim"),
    CASE_UPDATE("countUpdateChase", UPDATE_DUE_DATE, "case update"),
    SCHEDULED_CONTACT("countScheduledContactChase", SCHEDULED_CONTACT_DUE_DATE, "scheduled contact with the victim"),
    PANEL_ACTION("countActionChase", ACTION_DUE_DATE, "panel action"),
    SUPPORT_REFERRAL("countSupportReferralChase", SUPPORT_REFERRAL_DUE_DATE, "referral to support services");

    final String activityId;
    final VariableFactory<Date> deadline;
    final String what;

    Watched(String activityId, VariableFactory<Date> deadline, String what) {
      this.activityId = activityId;
      this.deadline = deadline;
      this.what = what;
    }

    static Watched of(String activityId) {
      return Arrays.stream(values()).filter(w -> w.activityId.equals(activityId)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no deadline is chased at step " + activityId));
    }
  }

  private final Deadlines deadlines;

  public CountChaseDelegate(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Watched watched = Watched.of(execution.getCurrentActivityId());
    Date deadline = watched.deadline.from(execution).get();
    Chases.Chase chase = deadlines.chases().at(deadline.toInstant(), ClockUtil.getCurrentTime().toInstant());
    String soo = ASSIGNED_SOO.from(execution).getOrNull();
    if (soo == null) {
      soo = ALLOCATED_SOO.from(execution).getOrNull();
    }
    CHASE_NUMBER.on(execution).setLocal(chase.number());
    CHASE_ESCALATED.on(execution).setLocal(chase.escalated());
    CHASE_DUE_DATE.on(execution).setLocal(Date.from(chase.nextChase()));
    CHASE_SUMMARY.on(execution).setLocal(summary(watched.what, CASE_CODE.from(execution).get(), soo, chase));
  }

  static String summary(String what, String caseCode, String soo, Chases.Chase chase) {
    return "case " + caseCode + (soo == null ? "" : ", SOO " + soo) + ": " + what + " " + chase.lateness()
        + " (chase " + chase.number() + ")";
  }
}
