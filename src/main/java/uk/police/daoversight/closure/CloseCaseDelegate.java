package uk.police.daoversight.closure;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.allocation.AllocationDesk;
import uk.police.daoversight.panel.PanelCandidates;
import uk.police.daoversight.vault.IdentityVault;

/**
 * "Close case": the SOOs' access ends, the case leaves the panel list and the force reference is
 * free for a future case.
 */
@Component
public class CloseCaseDelegate implements JavaDelegate {

  private final AllocationDesk desk;
  private final IdentityVault vault;
  private final PanelCandidates panelCandidates;
  private final Clock clock;

  public CloseCaseDelegate(AllocationDesk desk, IdentityVault vault, PanelCandidates panelCandidates, Clock clock) {
    this.desk = desk;
    this.vault = vault;
    this.panelCandidates = panelCandidates;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseCode = CASE_CODE.from(execution).get();
    desk.release(caseCode, execution.getProcessInstanceId(), "case closed");
    vault.close(caseCode, clock.instant());
    panelCandidates.remove(caseCode);
  }
}
