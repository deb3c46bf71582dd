package uk.police.daoversight.benchmark;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import uk.police.daoversight.config.GroupPrefilterThreshold;

/**
 * The application's AuthorizationManager ({@link GroupPrefilterThreshold}: no group prefilter for
 * people in few groups), except that Camunda's own prefilter can be switched on for a measurement:
 * before every authorization check Camunda reads every group id in ACT_RU_AUTHORIZATION, to drop
 * the user's groups that have no grant at all (camunda/camunda-bpm-platform#5485). Either way the
 * answers are the same (a group without grants matches no row), only the time differs. Switched off
 * (the default) this is the application's manager unchanged.
 */
final class SwitchableGroupPrefilter extends GroupPrefilterThreshold.Manager {

  private static volatile boolean camundas;

  SwitchableGroupPrefilter(int threshold) {
    super(threshold);
  }

  /** True: Camunda's prefilter for everyone, as the engine ships; false: the application's threshold. */
  static void camundasPrefilter(boolean on) {
    camundas = on;
  }

  @Override
  public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
    return camundas ? camundaPrefilter(authenticatedGroupIds) : super.filterAuthenticatedGroupIds(authenticatedGroupIds);
  }

  /**
   * Installs the manager in place of the application's, after the engine has built its session
   * factories (whatever order the plugins ran in), with the application's threshold.
   */
  static final class Plugin extends AbstractProcessEnginePlugin {
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
      int threshold = Integer.parseInt(System.getProperty("oversight.authorization.group-prefilter-threshold", "20"));
      configuration.getSessionFactories().put(AuthorizationManager.class,
          GroupPrefilterThreshold.authorizationManagers(() -> new SwitchableGroupPrefilter(threshold)));
    }
  }
}
