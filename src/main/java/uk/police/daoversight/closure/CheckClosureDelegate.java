package uk.police.daoversight.closure;

import static uk.police.daoversight.process.CaseVariables.ABUSE_OF_POSITION_CHECKED;
import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.CLOSURE_READY;
import static uk.police.daoversight.process.CaseVariables.CLOSURE_REFUSAL;
import static uk.police.daoversight.process.CaseVariables.IOPC_DECISION;
import static uk.police.daoversight.process.CaseVariables.IOPC_DECISION_REASON;
import static uk.police.daoversight.process.CaseVariables.IOPC_REFERRAL_CONSIDERED;
import static uk.police.daoversight.process.CaseVariables.OTHER_FORCE_CONSIDERED;
import static uk.police.daoversight.process.CaseVariables.RECORDED_AS_COMPLAINT_OR_CONDUCT;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check closure conditions": refused with every open action and missing answer listed. */
@Component
public class CheckClosureDelegate implements JavaDelegate {

  private final PanelActions actions;

  public CheckClosureDelegate(PanelActions actions) {
    this.actions = actions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> refusals = ClosureReadiness.refusals(actions.openActions(CASE_CODE.from(execution).get()),
        new ClosureReadiness.Assurance(RECORDED_AS_COMPLAINT_OR_CONDUCT.from(execution).getOrNull(),
            IOPC_REFERRAL_CONSIDERED.from(execution).getOrNull(), IOPC_DECISION.from(execution).getOrNull(),
            IOPC_DECISION_REASON.from(execution).getOrNull(), OTHER_FORCE_CONSIDERED.from(execution).getOrNull(),
            ABUSE_OF_POSITION_CHECKED.from(execution).getOrNull()));
    CLOSURE_READY.on(execution).set(refusals.isEmpty());
    CLOSURE_REFUSAL.on(execution).set(refusals.isEmpty() ? null
        : "Closure refused. " + String.join(". ", refusals) + ".");
  }
}
