package uk.police.daoversight.notification;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Notifications without a line in any model: {@link NotificationTaskListener} on the creation and
 * assignment of every user task, and {@link PanelSlotNotices} at the end of the panel's "Publish
 * agenda". The listeners are Spring beans looked up when they run, so this plugin needs nothing the
 * engine itself provides.
 */
@Component
public class NotificationPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<NotificationTaskListener> taskNotices;
  private final ObjectProvider<PanelSlotNotices> slotNotices;

  public NotificationPlugin(ObjectProvider<NotificationTaskListener> taskNotices, ObjectProvider<PanelSlotNotices> slotNotices) {
    this.taskNotices = taskNotices;
    this.slotNotices = slotNotices;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    TaskListener onTask = new TaskListener() {
      @Override
      public void notify(DelegateTask task) {
        taskNotices.getObject().notify(task);
      }
    };
    ExecutionListener onPublished = new ExecutionListener() {
      @Override
      public void notify(DelegateExecution execution) throws Exception {
        slotNotices.getObject().notify(execution);
      }
    };
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, onTask);
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, onTask);
        }
      }

      @Override
      public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (NotifiedSteps.PUBLISH_AGENDA.equals(activity.getId())
            && activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
            && NotifiedSteps.SCRUTINY_PANEL.equals(definition.getKey())) {
          activity.addListener(ExecutionListener.EVENTNAME_END, onPublished);
        }
      }
    });
  }
}
