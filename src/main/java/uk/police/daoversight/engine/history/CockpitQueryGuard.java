package uk.police.daoversight.engine.history;

import org.camunda.bpm.cockpit.Cockpit;
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
          // Nor does the conflict guard see these answers: the rows of a conflicted case are dropped here.
          return conflicts.filterForCaller(inner.executeCommand(command));
        }
      };
    }
  }
}
