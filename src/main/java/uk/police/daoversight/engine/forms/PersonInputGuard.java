package uk.police.daoversight.engine.forms;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.ConditionEvaluationBuilderImpl;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The engine's gate for what a person sends: before any command that a person (the engine's current
 * authentication, not an administrator) runs from outside the engine, task completion and form
 * submission are checked against the task's deployed form, a start against the start form, and the
 * other ways of writing variables, timers or a task's dates and people are refused. Commands nested in
 * another command (delegates, listeners) and the application's own unauthenticated work pass.
 */
public class PersonInputGuard extends CommandInterceptor {

  static final String ADMIN_GROUP = "camunda-admin";

  /** Batch and other commands outside {@code impl.cmd} that write variables or move a case. */
  private static final Set<String> REFUSED_BY_NAME = Set.of(
      "SetVariablesToProcessInstancesBatchCmd", "CorrelateAllMessageBatchCmd", "MessageCorrelationBatchCmd",
      "ModifyMultipleProcessInstancesCmd", "MigrateProcessInstanceCmd", "MigrateProcessInstanceBatchCmd",
      "SetProcessDefinitionVersionCmd");

  /** What the engine runs after a person's attempt to fire a job: it would count the refusal as a failure. */
  private static final Set<String> JOB_LISTENERS = Set.of("FailedJobListener", "SuccessfulJobListener");

  private static final Map<String, Field> FIELDS = new ConcurrentHashMap<>();

  private final ProcessEngineConfigurationImpl configuration;
  private final DeployedForms forms;

  private final java.util.function.Supplier<FreeTextCheck> freeText;

  public PersonInputGuard(ProcessEngineConfigurationImpl configuration, FormFieldRules.Conditions conditions) {
    this(configuration, conditions, () -> null);
  }

