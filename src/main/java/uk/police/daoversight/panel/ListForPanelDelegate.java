package uk.police.daoversight.panel;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.RISK_LEVEL;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Put the case on the panel list": a new case waits for the next scrutiny panel. */
@Component
public class ListForPanelDelegate implements JavaDelegate {

  private final PanelCandidates candidates;

  public ListForPanelDelegate(PanelCandidates candidates) {
    this.candidates = candidates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    candidates.list(CASE_CODE.from(execution).get(), PanelCandidates.NEW, false, RISK_LEVEL.from(execution).get());
  }
}
