package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.beans.factory.annotation.Value;
import java.time.Clock;
import java.time.Duration;
import uk.police.daoversight.vault.seal.SwitchableSeals;
import uk.police.daoversight.vault.seal.VaultKek;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.Application;

/**
 * The application itself, started in this JVM on a fresh database with its own configuration
 * (application.yaml, plus the postgres profile on PostgreSQL). Changes, all for measuring: the data
 * source counts commits; sealing can be switched off or to uncached keys per round ({@link SwitchableSeals});
 * Camunda's own group prefilter can be switched on for one measurement
 * ({@link SwitchableGroupPrefilter}, off as shipped); and the job executor, configured and started as
 * the YAML says, is paused until the timer benchmark needs it (the other benchmarks run jobs
 * themselves, as the tests do, so that their timings do not include acquisition waits).
 */
final class OversightApp implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final CommitCountingDataSource dataSource;

  private OversightApp(ConfigurableApplicationContext context) {
    this.context = context;
    this.dataSource = context.getBean(CommitCountingDataSource.class);
  }

  static OversightApp start(FreshDatabase database, String engineName) {
    List<String> args = new ArrayList<>(database.applicationArguments());
    args.addAll(List.of("--server.port=0", "--camunda.bpm.process-engine-name=" + engineName,
        // The benchmark brings its own people (300 SOOs); the demo's six would skew the roster.
        "--oversight.demo.enabled=false", "--oversight.vault.reference-key=" + BenchSettings.VAULT_KEY,
        // Outside demo mode the vault needs a key-encryption key: a fresh Tink keyset, as VAULT_KEK would give it.
        "--oversight.vault.kek=" + freshKek(),
        "--logging.level.root=warn",
        // A failing job's exception is reported by the benchmark; the engine would log it with every variable value.
        "--logging.level.org.camunda.bpm.engine.context=off"));
    // For investigating (see FreshDatabase.DIAGNOSTICS): more arguments, e.g. a logger at debug.
    String extra = System.getProperty("bench.appArgs", "");
    if (!extra.isBlank()) {
      args.addAll(List.of(extra.trim().split("\\s+")));
    }
    ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class, Instruments.class)
        .profiles(database.target().profiles().toArray(String[]::new))
        .run(args.toArray(String[]::new));
    OversightApp app = new OversightApp(context);
    app.jobExecutor().shutdown();
    return app;
  }

  /** A new AES-256-GCM Tink keyset in its JSON form (the benchmark's KEK; the databases are dropped afterwards). */
  private static String freshKek() {
    try {
      com.google.crypto.tink.aead.AeadConfig.register();
      return com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeyset(
          com.google.crypto.tink.KeysetHandle.generateNew(com.google.crypto.tink.aead.PredefinedAeadParameters.AES256_GCM),
          com.google.crypto.tink.InsecureSecretKeyAccess.get());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  ProcessEngine engine() {
    return bean(ProcessEngine.class);
  }

  ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine().getProcessEngineConfiguration();
  }

  JobExecutor jobExecutor() {
    return configuration().getJobExecutor();
  }

  /** The job executor's settings as the application read them (application.yaml and profiles). */
  JobExecutionProperty jobExecution() {
    return bean(CamundaBpmProperties.class).getJobExecution();
  }

  JdbcTemplate jdbc() {
    return bean(JdbcTemplate.class);
  }

  CommitCountingDataSource commits() {
    return dataSource;
  }

  @Override
  public void close() {
    context.close();
  }

  /**
   * What the benchmark adds to the application: the commit counter around its data source (after
   * Boot has configured the pool), and the switchable group prefilter (as shipped unless a read switches it).
   */
  @Configuration(proxyBeanMethods = false)
  static class Instruments {
    @Bean
    static SwitchableGroupPrefilter.Plugin switchableGroupPrefilter() {
      return new SwitchableGroupPrefilter.Plugin();
    }

    /** The vault's seals with sealing switchable per round ({@link Safeguards}); as shipped unless a round switches it. */
    @Bean
    @Primary
    static SwitchableSeals switchableSeals(JdbcTemplate jdbc, VaultKek kek, Clock clock,
                                           @Value("${oversight.vault.key-cache.max-entries:1000}") int maxEntries,
                                           @Value("${oversight.vault.key-cache.ttl:PT5M}") Duration ttl) {
      return new SwitchableSeals(jdbc, kek, clock, maxEntries, ttl);
    }

    @Bean
    static BeanPostProcessor commitCountingDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource ds && !(bean instanceof CommitCountingDataSource)
              ? new CommitCountingDataSource(ds) : bean;
        }
      };
    }
  }
}
