package uk.police.daoversight.intake;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.LINK_TO_PREVIOUS_CASE;
import static uk.police.daoversight.process.CaseVariables.PREVIOUS_CASE_CODES;
import static uk.police.daoversight.process.CaseVariables.PREVIOUS_SOO;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.allocation.AllocationDesk;

/** "Search previous cases": the vault matches the same people; only case codes come back. */
@Component
public class FindPreviousCasesDelegate implements JavaDelegate {

  private final AllocationDesk desk;

  public FindPreviousCasesDelegate(AllocationDesk desk) {
    this.desk = desk;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AllocationDesk.History history = desk.history(CASE_CODE.from(execution).get());
    PREVIOUS_CASE_CODES.on(execution).set(history.previousCases() == null ? "None found" : history.previousCases());
    PREVIOUS_SOO.on(execution).set(history.previousSoo());
    LINK_TO_PREVIOUS_CASE.on(execution).set(history.latestVictimCase() != null);
  }
}
