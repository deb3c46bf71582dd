package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.AGENDA_CASE_CODE;
import static uk.police.daoversight.process.PanelVariables.AGENDA_ITEM_SUMMARY;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;
import static uk.police.daoversight.process.PanelVariables.THEME_OPTIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * When an outcome form opens: the active themes of the taxonomy as the checklist's options and, on
 * the panel, the agenda line of the case under review.
 */
@Component
public class OutcomeFormListener implements TaskListener {

  private final Themes themes;
  private final AgendaDesk desk;
  private final ObjectMapper json = new ObjectMapper();

  public OutcomeFormListener(Themes themes, AgendaDesk desk) {
    this.themes = themes;
    this.desk = desk;
  }

  @Override
  public void notify(DelegateTask task) {
    try {
      task.setVariableLocal(THEME_OPTIONS, SpinValues.jsonValue(json.writeValueAsString(themes.formOptions())).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Theme options could not be written", e);
    }
    String caseCode = AGENDA_CASE_CODE.from(task).getOrNull();
    if (caseCode != null) {
      AGENDA_ITEM_SUMMARY.on(task).setLocal(desk.describe(PANEL_ID.from(task).get(), caseCode));
    }
  }
}
