package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.ATTENDEE;
import static uk.police.daoversight.process.PanelVariables.CONFIDENTIALITY_ACKNOWLEDGED;
import static uk.police.daoversight.process.PanelVariables.MEETING_TIMES;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Acknowledge confidentiality": one task per attendee, assigned to them. On create, the meeting it
 * is for; on complete, the attendee (and only the attendee, never a task passed to someone else)
 * acknowledges and is given the agenda's cases for the meeting's time.
 */
@Component
public class ConfidentialityListener implements TaskListener {

  private final PanelAttendance attendance;

  public ConfidentialityListener(PanelAttendance attendance) {
    this.attendance = attendance;
  }

  @Override
  public void notify(DelegateTask task) {
    String meetingId = PANEL_ID.from(task).get();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      MEETING_TIMES.on(task).setLocal(attendance.meetingTimes(meetingId));
      return;
    }
    String attendee = ATTENDEE.from(task).get();
    if (!attendee.equals(task.getAssignee())) {
      throw new BadUserRequestException("Only " + attendee + " acknowledges confidentiality for their own attendance");
    }
    if (!Boolean.TRUE.equals(CONFIDENTIALITY_ACKNOWLEDGED.from(task).getOrNull())) {
      throw new BadUserRequestException("Tick the acknowledgement: without it the meeting's cases stay closed to you");
    }
    try {
      attendance.acknowledge(meetingId, attendee);
    } catch (PanelAttendance.RefusedException e) {
      throw new BadUserRequestException(e.getMessage());
    }
  }
}
