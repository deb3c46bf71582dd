package uk.police.daoversight.engine.history;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.springframework.stereotype.Component;

/**
 * History is need-to-know (issue #15, item 3), enforced in the engine:
 * <ul>
 *   <li>{@link VariableFilterGuard}: no variable-value filter (an oracle on a value) for a caller
 *       who may not read the variables, on any query, from any path;</li>
 *   <li>{@link ValueFreeFailedJobCommandFactory} and {@link ValueFreeHistoryEventProducer}: a failed
 *       job's message and stack trace, in the job, its job log and its incident, name the step and
 *       the reason, never a value.</li>
 * </ul>
 * The grants themselves (what managers, analysts and information governance may read) are in
 * {@code AccessSetup}; the access alerts' details in the application's {@code access_alert} table.
 */
@Component
public class HistoryNeedToKnow extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new VariableFilterGuard());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);

    List<CommandInterceptor> requiresNew = configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequiresNew());
    requiresNew.add(new VariableFilterGuard());
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(requiresNew);

    configuration.setFailedJobCommandFactory(new ValueFreeFailedJobCommandFactory(
        configuration.getFailedJobCommandFactory() != null ? configuration.getFailedJobCommandFactory()
            : new DefaultFailedJobCommandFactory()));
    configuration.setHistoryEventProducer(new ValueFreeHistoryEventProducer());
  }
}
