package uk.police.daoversight.engine.tasks;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import uk.police.daoversight.intake.CaseCodeGenerator;
import uk.police.daoversight.process.CaseVariables;

/**
 * On every user task's creation: the case code into its name and the case's risk into its priority.
 * The case is the root process instance's business key (the case process, its support-referral clock
 * and its conference all carry the code); a task of a process that is not about one case (the panel,
 * the calendar, an access alert) is left as its model names it.
 */
public class TaskCardListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String businessKey = task.getExecution().getProcessBusinessKey();
    if (!CaseCodeGenerator.isCaseCode(businessKey)) {
      return;
    }
    task.setName(TaskCards.name(task.getName(), businessKey));
    task.setPriority(TaskCards.priority(task.getExecution().getVariable(CaseVariables.RISK_LEVEL.getName())));
  }
}
