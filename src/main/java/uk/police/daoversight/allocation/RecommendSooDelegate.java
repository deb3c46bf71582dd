package uk.police.daoversight.allocation;

import static uk.police.daoversight.process.CaseVariables.ALLOCATED_SECOND_SOO;
import static uk.police.daoversight.process.CaseVariables.ALLOCATED_SOO;
import static uk.police.daoversight.process.CaseVariables.ALLOCATION_PROBLEM;
import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.DUAL_SOO;
import static uk.police.daoversight.process.CaseVariables.ELIGIBLE_SOOS;
import static uk.police.daoversight.process.CaseVariables.LINK_TO_PREVIOUS_CASE;
import static uk.police.daoversight.process.CaseVariables.PREVIOUS_SOO;
import static uk.police.daoversight.process.CaseVariables.RECOMMENDATION;
import static uk.police.daoversight.process.CaseVariables.RECOMMENDED_SOOS;
import static uk.police.daoversight.process.CaseVariables.SOO_FOUND;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.process.EngineText;

/**
 * "Recommend SOO": fair rotation free of conflicts. Pre-fills the allocation form with the
 * recommendation; no eligible SOO is a business outcome the gateway routes to the coordinators.
 */
@Component
public class RecommendSooDelegate implements JavaDelegate {

  /** How much of the eligible SOOs the allocation form shows before it counts the rest. */
  static final int ELIGIBLE_SHOWN_CHARS = 2_500;

  private final AllocationDesk desk;

  public RecommendSooDelegate(AllocationDesk desk) {
    this.desk = desk;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseCode = CASE_CODE.from(execution).get();
    if (Boolean.TRUE.equals(LINK_TO_PREVIOUS_CASE.from(execution).getOrNull())) {
      desk.linkToPrevious(caseCode);
    }
    boolean dual = Boolean.TRUE.equals(DUAL_SOO.from(execution).getOrNull());
    Recommendation r = desk.recommend(caseCode, PREVIOUS_SOO.from(execution).getOrNull(), dual);
    SOO_FOUND.on(execution).set(r.found());
    RECOMMENDATION.on(execution).set(r.explanation());
    RECOMMENDED_SOOS.on(execution).set(String.join(",", r.recommended()));
    ELIGIBLE_SOOS.on(execution).set(eligibleSoos(desk.describe(r.eligible())));
    ALLOCATED_SOO.on(execution).set(r.recommended().isEmpty() ? null : r.recommended().get(0));
    ALLOCATED_SECOND_SOO.on(execution).set(dual && r.recommended().size() > 1 ? r.recommended().get(1) : null);
    ALLOCATION_PROBLEM.on(execution).set(null);
  }

  /**
   * The form's "Eligible SOOs, fairest first": the fairest up to {@link #ELIGIBLE_SHOWN_CHARS}, then
   * how many more. A regional roster has hundreds; every one is still checked when the coordinator
   * types a user id.
   */
  static String eligibleSoos(List<String> eligible) {
    return eligible.isEmpty() ? "None"
        : EngineText.joinWithin(eligible, "\n", ELIGIBLE_SHOWN_CHARS, n -> "and " + n + " more");
  }
}
