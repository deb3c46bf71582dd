package uk.police.daoversight.allocation;

import static uk.police.daoversight.process.CaseVariables.ASSIGNED_SOO;
import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.CASE_PACK_READ;
import static uk.police.daoversight.process.CaseVariables.CONFLICT_DECLARED;
import static uk.police.daoversight.process.CaseVariables.CONFLICT_REASON;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Hand the case back": the SOO declared a conflict on the case pack. Their allocation and access
 * end, the conflict is kept with the case's sealed identities, and the coordinators are asked to
 * reallocate; this SOO's "Reach the victim" waits for the new SOO ({@link ReallocationService}).
 */
@Component
public class HandCaseBackDelegate implements JavaDelegate {

  private final ReallocationService reallocation;

  public HandCaseBackDelegate(ReallocationService reallocation) {
    this.reallocation = reallocation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reallocation.declareConflict(CASE_CODE.from(execution).get(), execution.getProcessInstanceId(),
        ASSIGNED_SOO.from(execution).get(), CONFLICT_REASON.from(execution).getOrNull());
    // The new SOO's case pack starts clean.
    CONFLICT_DECLARED.on(execution).set(false);
    CONFLICT_REASON.on(execution).set(null);
    CASE_PACK_READ.on(execution).set(null);
  }
}
