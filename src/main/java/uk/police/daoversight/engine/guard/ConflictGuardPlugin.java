package uk.police.daoversight.engine.guard;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterCountCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListPageCmd;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import uk.police.daoversight.access.ConflictOfInterest;
import uk.police.daoversight.intake.CaseCodeGenerator;
import uk.police.daoversight.security.SystemAccess;

/**
 * Conflicts of interest, enforced where the engine acts. Coordinators (and the chair, for their
 * group's tasks) read case data through grants on the process definition, which a per-case revoke
 * cannot narrow: Camunda ORs the definition-level grant with the instance-level check. So the engine
 * itself refuses: a command interceptor in front of every command a person issues (engine-rest, the
 * webapps' engine API, stored filters, the Java API with a user authenticated) that
 * <ul>
 *   <li>refuses a command aimed at one task, execution or process instance (variables, forms, task
 *       actions, activity instances) of a case the user is conflicted on ({@link AuthorizationException},
 *       403);</li>
 *   <li>drops from any list the command answers (task, history, variable, incident... queries and
 *       filters) the rows of such a case, and answers a single result of one with nothing.</li>
 * </ul>
 * Counts are left as the engine gives them: a conflicted user may learn how many tasks there are, not
 * which or what is in them. Only the outermost command is checked (the one the caller asked for):
 * what the engine does inside it (listeners, delegates) is the process's own work. Users about whom
 * the directory and roster know nothing, and who manage nobody, cannot be conflicted and pass at the
 * cost of three indexed look-ups. Every refusal is audited as REFUSED with the reason and alerted,
 * in its own transaction, after the command (so a refused command's rollback cannot take it away).
 */
@Component
public class ConflictGuardPlugin extends AbstractProcessEnginePlugin {

  /** Rows read at a time when a count is recounted without the rows of conflicted cases. */
  static final int RECOUNT_PAGE = 500;

  private final ObjectProvider<ConflictOfInterest> conflicts;
  private volatile Guard guard;

  public ConflictGuardPlugin(ObjectProvider<ConflictOfInterest> conflicts) {
    this.conflicts = conflicts;
  }

  /**
   * An answer the engine's interceptors did not see (Cockpit's own plugin queries run on a command
   * executor Cockpit builds for itself), filtered for the current caller as the guard filters a
   * command's answer: the rows of a case they are conflicted on are dropped.
   */
  public <T> T filterForCaller(T answer) {
    Guard current = guard;
    return current == null ? answer : current.filterForCaller(answer);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    guard = new Guard(configuration);
    pre.add(guard);
    configuration.setCustomPreCommandInterceptorsTxRequired(pre);
  }

  /** Task, execution and process-instance ids a command may aim at, by field name. */
  enum Target { TASK, EXECUTION, PROCESS_INSTANCE }

  static final Map<String, Target> ID_FIELDS = Map.of("taskId", Target.TASK, "executionId", Target.EXECUTION,
      "processInstanceId", Target.PROCESS_INSTANCE);

