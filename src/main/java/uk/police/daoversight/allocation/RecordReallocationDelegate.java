package uk.police.daoversight.allocation;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.NEW_SOO;
import static uk.police.daoversight.process.CaseVariables.REALLOCATION_PROBLEM;
import static uk.police.daoversight.process.CaseVariables.REALLOCATION_REASON;
import static uk.police.daoversight.process.CaseVariables.RECOMMENDED_SOOS;
import static uk.police.daoversight.process.CaseVariables.WITHDRAWAL_ID;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.process.Workers;

/**
 * "Record reallocation": the coordinators' choice takes over the withdrawn SOO's party, with access
 * and the case's open work. An ineligible choice is the BPMN error {@value #REALLOCATION_REFUSED}:
 * a fresh recommendation and the reason go back to the coordinator.
 */
@Component
public class RecordReallocationDelegate implements JavaDelegate {

  public static final String REALLOCATION_REFUSED = "reallocationRefused";

  private final ReallocationService reallocation;

  public RecordReallocationDelegate(ReallocationService reallocation) {
    this.reallocation = reallocation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String chosen = NEW_SOO.from(execution).getOrNull();
    try {
      reallocation.replace(CASE_CODE.from(execution).get(), execution.getProcessInstanceId(), WITHDRAWAL_ID.from(execution).get(),
          chosen == null ? null : chosen.trim(), RECOMMENDED_SOOS.from(execution).getOrNull(),
          REALLOCATION_REASON.from(execution).getOrNull(), Workers.lastCompletedBy(execution, "chooseNewSoo", "case-coordinators"));
      REALLOCATION_PROBLEM.on(execution).set(null);
    } catch (AllocationRefusedException e) {
      throw new BpmnError(REALLOCATION_REFUSED, e.getMessage());
    }
  }
}
