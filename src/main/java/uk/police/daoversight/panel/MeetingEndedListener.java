package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.PANEL_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On the end of the calendar's entry and of the panel process, however they end: a meeting that was
 * not closed (the instance was deleted, the entry withdrawn) is cancelled, which frees its date and
 * its cases for other panels and ends its access. A closed meeting is left as it is.
 */
@Component
public class MeetingEndedListener implements ExecutionListener {

  private final PanelMeetings meetings;
  private final BreakoutRoom breakoutRoom;

  public MeetingEndedListener(PanelMeetings meetings, BreakoutRoom breakoutRoom) {
    this.meetings = meetings;
    this.breakoutRoom = breakoutRoom;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String meetingId = PANEL_ID.from(execution).getOrNull();
    if (meetingId == null) {
      return;
    }
    meetings.find(meetingId).filter(m -> PanelMeetings.OPEN.contains(m.status())).ifPresent(m -> {
      breakoutRoom.close(meetingId);
      meetings.cancelled(meetingId);
    });
  }
}
