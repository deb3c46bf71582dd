package uk.police.daoversight.engine.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.FormData;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Finds the deployed Camunda Form of a task or a start event, as Tasklist would show it, and the
 * variables the task shows; parsed forms are kept per deployment resource (a deployment never
 * changes, so an entry never goes stale).
 */
final class DeployedForms {

  /** No such task or definition: the command itself answers (404). */
  static final Lookup NOT_FOUND = new Lookup(false, null, null, Map.of());

  /**
   * What a task or start event offers: {@code rules} null when it has no Camunda Form (then it takes
   * no variables from a person).
   */
  record Lookup(boolean found, String what, FormFieldRules rules, Map<String, Object> current, String businessKey) {
    Lookup(boolean found, String what, FormFieldRules rules, Map<String, Object> current) {
      this(found, what, rules, current, null);
    }
  }

  /** A value that cannot be checked (a serialized Java object, say): every type check refuses it. */
  static final Object UNCHECKABLE = new Object() {
    @Override
    public String toString() {
      return "an object";
    }
  };

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CACHE_SIZE = 500;

  private final FormFieldRules.Conditions conditions;
  private final Map<String, FormFieldRules> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, FormFieldRules> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  DeployedForms(FormFieldRules.Conditions conditions) {
    this.conditions = conditions;
  }

  Lookup forTask(CommandExecutor executor, String taskId) {
    if (taskId == null) {
      return NOT_FOUND;
    }
    return executor.execute(context -> {
      // Someone who may not see the task learns nothing from its form: the command refuses them itself.
      if (context.getProcessEngineConfiguration().getTaskService().createTaskQuery().taskId(taskId).count() == 0) {
        return NOT_FOUND;
      }
      return withoutAuthorization(context, () -> taskLookup(context, taskId));
    });
  }

