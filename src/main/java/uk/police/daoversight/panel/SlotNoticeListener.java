package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.JOINING_LINK;
import static uk.police.daoversight.process.PanelVariables.MEETING_TIMES;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;
import static uk.police.daoversight.process.PanelVariables.SLOT_TIME;
import static uk.police.daoversight.process.PanelVariables.SOO_AGENDA_LINE;
import static uk.police.daoversight.process.PanelVariables.SOO_SLOT;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Your panel slot": the SOO's notice, assigned to them, with the meeting, their slot's time, how to
 * join (oversight.panel.joining-link) and the agenda line of their own case only.
 */
@Component
public class SlotNoticeListener implements TaskListener {

  private final AgendaDesk desk;
  private final PanelAttendance attendance;
  private final PanelSettings settings;

  public SlotNoticeListener(AgendaDesk desk, PanelAttendance attendance, PanelSettings settings) {
    this.desk = desk;
    this.attendance = attendance;
    this.settings = settings;
  }

  @Override
  public void notify(DelegateTask task) {
    String meetingId = PANEL_ID.from(task).get();
    String caseCode = AgendaDesk.caseOfSlot(SOO_SLOT.from(task).get());
    MEETING_TIMES.on(task).setLocal(attendance.meetingTimes(meetingId));
    SLOT_TIME.on(task).setLocal(desk.slotTimes(meetingId, caseCode));
    JOINING_LINK.on(task).setLocal(settings.getJoiningLink());
    SOO_AGENDA_LINE.on(task).setLocal(desk.describe(meetingId, caseCode));
  }
}
