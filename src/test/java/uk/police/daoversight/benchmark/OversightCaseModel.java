package uk.police.daoversight.benchmark;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.closure.PanelActions;
import uk.police.daoversight.closure.PanelOutcomes;
import uk.police.daoversight.intake.ReferralFormFields;

/**
 * Cases of the application: started as a referral arrives (the referral's fields as transient
 * variables, sealed into the vault by the start listener), and given the panel's outcome the way
 * the panel's "Send outcome" job hands it over ({@link PanelOutcomes#record}, in one transaction).
 */
final class OversightCaseModel implements CaseWalk.CaseModel {

  static final String PROCESS = "oversightCase";

  private final RuntimeService runtimeService;
  private final PanelOutcomes panelOutcomes;
  private final BenchmarkReferrals referrals;
  private final TransactionTemplate transaction;

  OversightCaseModel(OversightApp app, BenchmarkReferrals referrals) {
    this.runtimeService = app.bean(RuntimeService.class);
    this.panelOutcomes = app.bean(PanelOutcomes.class);
    this.referrals = referrals;
    this.transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
  }

  @Override
  public CaseWalk.Started start(int i) {
    ProcessInstance pi = runtimeService.createProcessInstanceByKey(PROCESS)
        .setVariables(ReferralFormFields.toTransientVariables(referrals.panelCase(i))).execute();
    return new CaseWalk.Started(pi.getId(), pi.getBusinessKey());
  }

  @Override
  public void recordPanelOutcome(CaseWalk.Started started) {
    // In one transaction, as the "Send outcome" job records it.
    transaction.executeWithoutResult(status -> panelOutcomes.record(PanelOutcomes.Outcome.of(started.businessKey(), List.of(
        new PanelActions.NewAction("Ask the investigator to update the victim weekly", "OIC", LocalDate.now().plusDays(14))),
        false)));
  }

  @Override
  public String processDefinitionKey() {
    return PROCESS;
  }
}
