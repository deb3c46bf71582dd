package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.AGENDA_SUMMARY;
import static uk.police.daoversight.process.PanelVariables.CARRIED_OVER_SUMMARY;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Draw up the agenda": every waiting case, ordered by triage, packed into the panel's time. */
@Component
public class DraftAgendaDelegate implements JavaDelegate {

  private final AgendaDesk desk;
  private final Clock clock;

  public DraftAgendaDelegate(AgendaDesk desk, Clock clock) {
    this.desk = desk;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String meetingId = UUID.randomUUID().toString();
    execution.setProcessBusinessKey("PANEL-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    desk.draft(meetingId, execution.getProcessInstanceId());
    PANEL_ID.on(execution).set(meetingId);
    AGENDA_SUMMARY.on(execution).set(desk.summary(meetingId));
    CARRIED_OVER_SUMMARY.on(execution).set(desk.carriedOverSummary(meetingId));
  }
}
