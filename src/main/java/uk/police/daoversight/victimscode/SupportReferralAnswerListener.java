package uk.police.daoversight.victimscode;

import static uk.police.daoversight.victimscode.SupportReferralProcess.REPORTED_AT;
import static uk.police.daoversight.victimscode.SupportReferralProcess.SUPPORT_DATE;
import static uk.police.daoversight.victimscode.SupportReferralProcess.SUPPORT_OUTCOME;
import static uk.police.daoversight.victimscode.SupportReferralProcess.SUPPORT_SERVICE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Confirm referral to support services", on complete: an answer the rules refuse (no outcome, no
 * service for a referral, a day in the future or before the report) is refused with a sentence;
 * the completion is rolled back and the task stays open with nothing lost.
 */
@Component
public class SupportReferralAnswerListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    SupportReferrals.check(SUPPORT_OUTCOME.from(task).getOrNull(), SUPPORT_SERVICE.from(task).getOrNull(),
        SUPPORT_DATE.from(task).getOrNull(), REPORTED_AT.from(task).get().toInstant(), ClockUtil.getCurrentTime().toInstant());
  }
}
