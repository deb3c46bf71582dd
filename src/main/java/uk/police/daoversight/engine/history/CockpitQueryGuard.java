package uk.police.daoversight.engine.history;

import java.util.List;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.webapp.db.QueryParameters;
import org.camunda.bpm.cockpit.impl.db.QueryServiceImpl;
import org.camunda.bpm.cockpit.db.CommandExecutor;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import uk.police.daoversight.engine.guard.ConflictGuardPlugin;

/**
 * Cockpit's own plugin queries ({@code /camunda/api/cockpit/plugin/base/default/process-instance}
 * and its count, with {@code variables}) run on a command executor Cockpit builds for itself, which
 * none of the engine's interceptors see. This puts {@link VariableFilterGuard}'s rule in front of
 * it: Cockpit's runtime delegate is replaced by one whose command executor first asks the engine,
 * as the caller, whether they may filter by variable values, and whose answers lose the rows of a
 * case the caller is conflicted on ({@link ConflictGuardPlugin#filterForCaller}). Installed after the webapps' bootstrap
 * and before the web server takes requests.
 */
@Component
public class CockpitQueryGuard implements SmartLifecycle {

  private final ProcessEngine engine;
  private final ConflictGuardPlugin conflicts;
  private volatile boolean running;

  public CockpitQueryGuard(ProcessEngine engine, ConflictGuardPlugin conflicts) {
    this.engine = engine;
    this.conflicts = conflicts;
  }

  @Override
  public void start() {
    if (!(Cockpit.getRuntimeDelegate() instanceof Guarded)) {
      Cockpit.setCockpitRuntimeDelegate(new Guarded(engine, conflicts));
    }
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server starts (WebServerStartStopLifecycle's phase), after the servlet context. */
  @Override
  public int getPhase() {
    return 0;
  }

  static final String INSTANCE_COUNT = "selectRunningProcessInstancesCount";
  static final String INSTANCE_LIST = "selectRunningProcessInstancesIncludingIncidents";
  static final long RECOUNT_LIMIT = 2000;

  /** A command's field, or null when it has none (Cockpit's query commands keep their statement and parameter). */
  static Object field(Object command, String name) {
    for (Class<?> c = command.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        java.lang.reflect.Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(command);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
    return null;
  }

  static final class Guarded extends DefaultCockpitRuntimeDelegate {

    private final ProcessEngine engine;
    private final ConflictGuardPlugin conflicts;

    Guarded(ProcessEngine engine, ConflictGuardPlugin conflicts) {
      this.engine = engine;
      this.conflicts = conflicts;
    }

    @Override
    public CommandExecutor getCommandExecutor(String processEngineName) {
      CommandExecutor inner = super.getCommandExecutor(processEngineName);
      return new CommandExecutor() {
        @Override
        public <T> T executeCommand(Command<T> command) {
          if (VariableFilterGuard.hasWebappVariableFilter(command)) {
            ProcessEngine target = getProcessEngine(processEngineName);
            ((ProcessEngineImpl) (target != null ? target : engine)).getProcessEngineConfiguration()
                .getCommandExecutorTxRequired().execute(context -> {
                  VariableFilterGuard.check(VariableFilterGuard.Kind.RUNTIME);
                  return null;
                });
          }
          // Nor does the conflict guard see these answers: the rows of a conflicted case are dropped here,
          // and the instance count (narrowed by business key, step or incident, a yes/no oracle on one
          // case) is recounted from the filtered list when it is small enough to be one.
          T answer = conflicts.filterForCaller(inner.executeCommand(command));
          if (answer instanceof Long counted && counted > 0 && counted <= RECOUNT_LIMIT
              && INSTANCE_COUNT.equals(field(command, "statement"))
              && field(command, "parameter") instanceof QueryParameters parameter) {
            parameter.setFirstResult(0);
            parameter.setMaxResults((int) RECOUNT_LIMIT);
            List<?> rows = new QueryServiceImpl(this).executeQuery(INSTANCE_LIST, parameter);
            @SuppressWarnings("unchecked")
            T recounted = (T) Long.valueOf(Math.min(counted, rows.size()));
            return recounted;
          }
          return answer;
        }
      };
    }
  }
}
