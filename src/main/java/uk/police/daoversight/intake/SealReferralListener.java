package uk.police.daoversight.intake;

import static uk.police.daoversight.process.CaseVariables.BOTH_PARTIES_POLICE;
import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.COUNTER_ALLEGATION;
import static uk.police.daoversight.process.CaseVariables.PANEL_REQUESTED_RETURN;
import static uk.police.daoversight.process.CaseVariables.PERPETRATOR_IN_POSITION_OF_POWER;
import static uk.police.daoversight.process.CaseVariables.RISK_LEVEL;
import static uk.police.daoversight.process.CaseVariables.ROUTE;
import static uk.police.daoversight.process.CaseVariables.SERIAL_PERPETRATOR;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On "Referral received": seals the referral's identities into the vault, removes them from the
 * engine before anything is written, and makes the random case code the business key. Both ways in
 * (Tasklist start form, {@code POST /api/referrals}) pass through here.
 */
@Component
public class SealReferralListener implements ExecutionListener {

  private final ReferralService referrals;

  public SealReferralListener(ReferralService referrals) {
    this.referrals = referrals;
  }

  @Override
  public void notify(DelegateExecution execution) {
    ReferralRequest request = ReferralFormFields.read(execution);
    ReferralFormFields.removeAll(execution);
    ReferralService.SealedReferral sealed = referrals.seal(request);
    Referral referral = sealed.referral();
    execution.setProcessBusinessKey(sealed.caseCode());
    CASE_CODE.on(execution).set(sealed.caseCode());
    ROUTE.on(execution).set(referral.route().name());
    RISK_LEVEL.on(execution).set(referral.riskLevel().name());
    BOTH_PARTIES_POLICE.on(execution).set(referral.bothPartiesPolice());
    COUNTER_ALLEGATION.on(execution).set(referral.counterAllegation());
    SERIAL_PERPETRATOR.on(execution).set(referral.serialPerpetrator());
    PERPETRATOR_IN_POSITION_OF_POWER.on(execution).set(referral.perpetratorInPositionOfPower());
    PANEL_REQUESTED_RETURN.on(execution).set(false);
  }
}
