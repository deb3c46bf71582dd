package uk.police.daoversight.closure;

import static uk.police.daoversight.process.CaseVariables.LEARNING_FEEDBACK_NOTE;
import static uk.police.daoversight.process.CaseVariables.LEARNING_FED_BACK;
import static uk.police.daoversight.process.CaseVariables.LEARNING_OUTCOME_ID;
import static uk.police.daoversight.process.CaseVariables.PANEL_DIRECTION;
import static uk.police.daoversight.process.CaseVariables.PANEL_GOOD_PRACTICE;
import static uk.police.daoversight.process.CaseVariables.PANEL_INDIVIDUAL_LEARNING;
import static uk.police.daoversight.process.CaseVariables.PANEL_LEARNING;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import uk.police.daoversight.process.EngineText;

/**
 * "Feed back the panel's learning to the investigation team": on create, the outcome's direction,
 * individual learning and good practice on the task, and the same as the case's latest panel
 * learning (shown on the case update form); on complete, recorded as fed back, or the task stays open
 * with the reason.
 */
@Component
public class LearningFeedbackListener implements TaskListener {

  private final PanelLearning learning;

  public LearningFeedbackListener(PanelLearning learning) {
    this.learning = learning;
  }

  @Override
  public void notify(DelegateTask task) {
    String outcomeId = LEARNING_OUTCOME_ID.from(task).get();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      PanelLearning.Learning l = learning.find(outcomeId).orElseThrow(() -> new IllegalStateException("No panel outcome " + outcomeId));
      PANEL_DIRECTION.on(task).setLocal(within(l.direction()));
      PANEL_INDIVIDUAL_LEARNING.on(task).setLocal(within(l.individualLearning()));
      PANEL_GOOD_PRACTICE.on(task).setLocal(within(l.goodPractice()));
      PANEL_LEARNING.on(task.getExecution().getProcessInstance()).set(within(l.summary()));
      return;
    }
    String by = task.getAssignee();
    try {
      learning.fedBack(outcomeId, Boolean.TRUE.equals(LEARNING_FED_BACK.from(task).getOrNull()),
          LEARNING_FEEDBACK_NOTE.from(task).getOrNull(), by);
    } catch (PanelLearning.RefusedException e) {
      throw new BadUserRequestException(e.getMessage());
    }
  }

  private static String within(String text) {
    if (text == null) {
      return null;
    }
    return text.length() > EngineText.MAX_CHARS ? text.substring(0, EngineText.MAX_CHARS - 3) + "..." : text;
  }
}
