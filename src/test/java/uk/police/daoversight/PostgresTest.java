package uk.police.daoversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTables;
import uk.police.daoversight.support.LocalPostgres;

/**
 * The production profile on the local PostgreSQL: a fresh, uniquely named database; the
 * application starts, deploys and runs a whole case through, leaves no identity in the engine's
 * tables, and the database is dropped. Runs whenever the server answers; under CI an unreachable
 * server fails the build.
 */
class PostgresTest {

  @Test
  void aWholeCaseRunsOnPostgresqlAndLeavesNoIdentityInTheEngine() throws SQLException {
    String database = LocalPostgres.createDatabase("oversight");
    try {
      runCaseOn(database);
    } finally {
      LocalPostgres.dropDatabase(database);
    }
  }

  private void runCaseOn(String database) {
    ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class)
        .profiles("postgres", "demo")
        .run("--DB_NAME=" + database, "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
            "--camunda.bpm.process-engine-name=postgresCheck", "--camunda.bpm.webapp.enabled=false",
            "--logging.level.root=warn");
    try {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      BpmnAwareTests.init(engine);
      String url = app.getEnvironment().getProperty("spring.datasource.url");
      assertThat(url).startsWith("jdbc:postgresql:").endsWith("/" + database);
      String definitionId = app.getBean(RepositoryService.class).createProcessDefinitionQuery()
          .processDefinitionKey("oversightCase").latestVersion().singleResult().getId();
      ProcessInstance pi = app.getBean(FormService.class).submitStartForm(definitionId, Map.of(
          "route", "MASH", "externalReference", "PG-CHECK-0042", "riskLevel", "STANDARD",
          "victimName", "Philippa Grenadine", "victimPoliceEmployee", true, "victimStaffNumber", "PG19191",
          "perpetratorName", "Horace Umbridge-Quill", "perpetratorPoliceEmployee", false));
      CaseDriver driver = new CaseDriver(app.getBean(RuntimeService.class));
      driver.reviewHistory(pi);
      driver.readCasePack(pi, driver.allocateAsRecommended(pi));
      driver.contact(pi, "DECLINED", null);
      driver.close(pi);

      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(EngineTables.scan(jdbc, List.of("Philippa", "Grenadine", "PG19191", "Umbridge-Quill", "PG-CHECK-0042"))).isEmpty();
      // Sealed (issue #17): the column holds a ciphertext, the vault opens it.
      assertThat(jdbc.queryForObject("select count(*) from case_identity where victim_name = 'Philippa Grenadine'", Integer.class))
          .isZero();
      assertThat(app.getBean(uk.police.daoversight.vault.IdentityVault.class).find(pi.getBusinessKey()).orElseThrow()
          .victim().name()).isEqualTo("Philippa Grenadine");
      // pg_dump of the whole database shows none of the case's identities, in any common encoding.
      java.util.List<String> secrets = List.of("Philippa", "Grenadine", "PG19191", "Umbridge-Quill", "PG-CHECK-0042");
      String dump = pgDump(database);
      assertThat(dump).contains("case_identity").contains(pi.getBusinessKey());
      assertThat(uk.police.daoversight.vault.SealedVaultTest.found(dump, secrets)).isEmpty();
      assertThat(jdbc.queryForObject("select count(*) from access_audit", Integer.class)).as("grants and removals audited").isPositive();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("delete from access_audit"))
          .hasMessageContaining("append-only");
    } finally {
      BpmnAwareTests.reset();
      app.close();
    }
  }

  /** The database as pg_dump writes it (plain SQL); pg_dump is installed wherever PostgreSQL is. */
  private static String pgDump(String database) {
    try {
      Process p = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--no-password", database)
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("pg_dump exit").isZero();
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("pg_dump could not be run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
