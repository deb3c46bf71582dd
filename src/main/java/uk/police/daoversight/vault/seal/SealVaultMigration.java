package uk.police.daoversight.vault.seal;

import java.time.Clock;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Flyway V31: seals every identity already in the vault (issue #17). A Java migration because sealing
 * needs the key-encryption key, which is not in the database; it runs on Flyway's own connection and
 * transaction. Counted before and after per table ({@link PlainRowSealer}); a second run seals nothing.
 */
@Component
public class SealVaultMigration implements JavaMigration {

  private final VaultKek kek;

  public SealVaultMigration(VaultKek kek) {
    this.kek = kek;
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("31");
  }

  @Override
  public String getDescription() {
    return "seal the vault";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) {
    JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
    PlainRowSealer sealer = new PlainRowSealer(jdbc, new VaultSeals(new CaseKeys(jdbc, kek, Clock.systemUTC())));
    sealer.fillAboveConstable();
    sealer.sealAll();
  }
}
