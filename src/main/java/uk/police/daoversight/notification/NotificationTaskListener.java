package uk.police.daoversight.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.intake.CaseCodeGenerator;
import uk.police.daoversight.process.CaseVariables;

/**
 * On every user task of a case, created or assigned ({@link NotificationPlugin} puts it there): reads
 * the task's facts, lets {@link NoticePlanner} decide who is told, and adds the notices to the outbox
 * in the engine's own transaction. It sends nothing: a mail relay that is down cannot hold up the case.
 */
@Component
public class NotificationTaskListener implements TaskListener {

  private final NotificationOutbox outbox;
  private final NotificationSettings settings;
  private final SooRoster roster;

  public NotificationTaskListener(NotificationOutbox outbox, NotificationSettings settings, SooRoster roster) {
    this.outbox = outbox;
    this.settings = settings;
    this.roster = roster;
  }

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    String caseCode = execution == null ? null : execution.getProcessBusinessKey();
    if (!CaseCodeGenerator.isCaseCode(caseCode)) {
      return;
    }
    CommandContext commandContext = Context.getCommandContext();
    String acting = commandContext == null ? null : commandContext.getAuthenticatedUserId();
    String key = task.getTaskDefinitionKey();
    List<String> candidateUsers = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : task.getCandidates()) {
      if (link.getUserId() != null) {
        candidateUsers.add(link.getUserId());
      }
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    NotifiedSteps.Chased chased = NotifiedSteps.chase(key).orElse(null);
    boolean creatingChase = chased != null && EVENTNAME_CREATE.equals(task.getEventName());
    List<String> members = creatingChase ? members(task, groups) : List.of();
    List<String> soos = List.of();
    NoticePlanner.Overdue overdue = null;
    if (creatingChase && !chased.sooSteps().isEmpty()) {
      String assigned = CaseVariables.ASSIGNED_SOO.from(execution).getOrNull();
      soos = assigned != null ? List.of(assigned) : roster.activeSoos(caseCode);
      overdue = overdue(task, chased, soos);
    }
    NoticePlanner.TaskFacts facts = new NoticePlanner.TaskFacts(task.getEventName(), task.getId(), key,
        modelName(execution, key, task.getName()), caseCode, instant(task.getDueDate()), task.getAssignee(),
        candidateUsers, members, acting);
    NoticePlanner.plan(facts, soos, overdue, settings::taskLink).forEach(outbox::add);
  }

  /** The members of the task's groups, read past the acting person's authorizations (a timer has none anyway). */
  private static List<String> members(DelegateTask task, List<String> groups) {
    CommandContext commandContext = Context.getCommandContext();
    List<String> users = new ArrayList<>();
    for (String group : groups) {
      List<User> found = commandContext.runWithoutAuthorization(
          () -> task.getProcessEngineServices().getIdentityService().createUserQuery().memberOfGroup(group).list());
      found.forEach(u -> users.add(u.getId()));
    }
    return users;
  }

  /**
   * The SOO's own step that is overdue: the first of the chased steps still open (the case pack before
   * the contact), its model name, the deadline, and the task for the link.
   */
  private static NoticePlanner.Overdue overdue(DelegateTask task, NotifiedSteps.Chased chased, List<String> soos) {
    DelegateExecution execution = task.getExecution();
    Object deadline = execution.getVariable(chased.deadlineVariable());
    List<Task> open = Context.getCommandContext().runWithoutAuthorization(() -> task.getProcessEngineServices()
        .getTaskService().createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKeyIn(chased.sooSteps().toArray(String[]::new)).list());
    Task overdue = null;
    for (String step : chased.sooSteps()) {
      overdue = open.stream().filter(t -> step.equals(t.getTaskDefinitionKey()))
          .filter(t -> t.getAssignee() == null || soos.contains(t.getAssignee())).findFirst().orElse(null);
      if (overdue != null) {
        break;
      }
    }
    String step = overdue == null ? chased.sooSteps().get(chased.sooSteps().size() - 1) : overdue.getTaskDefinitionKey();
    return new NoticePlanner.Overdue(modelName(execution, step, step), deadline instanceof Date d ? d.toInstant() : null,
        overdue == null ? null : overdue.getId());
  }

  /** The element's name in the model (the trainers' words), never the card's name, which may say more. */
  static String modelName(DelegateExecution execution, String elementId, String fallback) {
    ModelElementInstance element = execution.getBpmnModelInstance() == null ? null
        : execution.getBpmnModelInstance().getModelElementById(elementId);
    // A name that is an expression (the panel's slot titles) is never evaluated into a message.
    if (element instanceof FlowElement flow && flow.getName() != null && !flow.getName().isBlank()
        && !flow.getName().contains("${") && !flow.getName().contains("#{")) {
      return flow.getName();
    }
    return elementId == null ? fallback : elementId;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
