package uk.police.daoversight.deadline;

import static uk.police.daoversight.process.CaseVariables.CHASE_SUMMARY;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creation of a chase task: its name says which case, which SOO and how late (the chase
 * summary of {@link CountChaseDelegate}, no identity), so Tasklist's list and Cockpit show it
 * without opening the task. The model keeps the plain name for the diagram.
 */
@Component
public class ChaseTaskListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String summary = CHASE_SUMMARY.from(task).getOrNull();
    if (summary != null && !summary.isBlank()) {
      task.setName(task.getName() + ": " + summary);
    }
  }
}
