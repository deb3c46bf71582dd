package uk.police.daoversight.allocation;

import static uk.police.daoversight.process.CaseVariables.ALLOCATED_SECOND_SOO;
import static uk.police.daoversight.process.CaseVariables.ALLOCATED_SOO;
import static uk.police.daoversight.process.CaseVariables.ALLOCATION_PROBLEM;
import static uk.police.daoversight.process.CaseVariables.ALLOCATION_REASON;
import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.CONTACT_DUE_DATE;
import static uk.police.daoversight.process.CaseVariables.DUAL_SOO;
import static uk.police.daoversight.process.CaseVariables.PREVIOUS_SOO;
import static uk.police.daoversight.process.CaseVariables.RECOMMENDATION;
import static uk.police.daoversight.process.CaseVariables.RECOMMENDED_SOOS;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.process.EngineText;
import uk.police.daoversight.process.Workers;

/**
 * "Record allocation": the chosen SOO(s) are allocated and given access, and the 72-hour clock
 * starts. An ineligible choice is the BPMN error {@code allocationRefused}: back to the coordinator
 * with the reason.
 */
@Component
public class RecordAllocationDelegate implements JavaDelegate {

  public static final String ALLOCATION_REFUSED = "allocationRefused";

  private final AllocationDesk desk;

  public RecordAllocationDelegate(AllocationDesk desk) {
    this.desk = desk;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> soos = new ArrayList<>();
    soos.add(trim(ALLOCATED_SOO.from(execution).getOrNull()));
    boolean dual = Boolean.TRUE.equals(DUAL_SOO.from(execution).getOrNull());
    if (dual) {
      soos.add(trim(ALLOCATED_SECOND_SOO.from(execution).getOrNull()));
    }
    String recommended = RECOMMENDED_SOOS.from(execution).getOrNull();
    try {
      AllocationDesk.Allocation done = desk.allocate(CASE_CODE.from(execution).get(), execution.getProcessInstanceId(), soos,
          recommended, PREVIOUS_SOO.from(execution).getOrNull(), ALLOCATION_REASON.from(execution).getOrNull(),
          Workers.lastCompletedBy(execution, "allocateSoo", "case-coordinators"));
      CONTACT_DUE_DATE.on(execution).set(Date.from(done.contactDue()));
      ALLOCATED_SOO.on(execution).set(done.soos().get(0));
      if (done.soos().size() > 1) {
        ALLOCATED_SECOND_SOO.on(execution).set(done.soos().get(1));
      }
      if (done.note() != null) {
        RECOMMENDATION.on(execution).set(done.note().length() > EngineText.MAX_CHARS
            ? done.note().substring(0, EngineText.MAX_CHARS) : done.note());
      }
      ALLOCATION_PROBLEM.on(execution).set(null);
    } catch (AllocationRefusedException e) {
      throw new BpmnError(ALLOCATION_REFUSED, e.getMessage());
    }
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}
