package uk.police.daoversight.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Camunda's authorization checks, without the group prefilter for people in few groups. Before each
 * command with authorization checks Camunda reads every distinct group id in ACT_RU_AUTHORIZATION to
 * drop the user's groups that have no grant at all (camunda/camunda-bpm-platform#5485). A group without
 * grants matches no authorization row anyway, so dropping it changes no answer; the read only pays off
 * for people in very many groups. Here every case brings about eight grants, so at 50,000 open cases
 * that read takes 15 ms on PostgreSQL, for every Tasklist request and every step (BENCHMARKS.md).
 * As Operaton's and CIB seven's {@code authGroupFilterThreshold}: people in more than
 * {@code oversight.authorization.group-prefilter-threshold} groups (default 20) still get the prefilter.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class GroupPrefilterThreshold extends AbstractProcessEnginePlugin {

  private final int threshold;

  public GroupPrefilterThreshold(@Value("${oversight.authorization.group-prefilter-threshold:20}") int threshold) {
    this.threshold = threshold;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(authorizationManagers(() -> new Manager(threshold)));
  }

  /** The engine's source of authorization managers, one per command context. */
  public static SessionFactory authorizationManagers(Supplier<AuthorizationManager> manager) {
    return new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return manager.get();
      }
    };
  }

  /** Camunda's AuthorizationManager, prefiltering groups only above the threshold. */
  public static class Manager extends AuthorizationManager {
    private final int threshold;

    public Manager(int threshold) {
      this.threshold = threshold;
    }

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds != null && authenticatedGroupIds.size() <= threshold) {
        return new ArrayList<>(authenticatedGroupIds);
      }
      return camundaPrefilter(authenticatedGroupIds);
    }

    /** Camunda's own prefilter: the user's groups that have at least one authorization. */
    protected final List<String> camundaPrefilter(List<String> authenticatedGroupIds) {
      return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
    }
  }
}
