package uk.police.daoversight.config;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * What this product adds to the engine's own tables, applied right after the engine has created or
 * updated its schema and before any job runs: {@code db/engine/<database type>/*.sql} in name order
 * (database type as Camunda names it: {@code h2}, {@code postgres}). Every statement must be
 * idempotent ({@code create index if not exists}), since every node runs them at every start.
 * Flyway cannot do this: it runs before the engine, when the engine's tables may not exist yet.
 */
@Component
public class EngineSchemaAdditions extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(EngineSchemaAdditions.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    if (ProcessEngineConfigurationImpl.DB_SCHEMA_UPDATE_FALSE.equals(configuration.getDatabaseSchemaUpdate())) {
      // A node running as the runtime role may not change the schema: the owner's start-up applied these.
      LOG.info("Engine schema additions left to the owner's start-up (schema-update=false)");
      return;
    }
    apply(configuration.getDataSource(), configuration.getDatabaseType());
  }

  static void apply(DataSource dataSource, String databaseType) {
    Resource[] scripts;
    try {
      scripts = new PathMatchingResourcePatternResolver()
          .getResources("classpath*:db/engine/" + databaseType + "/*.sql");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list the engine schema additions for " + databaseType, e);
    }
    Arrays.sort(scripts, Comparator.comparing(Resource::getFilename));
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      try {
        for (Resource script : scripts) {
          ScriptUtils.executeSqlScript(connection, new EncodedResource(script, "UTF-8"));
          LOG.info("Engine schema addition applied: {}", script.getFilename());
        }
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot apply the engine schema additions for " + databaseType, e);
    }
  }
}
