package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.ACTION1_DUE;
import static uk.police.daoversight.process.PanelVariables.ACTION1_OWNER;
import static uk.police.daoversight.process.PanelVariables.ACTION1_WHAT;
import static uk.police.daoversight.process.PanelVariables.ACTION2_DUE;
import static uk.police.daoversight.process.PanelVariables.ACTION2_OWNER;
import static uk.police.daoversight.process.PanelVariables.ACTION2_WHAT;
import static uk.police.daoversight.process.PanelVariables.ACTION3_DUE;
import static uk.police.daoversight.process.PanelVariables.ACTION3_OWNER;
import static uk.police.daoversight.process.PanelVariables.ACTION3_WHAT;
import static uk.police.daoversight.process.PanelVariables.AGENDA_CASE_CODE;
import static uk.police.daoversight.process.PanelVariables.AGREED_ACTIONS;
import static uk.police.daoversight.process.PanelVariables.BRING_BACK;
import static uk.police.daoversight.process.PanelVariables.DIRECTION_FOR_INVESTIGATION;
import static uk.police.daoversight.process.PanelVariables.DIRECTION_FOR_VICTIM;
import static uk.police.daoversight.process.PanelVariables.ESCALATE_TO_CONFERENCE;
import static uk.police.daoversight.process.PanelVariables.GOOD_PRACTICE;
import static uk.police.daoversight.process.PanelVariables.INDIVIDUAL_LEARNING;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;
import static uk.police.daoversight.process.PanelVariables.PRIMARY_PARTIES;
import static uk.police.daoversight.process.PanelVariables.SLOT_RESULT;
import static uk.police.daoversight.process.PanelVariables.SLOT_RESULT_REASON;
import static uk.police.daoversight.process.PanelVariables.THEMES;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.police.daoversight.closure.PanelActions;
import uk.police.daoversight.closure.PanelOutcomes;
import uk.police.daoversight.process.CaseVariables;
import uk.police.daoversight.process.Workers;

/**
 * "Send the outcome to the case", on the panel and at a case conference: the direction, actions
 * (the panel's list of agreed actions, a conference's three fixed rows), learning and themes are
 * recorded and the case process is told.
 */
@Component
public class SendOutcomeDelegate implements JavaDelegate {

  private final PanelOutcomes outcomes;
  private final Themes themes;
  private final AgendaDesk desk;

  public SendOutcomeDelegate(PanelOutcomes outcomes, Themes themes, AgendaDesk desk) {
    this.outcomes = outcomes;
    this.themes = themes;
    this.desk = desk;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean conference = execution.getProcessDefinitionId().startsWith("caseConference:");
    String caseCode = conference ? CaseVariables.CASE_CODE.from(execution).get() : AGENDA_CASE_CODE.from(execution).get();
    if (!conference) {
      AgendaDesk.SlotResult result = slotResult(SLOT_RESULT.from(execution).getOrNull());
      if (result != AgendaDesk.SlotResult.DISCUSSED) {
        desk.notDiscussed(PANEL_ID.from(execution).get(), caseCode, result, SLOT_RESULT_REASON.from(execution).getOrNull());
        return;
      }
      desk.discussed(PANEL_ID.from(execution).get(), caseCode);
    }
    String task = conference ? "recordConferenceOutcome" : "recordOutcome";
    outcomes.record(new PanelOutcomes.Outcome(caseCode, conference ? null : PANEL_ID.from(execution).get(),
        conference ? PanelOutcomes.Kind.CONFERENCE : PanelOutcomes.Kind.PANEL,
        DIRECTION_FOR_VICTIM.from(execution).getOrNull(), DIRECTION_FOR_INVESTIGATION.from(execution).getOrNull(),
        INDIVIDUAL_LEARNING.from(execution).getOrNull(), GOOD_PRACTICE.from(execution).getOrNull(),
        chosenThemes(execution.getVariable(THEMES)), actions(execution),
        Boolean.TRUE.equals(BRING_BACK.from(execution).getOrNull()),
        Boolean.TRUE.equals(ESCALATE_TO_CONFERENCE.from(execution).getOrNull()),
        conference ? PRIMARY_PARTIES.from(execution).getOrNull() : null,
        Workers.lastCompletedBy(execution, task, null)));
  }

  /** No answer is a discussed case (the form's default). */
  static AgendaDesk.SlotResult slotResult(String value) {
    return value == null || value.isBlank() ? AgendaDesk.SlotResult.DISCUSSED : AgendaDesk.SlotResult.valueOf(value);
  }

  private List<String> chosenThemes(Object value) {
    List<String> ids = new ArrayList<>();
    if (value instanceof SpinJsonNode node && node.isArray()) {
      node.elements().forEach(e -> ids.add(e.stringValue()));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> ids.add(String.valueOf(v)));
    }
    return ids.stream().filter(themes::isActive).toList();
  }

  private static List<PanelActions.NewAction> actions(DelegateExecution execution) {
    List<PanelActions.NewAction> actions = new ArrayList<>(AgreedActions.from(execution.getVariable(AGREED_ACTIONS)));
    add(actions, execution, ACTION1_WHAT, ACTION1_OWNER, ACTION1_DUE);
    add(actions, execution, ACTION2_WHAT, ACTION2_OWNER, ACTION2_DUE);
    add(actions, execution, ACTION3_WHAT, ACTION3_OWNER, ACTION3_DUE);
    return actions;
  }

  private static void add(List<PanelActions.NewAction> actions, DelegateExecution execution,
                          VariableFactory<String> what, VariableFactory<String> owner, VariableFactory<String> due) {
    String description = what.from(execution).getOrNull();
    if (description == null || description.isBlank()) {
      return;
    }
    String dueText = due.from(execution).getOrNull();
    String ownerText = owner.from(execution).getOrNull();
    actions.add(new PanelActions.NewAction(description.trim(), ownerText == null || ownerText.isBlank() ? "SOO" : ownerText.trim(),
        dueText == null || dueText.isBlank() ? null : LocalDate.parse(dueText.substring(0, 10))));
  }
}
