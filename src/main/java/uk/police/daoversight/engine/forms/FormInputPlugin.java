package uk.police.daoversight.engine.forms;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts {@link PersonInputGuard} in front of every command the engine runs (both command executors),
 * before the transaction and the command context are opened: a refused request never starts one.
 */
@Component
public class FormInputPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FormFieldRules.Conditions conditions = new FeelConditions();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(0, new PersonInputGuard(configuration, conditions));
    if (configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequiresNew().add(0, new PersonInputGuard(configuration, conditions));
  }
}
