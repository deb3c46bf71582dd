package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.EMERGENCY_PANEL;
import static uk.police.daoversight.process.PanelVariables.MEETING_PROBLEM;
import static uk.police.daoversight.process.PanelVariables.MEETING_START;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;

import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Draw up the agenda": every waiting case, ordered by triage, packed into the meeting's time and
 * timed from its start. The calendar's panels come booked; a panel the administrator calls (an
 * emergency panel, or one without a time, which sits now) is booked here, and a time that cannot be
 * booked goes back to the administrator as {@value BookMeetingDelegate#MEETING_REFUSED}.
 */
@Component
public class DraftAgendaDelegate implements JavaDelegate {

  private final AgendaDesk desk;
  private final PanelMeetings meetings;
  private final PanelSettings settings;
  private final Clock clock;

  public DraftAgendaDelegate(AgendaDesk desk, PanelMeetings meetings, PanelSettings settings, Clock clock) {
    this.desk = desk;
    this.meetings = meetings;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String meetingId = PANEL_ID.from(execution).getOrNull();
    boolean emergency = Boolean.TRUE.equals(EMERGENCY_PANEL.from(execution).getOrNull());
    if (meetingId == null) {
      String start = MEETING_START.from(execution).getOrNull();
      if (start == null) {
        start = settings.format(java.time.LocalDateTime.ofInstant(clock.instant().plusSeconds(60), settings.zone()));
        MEETING_START.on(execution).set(start);
      }
      try {
        meetingId = desk.book(start, emergency);
      } catch (IllegalArgumentException | PanelMeetings.DateTakenException e) {
        MEETING_PROBLEM.on(execution).set(e.getMessage());
        throw new BpmnError(BookMeetingDelegate.MEETING_REFUSED, e.getMessage());
      }
      PANEL_ID.on(execution).set(meetingId);
      MEETING_PROBLEM.on(execution).set(null);
    }
    LocalDate date = LocalDate.ofInstant(meetings.find(meetingId).orElseThrow().heldOn(), settings.zone());
    execution.setProcessBusinessKey("PANEL-" + date + (emergency ? "-EMERGENCY" : ""));
    desk.draft(meetingId, execution.getProcessInstanceId());
    ReviseAgendaDelegate.show(execution, desk, meetingId);
  }
}
