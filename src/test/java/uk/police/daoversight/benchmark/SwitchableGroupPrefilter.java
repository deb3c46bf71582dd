package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * Camunda's own AuthorizationManager, except that its group prefilter can be switched off for a
 * measurement. Before every authorization check the engine reads every group id in
 * ACT_RU_AUTHORIZATION, to drop the user's groups that have no grant at all
 * (camunda/camunda-bpm-platform#5485); skipping that changes no answer (a group without grants matches
 * no row either way), only the time. Switched off (the default) this is Camunda's manager unchanged.
 * The reads benchmark times each read with the prefilter and without it: what the fix would gain.
 */
final class SwitchableGroupPrefilter extends AuthorizationManager {

  private static volatile boolean skipped;

  static void skip(boolean skip) {
    skipped = skip;
  }

  @Override
  public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
    return skipped && authenticatedGroupIds != null ? authenticatedGroupIds : super.filterAuthenticatedGroupIds(authenticatedGroupIds);
  }

  /** Installs the manager in place of Camunda's (custom session factories replace the default one of their type). */
  static final class Plugin extends AbstractProcessEnginePlugin {
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      if (configuration.getCustomSessionFactories() == null) {
        configuration.setCustomSessionFactories(new ArrayList<>());
      }
      configuration.getCustomSessionFactories().add(new SessionFactory() {
        @Override
        public Class<?> getSessionType() {
          return AuthorizationManager.class;
        }

        @Override
        public Session openSession() {
          return new SwitchableGroupPrefilter();
        }
      });
    }
  }
}
