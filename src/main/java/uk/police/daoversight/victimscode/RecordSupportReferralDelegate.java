package uk.police.daoversight.victimscode;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.victimscode.SupportReferralProcess.REPORTED_AT;
import static uk.police.daoversight.victimscode.SupportReferralProcess.SUPPORT_DATE;
import static uk.police.daoversight.victimscode.SupportReferralProcess.SUPPORT_OUTCOME;
import static uk.police.daoversight.victimscode.SupportReferralProcess.SUPPORT_SERVICE;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Record the support referral": the checked answer goes to {@code support_referral} for the figures. */
@Component
public class RecordSupportReferralDelegate implements JavaDelegate {

  private final SupportReferrals referrals;

  public RecordSupportReferralDelegate(SupportReferrals referrals) {
    this.referrals = referrals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    SupportReferrals.Answer answer = SupportReferrals.check(SUPPORT_OUTCOME.from(execution).getOrNull(),
        SUPPORT_SERVICE.from(execution).getOrNull(), SUPPORT_DATE.from(execution).getOrNull(),
        REPORTED_AT.from(execution).get().toInstant(), now);
    String user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null ? null
        : execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
    referrals.record(CASE_CODE.from(execution).get(), answer, user, now);
  }
}
