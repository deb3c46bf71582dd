package uk.police.daoversight.victimscode;

import static io.holunda.camunda.bpm.data.CamundaBpmData.dateVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.stringVariable;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.util.Date;

/** The Victims' Code support-referral clock ({@code processes/supportReferral.bpmn}): its key, message, steps and variables. */
public final class SupportReferralProcess {

  public static final String KEY = "supportReferral";
  public static final String CASE_RECORDED_MESSAGE = "caseRecorded";

  public static final String CONFIRM_SUPPORT_REFERRAL = "confirmSupportReferral";
  public static final String CHASE_SUPPORT_REFERRAL = "chaseSupportReferral";
  public static final String ESCALATE_SUPPORT_REFERRAL = "escalateSupportReferral";
  public static final String COUNT_SUPPORT_REFERRAL_CHASE = "countSupportReferralChase";
  public static final String SUPPORT_REFERRAL_LATE = "supportReferralLate";
  public static final String SUPPORT_REFERRAL_RECORDED = "supportReferralRecorded";

  /** When the clock runs out: the end of the last working day. */
  public static final VariableFactory<Date> SUPPORT_REFERRAL_DUE_DATE = uk.police.daoversight.process.CaseVariables.SUPPORT_REFERRAL_DUE_DATE;
  /** The report the clock runs from (the referral). */
  public static final VariableFactory<Date> REPORTED_AT = dateVariable("reportedAt");
  /** REFERRED (with consent) or DECLINED (the victim declined the offer). */
  public static final VariableFactory<String> SUPPORT_OUTCOME = stringVariable("supportOutcome");
  /** IDVA, DA_SERVICE or BOTH, when referred. */
  public static final VariableFactory<String> SUPPORT_SERVICE = stringVariable("supportService");
  /** The day of the referral or of the victim's decision, yyyy-mm-dd. */
  public static final VariableFactory<String> SUPPORT_DATE = stringVariable("supportDate");

  /** The variables' names, for the model-consistency check. */
  public static java.util.Set<String> names() {
    return uk.police.daoversight.process.VariableNames.of(SupportReferralProcess.class);
  }

  private SupportReferralProcess() {}
}