  private Lookup taskLookup(CommandContext context, String taskId) {
    {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task == null) {
        return NOT_FOUND;
      }
      Map<String, Object> current = plainValues(task.getVariablesTyped(false));
      String what = "The task \"" + (task.getName() == null ? task.getTaskDefinitionKey() : task.getName()) + "\"";
      if (task.getTaskDefinition() == null) {
        return new Lookup(true, what, null, current);
      }
      FormData form = new GetTaskFormCmd(taskId).execute(context);
      String businessKey = task.getProcessInstance() == null ? null : task.getProcessInstance().getBusinessKey();
      return new Lookup(true, what, rules(context, form), current, businessKey);
    }
  }

  Lookup forStart(CommandExecutor executor, String definitionId, String key, String tenantId) {
    return executor.execute(context -> {
      var cache = context.getProcessEngineConfiguration().getDeploymentCache();
      ProcessDefinitionEntity definition;
      try {
        if (definitionId != null) {
          definition = cache.findDeployedProcessDefinitionById(definitionId);
        } else if (key != null && tenantId != null) {
          definition = cache.findDeployedLatestProcessDefinitionByKeyAndTenantId(key, tenantId);
        } else if (key != null) {
          definition = cache.findDeployedLatestProcessDefinitionByKey(key);
        } else {
          return NOT_FOUND;
        }
      } catch (RuntimeException e) {
        return NOT_FOUND;
      }
      if (definition == null) {
        return NOT_FOUND;
      }
      // Someone who may not start it learns nothing from its form: the command refuses them itself.
      if (context.getProcessEngineConfiguration().getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionId(definition.getId()).startablePermissionCheck().count() == 0) {
        return NOT_FOUND;
      }
      String what = "The start form of \"" + definition.getKey() + "\"";
      String id = definition.getId();
      return withoutAuthorization(context, () -> {
        FormData form;
        try {
          form = new GetStartFormCmd(id).execute(context);
        } catch (org.camunda.bpm.engine.ProcessEngineException e) {
          return new Lookup(true, what, null, Map.of());
        }
        return new Lookup(true, what, rules(context, form), Map.of());
      });
    });
  }

  private FormFieldRules rules(CommandContext context, FormData form) {
    CamundaFormRef ref = form == null ? null : form.getCamundaFormRef();
    if (ref == null || ref.getKey() == null) {
      return null;
    }
    CamundaFormDefinition definition = new GetCamundaFormDefinitionCmd(ref, form.getDeploymentId()).execute(context);
    if (definition == null) {
      throw new FormInputRefusedException("This step",
          java.util.List.of(new FormProblem("form", "its form " + ref.getKey() + " is not deployed")));
    }
    String resource = definition.getDeploymentId() + "/" + definition.getResourceName();
    synchronized (cache) {
      FormFieldRules cached = cache.get(resource);
      if (cached != null) {
        return cached;
      }
    }
    ResourceEntity bytes = context.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
    FormFieldRules parsed;
    try {
      parsed = FormFieldRules.parse(new String(bytes.getBytes(), StandardCharsets.UTF_8), conditions);
    } catch (IllegalArgumentException e) {
      throw new FormInputRefusedException("This step",
          java.util.List.of(new FormProblem("form", "its form " + ref.getKey() + " could not be read")));
    }
    synchronized (cache) {
      cache.put(resource, parsed);
    }
    return parsed;
  }

  private static <T> T withoutAuthorization(CommandContext context, java.util.function.Supplier<T> work) {
    boolean enabled = context.isAuthorizationCheckEnabled();
    context.disableAuthorizationCheck();
    try {
      return work.get();
    } finally {
      context.setAuthorizationCheckEnabled(enabled);
    }
  }

  /** The variables as plain Java values, as a form would see them. */
  static Map<String, Object> plainValues(Map<String, ?> variables) {
    Map<String, Object> plain = new LinkedHashMap<>();
    if (variables == null) {
      return plain;
    }
    for (String name : variables.keySet()) {
      Object value = variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(name);
      plain.put(name, plain(value));
    }
    return plain;
  }

  /**
   * What a person sent, as {@link #plainValues}, except that a value typed as a Java object must be
   * what Tasklist sends for a list or a map field: a JSON array declared as a {@code java.util} list
   * or set, or a JSON object declared as a {@code java.util} map. Anything else (the offered text
   * serialised as an {@code ArrayList}, say) would pass as the text and fail where the process reads
   * it: it cannot be checked, and every type check refuses it.
   */
  static Map<String, Object> sentValues(Map<String, ?> variables) {
    Map<String, Object> plain = plainValues(variables);
    if (variables != null) {
      for (String name : variables.keySet()) {
        Object value = variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(name);
        if (value instanceof ObjectValue object && !declaredAsSent(object, plain.get(name))) {
          plain.put(name, UNCHECKABLE);
        }
      }
    }
    return plain;
  }

  private static boolean declaredAsSent(ObjectValue object, Object parsed) {
    String declared = object.getObjectTypeName();
    if (declared == null || parsed == null || parsed == UNCHECKABLE) {
      return parsed == null || parsed == UNCHECKABLE;
    }
    String raw = declared.contains("<") ? declared.substring(0, declared.indexOf('<')) : declared;
    if (!raw.startsWith("java.util.")) {
      return false;
    }
    if (parsed instanceof java.util.List<?>) {
      return raw.endsWith("List") || raw.endsWith("Set") || raw.endsWith("Collection");
    }
    return parsed instanceof Map<?, ?> && raw.endsWith("Map");
  }

  static Object plain(Object value) {
    if (value instanceof SerializableValue serializable) {
      String serialized = null;
      try {
        serialized = serializable.getValueSerialized();
      } catch (RuntimeException e) {
        // not serialized yet
      }
      if (serialized == null && serializable.isDeserialized() && isSpin(serializable.getValue())) {
        serialized = serializable.getValue().toString();
      }
      String format = serializable.getSerializationDataFormat();
      boolean json = "json".equals(serializable.getType() == null ? null : serializable.getType().getName())
          || (format != null && format.startsWith("application/json"));
      if (serialized == null && serializable.isDeserialized() && !json && serializable.getValue() == null) {
        return null;
      }
      return json && serialized != null ? json(serialized) : UNCHECKABLE;
    }
    if (value instanceof TypedValue typed) {
      return plain(typed.getValue());
    }
    if (isSpin(value)) {
      return json(value.toString());
    }
    return value;
  }

  private static boolean isSpin(Object value) {
    return value != null && value.getClass().getName().startsWith("org.camunda.spin.");
  }

  private static Object json(String serialized) {
    try {
      return JSON.readValue(serialized, Object.class);
    } catch (JsonProcessingException e) {
      return UNCHECKABLE;
    }
  }
}
