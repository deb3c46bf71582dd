package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.PANEL_ID;
import static uk.police.daoversight.process.PanelVariables.PARTNER_AGENCIES_ATTENDING;
import static uk.police.daoversight.process.PanelVariables.PARTNER_AGENCY_NAMES;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Close the meeting": the breakout room closes (all meeting access ends); attendance is kept. */
@Component
public class CloseMeetingDelegate implements JavaDelegate {

  private final AgendaDesk desk;
  private final ActionReview actionReview;

  public CloseMeetingDelegate(AgendaDesk desk, ActionReview actionReview) {
    this.desk = desk;
    this.actionReview = actionReview;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object attending = execution.getVariable(PARTNER_AGENCIES_ATTENDING.getName());
    actionReview.closeUnreviewed(PANEL_ID.from(execution).get());
    desk.close(PANEL_ID.from(execution).get(), attending == null ? null : ((Number) attending).intValue(),
        PARTNER_AGENCY_NAMES.from(execution).getOrNull());
  }
}
