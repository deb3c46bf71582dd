package uk.police.daoversight.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricTaskInstance;

/** Who did the work a service task follows up (service tasks run after the person's transaction). */
public final class Workers {

  private Workers() {}

  /** The user who completed the latest task with this key in this case, or the fallback. */
  public static String lastCompletedBy(DelegateExecution execution, String taskKey, String fallback) {
    var query = execution.getProcessEngineServices().getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(taskKey).finished()
        .orderByHistoricTaskInstanceEndTime().desc();
    return query.listPage(0, 1).stream().map(HistoricTaskInstance::getAssignee)
        .filter(a -> a != null).findFirst().orElse(fallback);
  }
}