  /** The id a command aims at, if any: its taskId, executionId or processInstanceId field, or a variable/form command's entity. */
  static Optional<Map.Entry<Target, String>> targetOf(Object command) {
    String className = command.getClass().getName();
    if (!className.startsWith("org.camunda.bpm.engine.impl.cmd.")) {
      return Optional.empty();
    }
    for (Class<?> c = command.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() != String.class || java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        Target target = ID_FIELDS.get(f.getName());
        if (target == null && ("entityId".equals(f.getName()) || "resourceId".equals(f.getName()))) {
          String simple = command.getClass().getSimpleName();
          target = simple.contains("Task") ? Target.TASK : simple.contains("Execution") || simple.contains("ProcessInstance")
              ? Target.EXECUTION : null;
        }
        if (target != null) {
          String value = read(f, command);
          if (value != null && !value.isBlank()) {
            return Optional.of(Map.entry(target, value));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String read(Field f, Object o) {
    try {
      f.setAccessible(true);
      return (String) f.get(o);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  interface Checker {
    Optional<ConflictOfInterest.Conflict> check(String caseCode);
  }

  final class Guard extends CommandInterceptor {

    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private final ProcessEngineConfigurationImpl configuration;

    Guard(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      int[] d = depth.get();
      d[0]++;
      try {
        if (d[0] > 1) {
          return next.execute(command);
        }
        return guarded(command);
      } finally {
        d[0]--;
      }
    }

    private <T> T guarded(Command<T> command) {
      IdentityService identity = configuration.getIdentityService();
      Authentication auth = identity == null ? null : identity.getCurrentAuthentication();
      if (auth == null || auth.getUserId() == null) {
        return next.execute(command); // the engine's and the application's own work
      }
      ConflictOfInterest rule = conflicts.getIfAvailable();
      if (rule == null) {
        return next.execute(command);
      }
      String userId = auth.getUserId();
      ConflictOfInterest.Profile profile = rule.profile(userId, auth.getGroupIds());
      boolean manages = rule.managesAnyone(userId);
      if (profile.knowsNothing() && !manages) {
        return next.execute(command);
      }
      Checker checker = caseCode -> caseCode == null ? Optional.empty() : rule.check(profile, manages, caseCode);
      Map<String, Optional<ConflictOfInterest.Conflict>> byCase = new HashMap<>();
      Optional<Map.Entry<Target, String>> target = targetOf(command);
      if (target.isPresent()) {
        String caseCode = SystemAccess.run(identity, () -> caseOf(target.get().getKey(), target.get().getValue()));
        Optional<ConflictOfInterest.Conflict> conflict = conflict(checker, caseCode, byCase);
        if (conflict.isPresent()) {
          rule.recordRefusal(userId, caseCode, "ENGINE_COMMAND", conflict.get());
          throw new AuthorizationException("You may not reach this case: " + conflict.get().reason());
        }
        return next.execute(command);
      }
      T result = next.execute(command);
      if (result instanceof Long counted && counted > 0 && isCount(command)) {
        // A count narrowed to one case (its business key, a variable's value) is a yes/no oracle on
        // that case: it is recounted without the rows of the cases the caller is conflicted on.
        long dropped = droppedFromCount(command, counted, checker, identity, byCase);
        audit(rule, userId, byCase);
        @SuppressWarnings("unchecked")
        T recounted = (T) Long.valueOf(counted - dropped);
        return recounted;
      }
      return filter(result, rule, checker, profile, identity, byCase);
    }

    <T> T filterForCaller(T answer) {
      IdentityService identity = configuration.getIdentityService();
      Authentication auth = identity == null ? null : identity.getCurrentAuthentication();
      ConflictOfInterest rule = conflicts.getIfAvailable();
      if (answer == null || auth == null || auth.getUserId() == null || rule == null) {
        return answer;
      }
      ConflictOfInterest.Profile profile = rule.profile(auth.getUserId(), auth.getGroupIds());
      boolean manages = rule.managesAnyone(auth.getUserId());
      if (profile.knowsNothing() && !manages) {
        return answer;
      }
      Checker checker = caseCode -> caseCode == null ? Optional.empty() : rule.check(profile, manages, caseCode);
      return filter(answer, rule, checker, profile, identity, new HashMap<>());
    }

    private boolean isCount(Command<?> command) {
      return command instanceof ExecuteFilterCountCmd
          || command instanceof AbstractQuery<?, ?> query && RESULT_TYPE != null && String.valueOf(readField(RESULT_TYPE, query)).equals("COUNT");
    }

    /** How many of the counted rows belong to a case the caller is conflicted on, read a page at a time. */
    private long droppedFromCount(Command<?> command, long counted, Checker checker, IdentityService identity,
                                  Map<String, Optional<ConflictOfInterest.Conflict>> byCase) {
      long dropped = 0;
      Map<String, String> caseByInstance = new HashMap<>();
      for (int first = 0; first < counted; first += RECOUNT_PAGE) {
        List<?> rows = page(command, first);
        for (Object row : rows) {
          if (conflicted(row, checker, identity, byCase, caseByInstance)) {
            dropped++;
          }
        }
        if (rows.size() < RECOUNT_PAGE) {
          break;
        }
      }
      return Math.min(dropped, counted);
    }

    /** One page of the rows a count command counts, read with the caller's own authorizations. */
    private List<?> page(Command<?> command, int first) {
      if (command instanceof ExecuteFilterCountCmd) {
        String filterId = (String) readField(FILTER_ID, command);
        Query<?, ?> extending = (Query<?, ?>) readField(EXTENDING_QUERY, command);
        return next.execute(new ExecuteFilterListPageCmd(filterId, extending, first, RECOUNT_PAGE));
      }
      AbstractQuery<?, ?> query = (AbstractQuery<?, ?>) command;
      Object type = readField(RESULT_TYPE, query);
      Object firstResult = readField(FIRST_RESULT, query);
      Object maxResults = readField(MAX_RESULTS, query);
      try {
        writeField(RESULT_TYPE, query, LIST_PAGE);
        writeField(FIRST_RESULT, query, first);
        writeField(MAX_RESULTS, query, RECOUNT_PAGE);
        Object rows = next.execute(query);
        return rows instanceof List<?> list ? list : List.of();
      } finally {
        writeField(RESULT_TYPE, query, type);
        writeField(FIRST_RESULT, query, firstResult);
        writeField(MAX_RESULTS, query, maxResults);
      }
    }

    private boolean conflicted(Object row, Checker checker, IdentityService identity,
                               Map<String, Optional<ConflictOfInterest.Conflict>> byCase, Map<String, String> caseByInstance) {
      String caseCode = businessKeyOf(row);
      String instance = caseCode == null ? processInstanceIdOf(row) : null;
      if (caseCode == null && instance == null) {
        return false;
      }
      if (caseCode == null) {
        caseCode = caseByInstance.computeIfAbsent(instance,
            id -> SystemAccess.run(identity, () -> caseOf(Target.PROCESS_INSTANCE, id)));
      }
      return conflict(checker, caseCode, byCase).isPresent();
    }

    @SuppressWarnings("unchecked")
    private <T> T filter(T result, ConflictOfInterest rule, Checker checker, ConflictOfInterest.Profile profile,
                         IdentityService identity,
                         Map<String, Optional<ConflictOfInterest.Conflict>> byCase) {
      if (result instanceof List<?> list && !list.isEmpty()) {
        Map<String, String> caseByInstance = new HashMap<>();
        List<Object> kept = new ArrayList<>(list.size());
        boolean dropped = false;
        for (Object row : list) {
          String caseCode = businessKeyOf(row);
          String instance = caseCode == null ? processInstanceIdOf(row) : null;
          if (caseCode == null && instance == null) {
            kept.add(row);
            continue;
          }
          if (caseCode == null) {
            caseCode = caseByInstance.computeIfAbsent(instance,
                id -> SystemAccess.run(identity, () -> caseOf(Target.PROCESS_INSTANCE, id)));
          }
          if (conflict(checker, caseCode, byCase).isPresent()) {
            dropped = true;
          } else {
            kept.add(row);
          }
        }
        audit(rule, profile.userId(), byCase);
        return dropped ? (T) kept : result;
      }
      String key = result == null ? null : businessKeyOf(result);
      String instance = result == null || key != null ? null : processInstanceIdOf(result);
      if (key != null || instance != null) {
        String caseCode = key != null ? key : SystemAccess.run(identity, () -> caseOf(Target.PROCESS_INSTANCE, instance));
        if (conflict(checker, caseCode, byCase).isPresent()) {
          audit(rule, profile.userId(), byCase);
          return null;
        }
      }
      return result;
    }

    private void audit(ConflictOfInterest rule, String userId, Map<String, Optional<ConflictOfInterest.Conflict>> byCase) {
      byCase.forEach((caseCode, conflict) -> conflict.ifPresent(c -> rule.recordRefusal(userId, caseCode, "READ_ENGINE", c)));
    }

    private Optional<ConflictOfInterest.Conflict> conflict(Checker checker, String caseCode,
                                                           Map<String, Optional<ConflictOfInterest.Conflict>> byCase) {
      if (caseCode == null) {
        return Optional.empty();
      }
      return byCase.computeIfAbsent(caseCode, checker::check);
    }

    /** The case (business key) a task, execution or process instance belongs to; null if none. */
    private String caseOf(Target target, String id) {
      String instance = id;
      if (target == Target.TASK) {
        HistoricTaskInstance task = configuration.getHistoryService().createHistoricTaskInstanceQuery().taskId(id).singleResult();
        instance = task == null ? null : task.getProcessInstanceId();
        if (instance == null) {
          var running = configuration.getTaskService().createTaskQuery().taskId(id).singleResult();
          instance = running == null ? null : running.getProcessInstanceId();
        }
      } else if (target == Target.EXECUTION) {
        Execution execution = configuration.getRuntimeService().createExecutionQuery().executionId(id).singleResult();
        instance = execution == null ? id : execution.getProcessInstanceId();
      }
      if (instance == null) {
        return null;
      }
      HistoricProcessInstance pi = configuration.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceId(instance).singleResult();
      String key = pi == null ? null : pi.getBusinessKey();
      if (key == null) {
        var running = configuration.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult();
        key = running == null ? null : running.getBusinessKey();
      }
      return CaseCodeGenerator.isCaseCode(key) ? key : null;
    }
  }

  private static final Field RESULT_TYPE = queryField(AbstractQuery.class, "resultType");
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Object LIST_PAGE = Enum.valueOf((Class<Enum>) RESULT_TYPE.getType(), "LIST_PAGE");
  private static final Field FIRST_RESULT = queryField(ListQueryParameterObject.class, "firstResult");
  private static final Field MAX_RESULTS = queryField(ListQueryParameterObject.class, "maxResults");
  private static final Field FILTER_ID = queryField(AbstractExecuteFilterCmd.class, "filterId");
  private static final Field EXTENDING_QUERY = queryField(AbstractExecuteFilterCmd.class, "extendingQuery");

  private static Field queryField(Class<?> type, String name) {
    try {
      Field f = type.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda changed " + type.getName() + ": no field " + name
          + "; the conflict guard's recount must be revised before this version runs", e);
    }
  }

  private static Object readField(Field f, Object target) {
    try {
      return f.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeField(Field f, Object target, Object value) {
    try {
      f.set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The case code a row names itself (a process instance, Cockpit's instance lists), if it does. */
  static String businessKeyOf(Object row) {
    if (row instanceof String || row instanceof Number || row instanceof Boolean) {
      return null;
    }
    try {
      Method m = row.getClass().getMethod("getBusinessKey");
      Object v = m.getReturnType() == String.class ? m.invoke(row) : null;
      return v instanceof String key && CaseCodeGenerator.isCaseCode(key) ? key : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The process instance a row of a query answer belongs to, if it has one. */
  static String processInstanceIdOf(Object row) {
    for (String name : Set.of("getProcessInstanceId", "getRootProcessInstanceId")) {
      try {
        Method m = row.getClass().getMethod(name);
        if (m.getReturnType() == String.class) {
          Object v = m.invoke(row);
          if (v != null) {
            return (String) v;
          }
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // no such accessor: not case data
      }
    }
    return null;
  }
}
