package uk.police.daoversight.allocation;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.ELIGIBLE_SOOS;
import static uk.police.daoversight.process.CaseVariables.NEW_SOO;
import static uk.police.daoversight.process.CaseVariables.REALLOCATION_PROBLEM;
import static uk.police.daoversight.process.CaseVariables.REALLOCATION_REASON;
import static uk.police.daoversight.process.CaseVariables.RECOMMENDATION;
import static uk.police.daoversight.process.CaseVariables.RECOMMENDED_SOOS;
import static uk.police.daoversight.process.CaseVariables.WITHDRAWAL_ID;
import static uk.police.daoversight.process.CaseVariables.WITHDRAWAL_REASON;
import static uk.police.daoversight.process.CaseVariables.WITHDRAWN_SOO;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Recommend a new SOO" in "Reallocate the case": claims the withdrawal this instance handles and
 * recommends the fairest eligible SOO for its party. Every variable is local to this instance, so
 * two SOOs withdrawn from one case are reallocated apart. Case codes, user ids and the
 * application's reasons only.
 */
@Component
public class RecommendReplacementDelegate implements JavaDelegate {

  private final AllocationDesk desk;

  public RecommendReplacementDelegate(AllocationDesk desk) {
    this.desk = desk;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseCode = CASE_CODE.from(execution).get();
    SooRoster.Withdrawal w = desk.claimWithdrawal(caseCode, execution.getId())
        .orElseThrow(() -> new IllegalStateException("No withdrawn SOO waits for reallocation on case " + caseCode));
    Recommendation r = desk.recommendReplacement(caseCode, w.party());
    WITHDRAWAL_ID.on(execution).setLocal(w.id());
    WITHDRAWN_SOO.on(execution).setLocal(w.userId());
    WITHDRAWAL_REASON.on(execution).setLocal(w.userId() + " was taken off the case: " + w.reason() + ".");
    RECOMMENDATION.on(execution).setLocal(r.explanation());
    RECOMMENDED_SOOS.on(execution).setLocal(String.join(",", r.recommended()));
    ELIGIBLE_SOOS.on(execution).setLocal(RecommendSooDelegate.eligibleSoos(desk.describe(r.eligible())));
    NEW_SOO.on(execution).setLocal(r.recommended().isEmpty() ? null : r.recommended().get(0));
    REALLOCATION_REASON.on(execution).setLocal(null);
    if (!execution.hasVariableLocal(REALLOCATION_PROBLEM.getName())) {
      REALLOCATION_PROBLEM.on(execution).setLocal(null);
    }
  }
}
