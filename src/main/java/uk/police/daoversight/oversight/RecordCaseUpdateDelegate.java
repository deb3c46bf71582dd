package uk.police.daoversight.oversight;

import static uk.police.daoversight.process.CaseVariables.BRING_TO_PANEL;
import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.CLOSURE_REFUSAL;
import static uk.police.daoversight.process.CaseVariables.CLOSURE_REQUESTED;
import static uk.police.daoversight.process.CaseVariables.CLOSURE_RETURN_REASON;
import static uk.police.daoversight.process.CaseVariables.CONCERN_INVESTIGATOR_CHANGED;
import static uk.police.daoversight.process.CaseVariables.COMPLEX_ROUTE;
import static uk.police.daoversight.process.CaseVariables.CONCERN_LACK_OF_UPDATES;
import static uk.police.daoversight.process.CaseVariables.CONCERN_LENGTHY_INVESTIGATION;
import static uk.police.daoversight.process.CaseVariables.CRIMINAL_INVESTIGATION_STATUS;
import static uk.police.daoversight.process.CaseVariables.MISCONDUCT_INVESTIGATION_STATUS;
import static uk.police.daoversight.process.CaseVariables.REQUEST_CLOSURE;
import static uk.police.daoversight.process.CaseVariables.RISK_LEVEL;
import static uk.police.daoversight.process.CaseVariables.SUPPORT_DA_SERVICE;
import static uk.police.daoversight.process.CaseVariables.SUPPORT_IDVA;
import static uk.police.daoversight.process.CaseVariables.SUPPORT_WELLBEING;
import static uk.police.daoversight.process.CaseVariables.UPDATE_SUMMARY;
import static uk.police.daoversight.process.CaseVariables.VICTIM_CONTACTED;
import static uk.police.daoversight.process.CaseVariables.VICTIM_SUPPORTS_INVESTIGATION;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.panel.PanelCandidates;
import uk.police.daoversight.process.Workers;

/**
 * "File the update": the case update form entry becomes a row of the live record; a case the SOO
 * brings back goes on the panel list; a closure request is taken from the form, and the form is made
 * ready for the next update.
 */
@Component
public class RecordCaseUpdateDelegate implements JavaDelegate {

  private final CaseUpdates updates;
  private final PanelCandidates panelCandidates;

  public RecordCaseUpdateDelegate(CaseUpdates updates, PanelCandidates panelCandidates) {
    this.updates = updates;
    this.panelCandidates = panelCandidates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    updates.add(new CaseUpdates.Entry(CASE_CODE.from(execution).get(),
        Workers.lastCompletedBy(execution, "updateCase", "unknown"), CaseUpdates.Kind.UPDATE,
        isTrue(VICTIM_CONTACTED.from(execution).getOrNull()),
        CRIMINAL_INVESTIGATION_STATUS.from(execution).getOrNull(), MISCONDUCT_INVESTIGATION_STATUS.from(execution).getOrNull(),
        isTrue(CONCERN_LACK_OF_UPDATES.from(execution).getOrNull()), isTrue(CONCERN_INVESTIGATOR_CHANGED.from(execution).getOrNull()),
        isTrue(CONCERN_LENGTHY_INVESTIGATION.from(execution).getOrNull()),
        isTrue(SUPPORT_WELLBEING.from(execution).getOrNull()), isTrue(SUPPORT_IDVA.from(execution).getOrNull()),
        isTrue(SUPPORT_DA_SERVICE.from(execution).getOrNull()), VICTIM_SUPPORTS_INVESTIGATION.from(execution).getOrNull(),
        UPDATE_SUMMARY.from(execution).getOrNull()));
    if (isTrue(BRING_TO_PANEL.from(execution).getOrNull())) {
      boolean complex = "CASE_CONFERENCE".equals(COMPLEX_ROUTE.from(execution).getOrNull());
      panelCandidates.list(CASE_CODE.from(execution).get(), PanelCandidates.UPDATE, false, RISK_LEVEL.from(execution).get(), true,
          complex);
    }
    BRING_TO_PANEL.on(execution).set(false);
    CLOSURE_REQUESTED.on(execution).set(isTrue(REQUEST_CLOSURE.from(execution).getOrNull()));
    REQUEST_CLOSURE.on(execution).set(false);
    VICTIM_CONTACTED.on(execution).set(false);
    UPDATE_SUMMARY.on(execution).set(null);
    CLOSURE_REFUSAL.on(execution).set(null);
    CLOSURE_RETURN_REASON.on(execution).set(null);
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
