package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.AGENDA_CASE_CODE;
import static uk.police.daoversight.process.PanelVariables.AGENDA_ITEM_SUMMARY;
import static uk.police.daoversight.process.PanelVariables.LATEST_UPDATE;
import static uk.police.daoversight.process.PanelVariables.OPEN_ACTIONS_SUMMARY;
import static uk.police.daoversight.process.PanelVariables.SLOT_RESULT;
import static uk.police.daoversight.process.PanelVariables.SLOT_RESULT_REASON;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;
import static uk.police.daoversight.process.PanelVariables.THEME_OPTIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;
import uk.police.daoversight.closure.PanelActions;
import uk.police.daoversight.oversight.CaseUpdates;
import uk.police.daoversight.process.EngineText;

/**
 * When an outcome form opens: the active themes of the taxonomy as the checklist's options and, on
 * the panel, the agenda line of the case under review.
 */
@Component
public class OutcomeFormListener implements TaskListener {

  private final Themes themes;
  private final AgendaDesk desk;
  private final CaseUpdates updates;
  private final PanelActions actions;
  private final ObjectMapper json = new ObjectMapper();

  public OutcomeFormListener(Themes themes, AgendaDesk desk, CaseUpdates updates, PanelActions actions) {
    this.themes = themes;
    this.desk = desk;
    this.updates = updates;
    this.actions = actions;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      checkSlotResult(SLOT_RESULT.from(task).getOrNull(), SLOT_RESULT_REASON.from(task).getOrNull());
      return;
    }
    try {
      task.setVariableLocal(THEME_OPTIONS, SpinValues.jsonValue(json.writeValueAsString(themes.formOptions())).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Theme options could not be written", e);
    }
    String caseCode = AGENDA_CASE_CODE.from(task).getOrNull();
    if (caseCode != null) {
      AGENDA_ITEM_SUMMARY.on(task).setLocal(desk.describe(PANEL_ID.from(task).get(), caseCode));
      String latest = updates.latest(caseCode);
      LATEST_UPDATE.on(task).setLocal(latest.length() > EngineText.MAX_CHARS ? latest.substring(0, EngineText.MAX_CHARS - 3) + "..." : latest);
      List<String> open = actions.openActions(caseCode).stream()
          .map(a -> a.description() + " (owner: " + a.owner() + (a.dueDate() == null ? "" : ", due " + a.dueDate()) + ")").toList();
      OPEN_ACTIONS_SUMMARY.on(task).setLocal(open.isEmpty() ? "None"
          : EngineText.joinWithin(open, "\n", EngineText.MAX_CHARS, n -> "... and " + n + " more open actions"));
    }
  }

  /**
   * A slot's result is discussed (or not given), deferred or not reached; the last two need a reason.
   *
   * @throws BadUserRequestException with the reason, so Tasklist shows it and nothing is lost
   */
  static void checkSlotResult(String result, String reason) {
    if (result == null || result.isBlank() || "DISCUSSED".equals(result)) {
      return;
    }
    if (!"DEFERRED".equals(result) && !"NOT_REACHED".equals(result)) {
      throw new BadUserRequestException("The slot's result must be discussed, deferred or not reached");
    }
    if (reason == null || reason.isBlank()) {
      throw new BadUserRequestException("Give the reason the case was " + ("DEFERRED".equals(result) ? "deferred" : "not reached"));
    }
  }
}
