package uk.police.daoversight.benchmark;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import uk.police.daoversight.support.LocalPostgres;

/**
 * A uniquely named, empty database, dropped on close: on the tests' PostgreSQL ({@link LocalPostgres})
 * or in H2's memory.
 */
final class FreshDatabase implements AutoCloseable {

  /**
   * For investigating, not for measuring: {@code bench.keepDatabases=true} leaves the PostgreSQL
   * databases in place (to EXPLAIN against them); {@code bench.pgDatabaseSettings} sets parameters on
   * each new PostgreSQL database, e.g.
   * {@code log_min_duration_statement=50,session_preload_libraries=auto_explain,auto_explain.log_min_duration=50}
   * to find slow statements and their plans in the server's log; {@code bench.appArgs} adds
   * command-line arguments to the application under test (space-separated), e.g. a logger at debug.
   */
  static final List<String> DIAGNOSTICS = List.of("bench.keepDatabases", "bench.pgDatabaseSettings", "bench.appArgs");

  private final Target target;
  private final String name;
  private final String url;
  private final String user;
  private final String password;

  private FreshDatabase(Target target, String name, String url, String user, String password) {
    this.target = target;
    this.name = name;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  static FreshDatabase h2(String purpose) {
    String name = uniqueName(purpose);
    // H2 answers a repeated query from its last result while no table changed; the benchmarks time queries, not that.
    return new FreshDatabase(Target.H2, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE", "sa", "");
  }

  static FreshDatabase postgres(String purpose) {
    try {
      String name = LocalPostgres.createDatabase("bench_" + purpose);
      FreshDatabase database = new FreshDatabase(Target.POSTGRES, name,
          "jdbc:postgresql://" + LocalPostgres.HOST + ":" + LocalPostgres.PORT + "/" + name, LocalPostgres.USER, LocalPostgres.PASSWORD);
      try (Connection c = database.connect(); Statement sql = c.createStatement()) {
        for (String setting : System.getProperty("bench.pgDatabaseSettings", "").split(",")) {
          if (setting.contains("=")) {
            String[] nv = setting.split("=", 2);
            sql.execute("alter database " + name + " set " + nv[0].trim() + " = '" + nv[1].trim().replace("'", "''") + "'");
          }
        }
      }
      return database;
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is needed for target postgres (or run with -Dbench.targets=h2)", e);
    }
  }

  private static String uniqueName(String purpose) {
    return "bench_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
  }

  Target target() {
    return target;
  }

  String name() {
    return name;
  }

  String url() {
    return url;
  }

  /** Command-line arguments that point the application at this database (they outrank every YAML file). */
  List<String> applicationArguments() {
    return target == Target.POSTGRES
        ? List.of("--DB_NAME=" + name)
        : List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user, "--spring.datasource.password=" + password);
  }

  /** A pool like the application's (HikariCP), for the plain baseline engine and the ceiling runs. */
  HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void close() {
    try {
      if (target == Target.H2) {
        try (Connection c = connect(); Statement sql = c.createStatement()) {
          sql.execute("shutdown");
        }
      } else if (Boolean.getBoolean("bench.keepDatabases")) {
        System.out.println("Kept PostgreSQL database " + name);
      } else {
        LocalPostgres.dropDatabase(name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop benchmark database " + name, e);
    }
  }
}
