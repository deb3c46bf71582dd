package uk.police.daoversight.vault.seal;

import java.sql.Connection;
import java.time.Clock;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A Flyway Java migration that needs the vault's keys (the key-encryption key is not in the
 * database): it runs on Flyway's own connection and transaction, and its Java may change without a
 * checksum (it is run once, by version).
 */
public abstract class SealingMigration implements JavaMigration {

  private final MigrationVersion version;
  private final String description;
  private final VaultKek kek;

  protected SealingMigration(String version, String description, VaultKek kek) {
    this.version = MigrationVersion.fromVersion(version);
    this.description = description;
    this.kek = kek;
  }

  @Override
  public MigrationVersion getVersion() {
    return version;
  }

  @Override
  public String getDescription() {
    return description;
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  /** A JdbcTemplate on Flyway's connection (never closed here: Flyway owns it). */
  protected static JdbcTemplate jdbc(Context context) {
    return jdbc(context.getConnection());
  }

  /** A JdbcTemplate on a connection it never closes. */
  protected static JdbcTemplate jdbc(Connection connection) {
    return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
  }

  /** The vault's seals over that connection. */
  protected VaultSeals seals(JdbcTemplate jdbc) {
    return new VaultSeals(new CaseKeys(jdbc, kek, Clock.systemUTC()));
  }
}