  public PersonInputGuard(ProcessEngineConfigurationImpl configuration, FormFieldRules.Conditions conditions,
                          java.util.function.Supplier<FreeTextCheck> freeText) {
    this.configuration = configuration;
    this.forms = new DeployedForms(conditions);
    this.freeText = freeText;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() == null) {
      Authentication person = configuration.getIdentityService().getCurrentAuthentication();
      if (person != null && person.getUserId() != null && !isAdministrator(person)) {
        Refusals.clear();
        try {
          check(command, person.getUserId());
        } catch (FormInputRefusedException | PersonWriteRefusedException refusal) {
          Refusals.record(refusal);
          throw refusal;
        }
      }
    }
    return next.execute(command);
  }

  private boolean isAdministrator(Authentication person) {
    List<String> groups = person.getGroupIds() == null ? List.of() : person.getGroupIds();
    List<String> adminGroups = configuration.getAdminGroups() == null ? List.of() : configuration.getAdminGroups();
    List<String> adminUsers = configuration.getAdminUsers() == null ? List.of() : configuration.getAdminUsers();
    return groups.contains(ADMIN_GROUP) || groups.stream().anyMatch(adminGroups::contains)
        || adminUsers.contains(person.getUserId());
  }

  private void check(Command<?> command, String userId) {
    if (command instanceof SubmitTaskFormCmd) {
      taskForm(command, "properties", userId);
    } else if (command instanceof CompleteTaskCmd) {
      taskForm(command, "variables", userId);
    } else if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
      noVariables(field(command, "variables"), "A task's error or escalation carries no variables from a person.");
    } else if (command instanceof SubmitStartFormCmd) {
      startForm((String) field(command, "processDefinitionId"), null, null,
          asMap(field(command, "variables")), (String) field(command, "businessKey"));
    } else if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) field(command, "instantiationBuilder");
      if (!builder.getModificationBuilder().getModificationOperations().isEmpty()) {
        throw refused("A case starts at its start event.");
      }
      startForm(builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(), builder.getProcessDefinitionTenantId(),
          builder.getVariables(), builder.getBusinessKey());
    } else if (command instanceof StartProcessInstanceAtActivitiesCmd || command instanceof ModifyProcessInstanceCmd
        || command instanceof ModifyProcessInstanceAsyncCmd || command instanceof ProcessInstanceModificationCmd
        || command instanceof ProcessInstanceModificationBatchCmd || command instanceof AbstractRestartProcessInstanceCmd) {
      throw refused("Moving a case to another step, or starting it part-way, is for administrators.");
    } else if (command instanceof AbstractSetVariableCmd || command instanceof AbstractPatchVariablesCmd
        || command instanceof AbstractRemoveVariableCmd) {
      throw refused("A case's variables change only through the form of a task; this request may not set or remove them.");
    } else if (command instanceof AbstractCorrelateMessageCmd) {
      MessageCorrelationBuilderImpl builder = (MessageCorrelationBuilderImpl) field(command, "builder");
      noVariables(builder.getPayloadProcessInstanceVariables(), "A message from a person carries no variables.");
      noVariables(builder.getPayloadProcessInstanceVariablesLocal(), "A message from a person carries no variables.");
      noVariables(builder.getPayloadProcessInstanceVariablesToTriggeredScope(), "A message from a person carries no variables.");
    } else if (command instanceof MessageEventReceivedCmd) {
      for (String name : List.of("processVariables", "processVariablesLocal", "processVariablesToTriggeredScope")) {
        noVariables(field(command, name), "A message from a person carries no variables.");
      }
    } else if (command instanceof SignalEventReceivedCmd) {
      noVariables(((SignalEventReceivedBuilderImpl) field(command, "builder")).getVariables(),
          "A signal from a person carries no variables.");
    } else if (command instanceof SignalCmd) {
      noVariables(field(command, "processVariables"), "A signal from a person carries no variables.");
    } else if (command instanceof EvaluateStartConditionCmd) {
      noVariables(((ConditionEvaluationBuilderImpl) field(command, "builder")).getVariables(),
          "A condition evaluation from a person carries no variables.");
    } else if (command instanceof HandleExternalTaskCmd) {
      throw refused("External tasks are completed by the application's workers only.");
    } else if (command instanceof AssignTaskCmd) {
      Object assignee = field(command, "userId");
      if (assignee != null && !userId.equals(assignee)) {
        throw refused("A person may take a task or give it back, not assign it to someone else; "
            + "reallocation goes through the allocation desk.");
      }
    } else if (command instanceof AbstractAddIdentityLinkCmd || command instanceof DeleteIdentityLinkCmd
        || command instanceof DelegateTaskCmd) {
      throw refused("Who may work on a task is set by the process and the allocation desk.");
    } else if (command instanceof ClaimTaskCmd) {
      Object claimant = field(command, "userId");
      if (claimant != null && !userId.equals(claimant)) {
        throw refused("A person may claim a task only for themselves.");
      }
    } else if (command instanceof AbstractSetTaskPropertyCmd || command instanceof SaveTaskCmd) {
      throw refused("A task's due date, follow-up date, priority, name and people are set by the process.");
    } else if (command instanceof SetJobDuedateCmd || command instanceof RecalculateJobDuedateCmd
        || command instanceof SetJobPriorityCmd || command instanceof ExecuteJobsCmd) {
      throw refused("The process's deadlines and timers are not changed or fired by hand.");
    } else if (JOB_LISTENERS.contains(command.getClass().getSimpleName())) {
      throw refused("The process's deadlines and timers are not changed or fired by hand.");
    } else if (REFUSED_BY_NAME.contains(command.getClass().getSimpleName())) {
      throw refused("This change is for administrators.");
    }
  }

  private void taskForm(Command<?> command, String variablesField, String userId) {
    String taskId = (String) field(command, "taskId");
    Map<String, Object> sent = asMap(field(command, variablesField));
    DeployedForms.Lookup form = forms.forTask(configuration.getCommandExecutorTxRequired(), taskId);
    if (!form.found()) {
      return;
    }
    Map<String, Object> plain = DeployedForms.sentValues(sent);
    if (form.rules() == null) {
      refuseAll(form.what() + " has no form, so it", plain, "this step takes no variables");
      return;
    }
    List<FormProblem> problems = form.rules().validate(plain, form.current());
    if (!problems.isEmpty()) {
      throw new FormInputRefusedException(form.what() + " (form " + form.rules().formId() + ")", problems);
    }
    Set<String> readOnly = form.rules().readOnlyKeys(plain, form.current());
    readOnly.retainAll(plain.keySet());
    // Anonymised text stays anonymised (#17 item 7): what a person typed into a free-text field is
    // checked against the case's own identities and common identity patterns before the engine sees it.
    FreeTextCheck check = freeText.get();
    if (check != null) {
      Map<String, String> typed = new java.util.LinkedHashMap<>();
      for (String key : form.rules().freeTextKeys()) {
        if (!readOnly.contains(key) && plain.get(key) instanceof String text && !text.isBlank()) {
          typed.put(key, text);
        }
      }
      typed.putAll(form.rules().listFreeText(plain));
      List<FormProblem> identities = check.check(userId, caseCodeOf(form), taskId, typed);
      if (!identities.isEmpty()) {
        throw new FormInputRefusedException(form.what() + " (form " + form.rules().formId() + ")", identities);
      }
    }
    if (!readOnly.isEmpty() && sent != null) {
      // Shown, sent back unchanged, and never written: the process owns these values.
      VariableMap kept = Variables.createVariables();
      for (String name : sent.keySet()) {
        if (!readOnly.contains(name)) {
          if (sent instanceof VariableMap typed) {
            kept.putValueTyped(name, typed.getValueTyped(name));
          } else {
            kept.put(name, sent.get(name));
          }
        }
      }
      setField(command, variablesField, kept);
    }
  }

  /** The case a task belongs to: the form's case code field, or the process's business key. */
  private static String caseCodeOf(DeployedForms.Lookup form) {
    for (String key : List.of("caseCode", "agendaCaseCode")) {
      if (form.current().get(key) instanceof String code && !code.isBlank()) {
        return code;
      }
    }
    return form.businessKey();
  }

  private void startForm(String definitionId, String key, String tenantId, Map<String, Object> variables, String businessKey) {
    DeployedForms.Lookup form = forms.forStart(configuration.getCommandExecutorTxRequired(), definitionId, key, tenantId);
    if (!form.found()) {
      return;
    }
    Map<String, Object> plain = DeployedForms.sentValues(variables);
    if (form.rules() == null) {
      List<FormProblem> problems = new ArrayList<>();
      if (businessKey != null && !businessKey.isEmpty()) {
        problems.add(new FormProblem("businessKey", "a process without a start form is not started for a case by a person"));
      }
      plain.keySet().stream().sorted().forEach(name -> problems.add(new FormProblem(name, "this process has no start form and takes no variables")));
      if (!problems.isEmpty()) {
        throw new FormInputRefusedException(form.what(), problems);
      }
      return;
    }
    List<FormProblem> problems = form.rules().validate(plain, Map.of());
    if (!problems.isEmpty()) {
      throw new FormInputRefusedException(form.what() + " (form " + form.rules().formId() + ")", problems);
    }
  }

  private static void refuseAll(String what, Map<String, Object> sent, String rule) {
    if (sent.isEmpty()) {
      return;
    }
    List<FormProblem> problems = sent.keySet().stream().sorted().map(name -> new FormProblem(name, rule)).toList();
    throw new FormInputRefusedException(what, problems);
  }

  private static void noVariables(Object variables, String reason) {
    if (variables instanceof Map<?, ?> map && !map.isEmpty()) {
      throw refused(reason + " Refused: " + String.join(", ", map.keySet().stream().map(String::valueOf).sorted().toList()) + ".");
    }
    if (variables instanceof Collection<?> names && !names.isEmpty()) {
      throw refused(reason);
    }
  }

  private static PersonWriteRefusedException refused(String reason) {
    return new PersonWriteRefusedException(reason + " Nothing was changed.");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }

  private static Object field(Object target, String name) {
    try {
      return lookup(target.getClass(), name).get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw refused("This request could not be checked, so it was refused.");
    }
  }

  private static void setField(Object target, String name, Object value) {
    try {
      lookup(target.getClass(), name).set(target, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw refused("This request could not be checked, so it was refused.");
    }
  }

  private static Field lookup(Class<?> type, String name) {
    return FIELDS.computeIfAbsent(type.getName() + "#" + name, k -> {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        try {
          Field f = c.getDeclaredField(name);
          f.setAccessible(true);
          return f;
        } catch (NoSuchFieldException e) {
          // look in the superclass
        }
      }
      throw new IllegalStateException("no field " + name + " on " + type.getName());
    });
  }
}
