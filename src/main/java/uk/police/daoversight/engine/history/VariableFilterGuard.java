package uk.police.daoversight.engine.history;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.AbstractVariableQueryImpl;
import org.camunda.bpm.engine.impl.HistoricCaseInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.VariableOrderProperty;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * Refuses a query that filters by variable values to a caller who may not read those variables.
 * A filter such as {@code riskLevel_eq_HIGH} answers yes or no about a value for every instance the
 * caller may list, so it reads the variable as surely as a variable query; the engine applies no
 * variable permission to it. This runs as the innermost command interceptor, so it sees every query
 * whichever way it came: engine-rest (GET or POST, {@code orQueries} at any depth), the webapps'
 * engine API, stored filters, Cockpit's own plugin queries ({@code /camunda/api/cockpit/plugin/...}),
 * and the Java API.
 *
 * Sorting tasks by a variable's value is treated as a filter (the order answers the same question).
 *
 * <p>The rule, per kind of query, over every deployed process definition: a caller who may list
 * its instances (runtime), its history, or its tasks by a definition-wide or global grant must also
 * hold the matching variable permission ({@code READ_INSTANCE_VARIABLE}, {@code READ_HISTORY_VARIABLE}
 * or a global historic-instance read, {@code READ_TASK_VARIABLE} or {@code READ_VARIABLE} on all
 * tasks). Grants on single instances or tasks (a SOO's case, a candidate's task) come with the right
 * to read that case's or task's variables, so they do not count. Refusals are an
 * {@link AuthorizationException} (403 on engine-rest and the webapps). Engine-internal queries (the
 * application's own, without an authenticated user, or with authorization checks off) pass.
 */
class VariableFilterGuard extends CommandInterceptor {

  enum Kind { RUNTIME, HISTORY, TASK }

  @Override
  public <T> T execute(Command<T> command) {
    Kind kind = variableFilterKind(command);
    if (kind != null) {
      check(kind);
    }
    return next.execute(command);
  }

  static Kind variableFilterKind(Object command) {
    if (command instanceof VariableInstanceQueryImpl) {
      return null; // a variable query is itself checked against the variable permissions
    }
    if (command instanceof TaskQueryImpl task) {
      // Sorting by a variable's value orders HIGH before MEDIUM before STANDARD: an oracle as well.
      return task.getQueries().stream().anyMatch(q -> !q.getVariables().isEmpty()) || !task.getVariables().isEmpty()
          || task.getOrderingProperties().stream().anyMatch(VariableOrderProperty.class::isInstance) ? Kind.TASK : null;
    }
    if (command instanceof HistoricTaskInstanceQueryImpl task) {
      return task.getQueries().stream().anyMatch(q -> !q.getVariables().isEmpty()) || !task.getVariables().isEmpty()
          ? Kind.HISTORY : null;
    }
    if (command instanceof HistoricProcessInstanceQueryImpl history) {
      return history.getQueries().stream().anyMatch(q -> !q.getQueryVariableValues().isEmpty())
          || !history.getQueryVariableValues().isEmpty() ? Kind.HISTORY : null;
    }
    if (command instanceof ProcessInstanceQueryImpl instances) {
      return instances.getQueries().stream().anyMatch(q -> !q.getQueryVariableValues().isEmpty())
          || !instances.getQueryVariableValues().isEmpty() ? Kind.RUNTIME : null;
    }
    if (command instanceof HistoricCaseInstanceQueryImpl history) {
      return history.getQueryVariableValues().isEmpty() ? null : Kind.HISTORY;
    }
    if (command instanceof AbstractVariableQueryImpl<?, ?> query) {
      // executions, case instances and executions
      return query.getQueryVariableValues().isEmpty() ? null : Kind.RUNTIME;
    }
    return null;
  }

  /**
   * The webapps' plugin queries (Cockpit's process instance search and count) run on their own
   * command executor, outside the engine's interceptors ({@link CockpitQueryGuard} routes them
   * here). They carry their variable filters in a parameter object with getQueryVariableValues().
   */
  static boolean hasWebappVariableFilter(Object command) {
    for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getType().isPrimitive() || field.getType().getName().startsWith("java.")) {
          continue;
        }
        try {
          field.setAccessible(true);
          Object value = field.get(command);
          if (value != null && nonEmpty(value, "getQueryVariableValues")) {
            return true;
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // not a query parameter
        }
      }
    }
    return false;
  }

  private static boolean nonEmpty(Object parameter, String getter) {
    try {
      Method method = parameter.getClass().getMethod(getter);
      Object result = method.invoke(parameter);
      return result instanceof Collection<?> c && !c.isEmpty();
    } catch (NoSuchMethodException e) {
      return false;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  static void check(Kind kind) {
    CommandContext context = Context.getCommandContext();
    if (context == null || !context.isAuthorizationCheckEnabled()
        || !context.getProcessEngineConfiguration().isAuthorizationEnabled()) {
      return;
    }
    String userId = context.getAuthenticatedUserId();
    if (userId == null) {
      return;
    }
    List<String> groupIds = context.getAuthenticatedGroupIds();
    AuthorizationManager authorizations = context.getAuthorizationManager();
    if (authorizations.isCamundaAdmin(context.getAuthentication())) {
      return;
    }
    Set<String> blind = new TreeSet<>();
    for (String key : definitionKeys(context)) {
      if (maySee(kind, authorizations, userId, groupIds, key) && !mayReadVariables(kind, authorizations, userId, groupIds, key)) {
        blind.add(key);
      }
    }
    if (!blind.isEmpty()) {
      throw new AuthorizationException("Filtering by variable values needs permission to read those variables, "
          + "which you do not have for " + String.join(", ", blind)
          + ". Search by business key, state or activity instead.");
    }
  }

  private static boolean maySee(Kind kind, AuthorizationManager a, String user, List<String> groups, String key) {
    return switch (kind) {
      case RUNTIME -> a.isAuthorized(user, groups, ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, key)
          || a.isAuthorized(user, groups, ProcessInstancePermissions.READ, Resources.PROCESS_INSTANCE, ANY);
      case HISTORY -> a.isAuthorized(user, groups, ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION, key)
          || a.isAuthorized(user, groups, HistoricTaskPermissions.READ, Resources.HISTORIC_TASK, ANY);
      case TASK -> a.isAuthorized(user, groups, ProcessDefinitionPermissions.READ_TASK, Resources.PROCESS_DEFINITION, key)
          || a.isAuthorized(user, groups, TaskPermissions.READ, Resources.TASK, ANY);
    };
  }

  private static boolean mayReadVariables(Kind kind, AuthorizationManager a, String user, List<String> groups, String key) {
    return switch (kind) {
      case RUNTIME -> a.isAuthorized(user, groups, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
          Resources.PROCESS_DEFINITION, key);
      case HISTORY -> a.isAuthorized(user, groups, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
          Resources.PROCESS_DEFINITION, key)
          // the engine lets a global historic-instance read stand in for READ_HISTORY_VARIABLE
          || a.isAuthorized(user, groups, HistoricProcessInstancePermissions.READ, Resources.HISTORIC_PROCESS_INSTANCE, ANY);
      case TASK -> a.isAuthorized(user, groups, ProcessDefinitionPermissions.READ_TASK_VARIABLE,
          Resources.PROCESS_DEFINITION, key)
          || a.isAuthorized(user, groups, TaskPermissions.READ_VARIABLE, Resources.TASK, ANY);
    };
  }

  private static List<String> definitionKeys(CommandContext context) {
    List<ProcessDefinition> latest = context.runWithoutAuthorization(() -> {
      ProcessDefinitionQueryImpl query = new ProcessDefinitionQueryImpl();
      query.latestVersion();
      return query.executeList(context, null);
    });
    List<String> keys = new ArrayList<>();
    for (ProcessDefinition definition : latest) {
      keys.add(definition.getKey());
    }
    return keys;
  }
}
