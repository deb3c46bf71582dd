package uk.police.daoversight.engine.forms;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts {@link PersonInputGuard} in front of every command the engine runs (both command executors),
 * before the transaction and the command context are opened: a refused request never starts one.
 */
@Component
public class FormInputPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<FreeTextCheck> freeText;

  /** The free-text check is looked up when a task is completed (it reads the vault, after the engine starts). */
  public FormInputPlugin(ObjectProvider<FreeTextCheck> freeText) {
    this.freeText = freeText;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FormFieldRules.Conditions conditions = new FeelConditions();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(0, new PersonInputGuard(configuration, conditions, freeText::getIfAvailable));
    if (configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequiresNew().add(0, new PersonInputGuard(configuration, conditions, freeText::getIfAvailable));
  }
}
