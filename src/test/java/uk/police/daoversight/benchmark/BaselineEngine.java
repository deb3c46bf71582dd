package uk.police.daoversight.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The engine's own floor: a plain Camunda engine (no Spring, no plugins, no authorization, default
 * history handler, history level full as the application's) on its own fresh database, running
 * {@code benchmark/baselineCase.bpmn} and the application's complexCaseRouting decision.
 */
final class BaselineEngine implements AutoCloseable {

  static final String PROCESS = "baselineCase";

  private final HikariDataSource pool;
  private final CommitCountingDataSource dataSource;
  private final ProcessEngine engine;

  BaselineEngine(FreshDatabase database, String engineName) {
    // The application's pool on PostgreSQL has 20 connections (application-postgres.yaml); the walk uses one at a time.
    this.pool = database.pool(10);
    this.dataSource = new CommitCountingDataSource(pool);
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName(engineName);
    configuration.setDataSource(dataSource);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    configuration.setAuthorizationEnabled(false);
    // As the Spring Boot starter does: no id blocks fetched in transactions of their own.
    configuration.setIdGenerator(new StrongUuidGenerator());
    this.engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment().name("benchmark baseline")
        .addClasspathResource("benchmark/baselineCase.bpmn")
        .addClasspathResource("dmn/complexCaseRouting.dmn")
        .deploy();
  }

  ProcessEngine engine() {
    return engine;
  }

  CommitCountingDataSource commits() {
    return dataSource;
  }

  /** Cases as the baseline knows them: the facts the decision reads, the SOO, the contact deadline. */
  CaseWalk.CaseModel caseModel(List<String> soos) {
    RuntimeService runtime = engine.getRuntimeService();
    return new CaseWalk.CaseModel() {
      @Override
      public CaseWalk.Started start(int i) {
        Date contactDue = new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(72).toMillis());
        ProcessInstance pi = runtime.createProcessInstanceByKey(PROCESS).businessKey("BASE-" + i)
            .setVariables(Variables.createVariables()
                .putValue("bothPartiesPolice", false).putValue("counterAllegation", false)
                .putValue("serialPerpetrator", false).putValue("perpetratorInPositionOfPower", false)
                .putValue("riskLevel", "MEDIUM").putValue("allocatedSoo", soos.get(i % soos.size()))
                .putValue("contactDueDate", contactDue).putValue("panelRequestedReturn", false))
            .execute();
        return new CaseWalk.Started(pi.getId(), pi.getBusinessKey());
      }

      @Override
      public void recordPanelOutcome(CaseWalk.Started started) {
        runtime.createMessageCorrelation("BaselinePanelOutcome").processInstanceId(started.processInstanceId())
            .setVariable("panelOutcomeId", UUID.randomUUID().toString()).correlate();
      }

      @Override
      public String processDefinitionKey() {
        return PROCESS;
      }
    };
  }

  @Override
  public void close() {
    engine.close();
    pool.close();
  }
}
