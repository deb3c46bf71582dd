package uk.police.daoversight.vault.seal;

import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Flyway V31: seals every identity already in the vault (issue #17). A Java migration because sealing
 * needs the key-encryption key, which is not in the database; it runs on Flyway's own connection and
 * transaction. Counted before and after per table ({@link PlainRowSealer}); a second run seals nothing.
 */
@Component
public class SealVaultMigration extends SealingMigration {

  public SealVaultMigration(VaultKek kek) {
    super("31", "seal the vault", kek);
  }





  @Override
  public void migrate(Context context) {
    JdbcTemplate jdbc = jdbc(context);
    PlainRowSealer sealer = new PlainRowSealer(jdbc, seals(jdbc));
    sealer.fillAboveConstable();
    sealer.sealAll();
  }
}
