package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.ADD_CASES;
import static uk.police.daoversight.process.PanelVariables.AGENDA_PROBLEM;
import static uk.police.daoversight.process.PanelVariables.AGENDA_SUMMARY;
import static uk.police.daoversight.process.PanelVariables.CARRIED_OVER_SUMMARY;
import static uk.police.daoversight.process.PanelVariables.CASE_ORDER;
import static uk.police.daoversight.process.PanelVariables.DEFER_CASES;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Revise agenda" and "Publish agenda": the administrator's deferrals, additions and order are
 * applied to a fresh packing; publishing also opens the breakout room. A change the agenda cannot
 * take is the BPMN error {@code agendaChangeRefused}, back to the administrator with the reasons.
 */
@Component
public class ReviseAgendaDelegate implements JavaDelegate {

  public static final String AGENDA_CHANGE_REFUSED = "agendaChangeRefused";

  private final AgendaDesk desk;

  public ReviseAgendaDelegate(AgendaDesk desk) {
    this.desk = desk;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String meetingId = PANEL_ID.from(execution).get();
    AgendaDesk.Changes changes = new AgendaDesk.Changes(DEFER_CASES.from(execution).getOrNull(),
        ADD_CASES.from(execution).getOrNull(), CASE_ORDER.from(execution).getOrNull());
    try {
      if ("publishAgenda".equals(execution.getCurrentActivityId())) {
        desk.publish(meetingId, changes);
      } else {
        desk.revise(meetingId, changes);
      }
    } catch (AgendaChangeRefusedException e) {
      throw new BpmnError(AGENDA_CHANGE_REFUSED, e.getMessage());
    }
    AGENDA_PROBLEM.on(execution).set(null);
    AGENDA_SUMMARY.on(execution).set(desk.summary(meetingId));
    CARRIED_OVER_SUMMARY.on(execution).set(desk.carriedOverSummary(meetingId));
  }
}
