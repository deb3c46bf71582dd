package uk.police.daoversight.engine;

import java.util.Map;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/**
 * The Spring starter's expression manager (application beans by name, JUEL), with every resolution
 * passing {@link GuardedElResolver} first: no expression, the models' own included, reaches
 * reflection, class loading, processes, files or the engine's services. The engine evaluates every
 * JUEL expression through this manager: models, queries' expressions of stored filters, and DMN's
 * JUEL (the DMN engine takes its EL provider from it).
 */
public class RestrictedExpressionManager extends SpringExpressionManager {

  public RestrictedExpressionManager(ApplicationContext applicationContext, Map<Object, Object> beans) {
    super(applicationContext, beans);
  }

  @Override
  protected ELResolver createElResolver() {
    return new GuardedElResolver(super.createElResolver());
  }
}
