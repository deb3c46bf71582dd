package uk.police.daoversight.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Least privilege inside the engine (issue #15), enforced where the engine acts, so that no
 * spelling, path or client gets round it:
 * <ul>
 *   <li>{@link EngineGuard} before every command, inside its command context (both command
 *       executors): no expression in any query a person sends, at any depth; stored filters only
 *       with the application's own expressions; no comments or attachments;</li>
 *   <li>{@link RestrictedExpressionManager} for every expression the engine evaluates (models,
 *       stored filters, DMN's JUEL): no reflection, class access, processes, files or engine
 *       look-ups.</li>
 * </ul>
 * First of the plugins, so the expression manager it installs is the one every later plugin
 * (Spin's functions) and the engine's own initialisation (currentUser(), DMN) add to.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LeastPrivilegeEnginePlugin extends AbstractProcessEnginePlugin {

  private final ApplicationContext applicationContext;

  public LeastPrivilegeEnginePlugin(ApplicationContext applicationContext) {
    this.applicationContext = applicationContext;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPostCommandInterceptorsTxRequired(
        withGuard(configuration.getCustomPostCommandInterceptorsTxRequired()));
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(
        withGuard(configuration.getCustomPostCommandInterceptorsTxRequiresNew()));
    configuration.setEnableExpressionsInAdhocQueries(false);
    configuration.setExpressionManager(new RestrictedExpressionManager(applicationContext, configuration.getBeans()));
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!(configuration.getExpressionManager() instanceof RestrictedExpressionManager)) {
      throw new IllegalStateException("Another plugin replaced the restricted expression manager with "
          + configuration.getExpressionManager().getClass().getName());
    }
    if (configuration.isEnableExpressionsInAdhocQueries()) {
      throw new IllegalStateException("Expressions in ad-hoc queries must stay off");
    }
  }

  private static List<CommandInterceptor> withGuard(List<CommandInterceptor> existing) {
    List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
    interceptors.add(0, new EngineGuard());
    return interceptors;
  }
}
