package uk.police.daoversight.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The PostgreSQL server the tests use (DB_HOST/DB_PORT/DB_USER/DB_PASSWORD, this machine's by
 * default): fresh, uniquely named databases, dropped afterwards. Tests that need it run whenever the
 * server answers; under CI an unreachable server fails the build instead of skipping.
 */
public final class LocalPostgres {

  public static final String HOST = System.getenv().getOrDefault("DB_HOST", "127.0.0.1");
  public static final String PORT = System.getenv().getOrDefault("DB_PORT", "5432");
  public static final String USER = System.getenv().getOrDefault("DB_USER", "postgres");
  public static final String PASSWORD = System.getenv().getOrDefault("DB_PASSWORD", "");

  private LocalPostgres() {}

  /** Creates {@code <prefix>_<random>} and returns its name. */
  public static String createDatabase(String prefix) throws SQLException {
    String database = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    execute("create database " + database);
    return database;
  }

  public static void dropDatabase(String database) throws SQLException {
    execute("drop database if exists " + database + " with (force)");
  }

  public static DataSource dataSource(String database) {
    return new SimpleDriverDataSource(new org.postgresql.Driver(),
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, USER, PASSWORD);
  }

  public static boolean isThisMachine() {
    return HOST.equals("127.0.0.1") || HOST.equals("localhost");
  }

  private static void execute(String statement) throws SQLException {
    try (Connection admin = adminConnection(); Statement sql = admin.createStatement()) {
      sql.execute(statement);
    }
  }

  private static Connection adminConnection() throws SQLException {
    try {
      return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/test", USER, PASSWORD);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("PostgreSQL at " + HOST + ":" + PORT + " does not answer, and CI must test it: " + e.getMessage());
      }
      Assumptions.abort("PostgreSQL at " + HOST + ":" + PORT + " does not answer; skipped outside CI");
      throw e;
    }
  }
}
