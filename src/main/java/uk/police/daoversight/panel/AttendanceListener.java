package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.MEMBERS_PRESENT;
import static uk.police.daoversight.process.PanelVariables.MEMBER_OPTIONS;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;
import static uk.police.daoversight.process.PanelVariables.PARTNERS_PRESENT;
import static uk.police.daoversight.process.PanelVariables.PARTNER_OPTIONS;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Record attendance": on create, who may be named (the form's two lists); on complete, the people
 * present are named for the meeting, or the task stays open with the reason (400 in Tasklist).
 */
@Component
public class AttendanceListener implements TaskListener {

  private final PanelAttendance attendance;

  public AttendanceListener(PanelAttendance attendance) {
    this.attendance = attendance;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      PanelFormData.write(task, MEMBER_OPTIONS, attendance.memberOptions(), true);
      PanelFormData.write(task, PARTNER_OPTIONS, attendance.partnerOptions(), true);
      return;
    }
    try {
      attendance.name(PANEL_ID.from(task).get(), PanelFormData.values(task.getVariable(MEMBERS_PRESENT)),
          PanelFormData.values(task.getVariable(PARTNERS_PRESENT)));
    } catch (PanelAttendance.RefusedException e) {
      throw new BadUserRequestException(e.getMessage());
    }
  }
}
