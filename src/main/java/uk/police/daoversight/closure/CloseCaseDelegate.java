package uk.police.daoversight.closure;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.allocation.AllocationDesk;
import uk.police.daoversight.vault.IdentityVault;

/** "Close case": the SOOs' access ends and the force reference is free for a future case. */
@Component
public class CloseCaseDelegate implements JavaDelegate {

  private final AllocationDesk desk;
  private final IdentityVault vault;
  private final Clock clock;

  public CloseCaseDelegate(AllocationDesk desk, IdentityVault vault, Clock clock) {
    this.desk = desk;
    this.vault = vault;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseCode = CASE_CODE.from(execution).get();
    desk.release(caseCode, execution.getProcessInstanceId(), "case closed");
    vault.close(caseCode, clock.instant());
  }
}
