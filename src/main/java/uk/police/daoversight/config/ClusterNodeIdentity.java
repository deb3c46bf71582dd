package uk.police.daoversight.config;

import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Names this node's job executor after the node ({@code NODE_NAME}, the engine's {@code hostname}
 * setting), so that a job locked in {@code ACT_RU_JOB.LOCK_OWNER_} says which node holds it. The
 * suffix keeps lock owners unique even if two nodes are given the same name by mistake.
 */
@Component
public class ClusterNodeIdentity extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(lockOwner(configuration.getHostname()));
    }
  }

  static String lockOwner(String nodeName) {
    return nodeName + "#" + UUID.randomUUID().toString().substring(0, 8);
  }
}
