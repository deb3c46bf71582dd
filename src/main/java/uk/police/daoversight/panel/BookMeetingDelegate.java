package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.AGENDA_DUE_AT;
import static uk.police.daoversight.process.PanelVariables.EMERGENCY_PANEL;
import static uk.police.daoversight.process.PanelVariables.MEETING_PROBLEM;
import static uk.police.daoversight.process.PanelVariables.MEETING_START;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Book the meeting" (the calendar) and the booking of a panel the administrator calls: the chosen
 * date and time is booked, or refused as the BPMN error {@value #MEETING_REFUSED} with the reason
 * (past, unreadable, or a date another open panel holds) back to the administrator.
 */
@Component
public class BookMeetingDelegate implements JavaDelegate {

  public static final String MEETING_REFUSED = "meetingRefused";

  private final AgendaDesk desk;
  private final PanelSettings settings;

  public BookMeetingDelegate(AgendaDesk desk, PanelSettings settings) {
    this.desk = desk;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String start = MEETING_START.from(execution).getOrNull();
    String meetingId;
    try {
      meetingId = desk.book(start, Boolean.TRUE.equals(EMERGENCY_PANEL.from(execution).getOrNull()));
    } catch (IllegalArgumentException | PanelMeetings.DateTakenException e) {
      MEETING_PROBLEM.on(execution).set(e.getMessage());
      throw new BpmnError(MEETING_REFUSED, e.getMessage());
    }
    PANEL_ID.on(execution).set(meetingId);
    MEETING_PROBLEM.on(execution).set(null);
    AGENDA_DUE_AT.on(execution).set(settings.agendaDrawAt(start));
  }
}
