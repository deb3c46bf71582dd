package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.ADD_CASES;
import static uk.police.daoversight.process.PanelVariables.ADD_CASE_CODES;
import static uk.police.daoversight.process.PanelVariables.ADD_CASE_OPTIONS;
import static uk.police.daoversight.process.PanelVariables.AGENDA_PROBLEM;
import static uk.police.daoversight.process.PanelVariables.AGENDA_SLOTS;
import static uk.police.daoversight.process.PanelVariables.AGENDA_SUMMARY;
import static uk.police.daoversight.process.PanelVariables.CARRIED_OVER_CASES;
import static uk.police.daoversight.process.PanelVariables.CARRIED_OVER_SUMMARY;
import static uk.police.daoversight.process.PanelVariables.CASE_ORDER;
import static uk.police.daoversight.process.PanelVariables.DEFER_CASES;
import static uk.police.daoversight.process.PanelVariables.DEFER_CASE_1;
import static uk.police.daoversight.process.PanelVariables.DEFER_CASE_2;
import static uk.police.daoversight.process.PanelVariables.DEFER_CASE_3;
import static uk.police.daoversight.process.PanelVariables.DEFER_REASON_1;
import static uk.police.daoversight.process.PanelVariables.DEFER_REASON_2;
import static uk.police.daoversight.process.PanelVariables.DEFER_REASON_3;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;
import static uk.police.daoversight.process.PanelVariables.PUT_FIRST;
import static uk.police.daoversight.process.PanelVariables.WAITING_CASE_OPTIONS;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Revise agenda" and "Publish agenda": the administrator's deferrals, additions and order are
 * applied to a fresh packing; publishing also opens the breakout room. A change the agenda cannot
 * take is the BPMN error {@code agendaChangeRefused}, back to the administrator with the reasons.
 * The form's choices come from lists (cases to put first, to add, up to three to defer with a
 * reason); the typed forms ({@code CODE: reason}, codes) of the API are still read.
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
    AgendaDesk.Changes changes = changes(execution);
    try {
      if (ScrutinyPanelProcess.PUBLISH_AGENDA.equals(execution.getCurrentActivityId())) {
        desk.publish(meetingId, changes);
      } else {
        desk.revise(meetingId, changes);
      }
    } catch (AgendaChangeRefusedException e) {
      throw new BpmnError(AGENDA_CHANGE_REFUSED, e.getMessage());
    }
    AGENDA_PROBLEM.on(execution).set(null);
    show(execution, desk, meetingId);
  }

  /** The agenda as the administrator's form shows it: summaries, the two tables and the lists to choose from. */
  static void show(DelegateExecution execution, AgendaDesk desk, String meetingId) {
    AGENDA_SUMMARY.on(execution).set(desk.summary(meetingId));
    CARRIED_OVER_SUMMARY.on(execution).set(desk.carriedOverSummary(meetingId));
    PanelFormData.write(execution, AGENDA_SLOTS, desk.slotRows(meetingId), false);
    PanelFormData.write(execution, CARRIED_OVER_CASES, desk.carriedOverRows(meetingId), false);
    PanelFormData.write(execution, WAITING_CASE_OPTIONS, desk.waitingOptions(meetingId), false);
    PanelFormData.write(execution, ADD_CASE_OPTIONS,
        desk.addOptions(meetingId, PanelFormData.values(execution.getVariable(ADD_CASE_CODES))), false);
  }

  /** The form's choices and the typed ones together, as the desk takes them. */
  static AgendaDesk.Changes changes(DelegateExecution execution) {
    List<String> deferrals = new ArrayList<>();
    String typed = DEFER_CASES.from(execution).getOrNull();
    if (typed != null && !typed.isBlank()) {
      deferrals.add(typed);
    }
    deferral(execution, DEFER_CASE_1, DEFER_REASON_1, deferrals);
    deferral(execution, DEFER_CASE_2, DEFER_REASON_2, deferrals);
    deferral(execution, DEFER_CASE_3, DEFER_REASON_3, deferrals);
    return new AgendaDesk.Changes(deferrals.isEmpty() ? null : String.join("\n", deferrals),
        joined(ADD_CASES.from(execution).getOrNull(), PanelFormData.values(execution.getVariable(ADD_CASE_CODES))),
        joined(CASE_ORDER.from(execution).getOrNull(), PanelFormData.values(execution.getVariable(PUT_FIRST))));
  }

  private static void deferral(DelegateExecution execution, VariableFactory<String> caseCode, VariableFactory<String> reason,
                               List<String> deferrals) {
    String code = caseCode.from(execution).getOrNull();
    if (code == null || code.isBlank()) {
      return;
    }
    String why = reason.from(execution).getOrNull();
    // Without a reason the desk refuses it ("needs a reason to be deferred"), back to the administrator.
    deferrals.add(code.trim() + ":" + (why == null ? "" : " " + why.replace('\n', ' ').replace(';', ',').trim()));
  }

  private static String joined(String typed, List<String> chosen) {
    List<String> all = new ArrayList<>();
    if (typed != null && !typed.isBlank()) {
      all.add(typed);
    }
    all.addAll(chosen);
    return all.isEmpty() ? null : String.join(",", all);
  }
}
