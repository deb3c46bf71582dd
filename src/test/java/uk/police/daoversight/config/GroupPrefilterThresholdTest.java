package uk.police.daoversight.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.support.IntegrationTest;

@IntegrationTest
class GroupPrefilterThresholdTest {

  private static final List<String> GROUPS = List.of(Groups.CASE_COORDINATORS, "no-grants-at-all");

  @Autowired ProcessEngine engine;

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  @Test
  void theEngineChecksAuthorizationsThroughTheThresholdManager() {
    assertThat(configuration().getSessionFactories().get(AuthorizationManager.class).openSession())
        .isInstanceOf(GroupPrefilterThreshold.Manager.class);
  }

  @Test
  void upToTheThresholdEveryGroupIsKeptWithoutReadingTheAuthorizations() {
    List<String> kept = configuration().getCommandExecutorTxRequired()
        .execute(context -> new GroupPrefilterThreshold.Manager(2).filterAuthenticatedGroupIds(GROUPS));
    assertThat(kept).containsExactlyElementsOf(GROUPS);
  }

  @Test
  void aboveTheThresholdCamundasPrefilterDropsTheGroupsWithoutGrants() {
    List<String> kept = configuration().getCommandExecutorTxRequired()
        .execute(context -> new GroupPrefilterThreshold.Manager(1).filterAuthenticatedGroupIds(GROUPS));
    assertThat(kept).containsExactly(Groups.CASE_COORDINATORS);
  }

  @Test
  void noGroupsStayNoGroups() {
    assertThat(new GroupPrefilterThreshold.Manager(20).filterAuthenticatedGroupIds(List.of())).isEmpty();
    assertThat(new GroupPrefilterThreshold.Manager(20).filterAuthenticatedGroupIds(null)).isEmpty();
  }
}
