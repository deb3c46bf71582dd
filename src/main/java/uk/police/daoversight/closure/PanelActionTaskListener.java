package uk.police.daoversight.closure;

import static uk.police.daoversight.process.CaseVariables.ACTION_DESCRIPTION;
import static uk.police.daoversight.process.CaseVariables.ACTION_DONE;
import static uk.police.daoversight.process.CaseVariables.ACTION_ID;
import static uk.police.daoversight.process.CaseVariables.ACTION_NOTE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Complete panel action": on create, shows the action and keeps the answer local to this task's
 * instance; on complete, marks the action done if the SOO confirmed it.
 */
@Component
public class PanelActionTaskListener implements TaskListener {

  private final PanelActions actions;

  public PanelActionTaskListener(PanelActions actions) {
    this.actions = actions;
  }

  @Override
  public void notify(DelegateTask task) {
    String actionId = ACTION_ID.from(task).get();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      ACTION_DESCRIPTION.on(task.getExecution()).setLocal(actions.describe(actionId));
      ACTION_DONE.on(task.getExecution()).setLocal(false);
      ACTION_NOTE.on(task.getExecution()).setLocal(null);
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      if (!Boolean.TRUE.equals(ACTION_DONE.from(task).getOrNull())) {
        throw new org.camunda.bpm.engine.BadUserRequestException("Confirm the action is done before completing this task");
      }
      actions.markDone(actionId, task.getAssignee(), ACTION_NOTE.from(task).getOrNull());
    }
  }
}
