package uk.police.daoversight.victimscode;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.victimscode.SupportReferralProcess.REPORTED_AT;
import static uk.police.daoversight.victimscode.SupportReferralProcess.SUPPORT_REFERRAL_DUE_DATE;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import uk.police.daoversight.deadline.Deadlines;

/**
 * When a case is recorded ("Referral received" ends, the case code set), the Victims' Code clock
 * for the referral to support services starts as its own process with the same case code: due at
 * the end of the set number of working days after the day of the report.
 */
@Component
public class StartSupportReferralListener implements ExecutionListener {

  private final Deadlines deadlines;
  private final SupportReferrals referrals;

  public StartSupportReferralListener(Deadlines deadlines, SupportReferrals referrals) {
    this.deadlines = deadlines;
    this.referrals = referrals;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String caseCode = CASE_CODE.from(execution).get();
    Instant reported = ClockUtil.getCurrentTime().toInstant();
    Date due = deadlines.supportReferralDueBy(Date.from(reported));
    referrals.open(caseCode, reported, due.toInstant());
    execution.getProcessEngineServices().getRuntimeService()
        .createMessageCorrelation(SupportReferralProcess.CASE_RECORDED_MESSAGE)
        .processInstanceBusinessKey(caseCode)
        .setVariable(CASE_CODE.getName(), caseCode)
        .setVariable(REPORTED_AT.getName(), Date.from(reported))
        .setVariable(SUPPORT_REFERRAL_DUE_DATE.getName(), due)
        .correlateStartMessage();
  }
}
