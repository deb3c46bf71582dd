package uk.police.daoversight.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.intake.Party;
import uk.police.daoversight.vault.seal.SealingMigration;
import uk.police.daoversight.vault.seal.VaultKek;
import uk.police.daoversight.vault.seal.VaultSeals;

/**
 * Flyway V72 (#19 item 5): the keyed sounds of the names of every case already in the vault (V71's
 * {@code case_person_sound}), so that likely matches find earlier cases too. Erased cases have no
 * people left to key. A Java migration because the keys need the configured secret.
 */
@Component
public class SoundKeysMigration extends SealingMigration {

  private final ReferenceKeys keys;

  public SoundKeysMigration(ReferenceKeys keys, VaultKek kek) {
    super("72", "vault sound keys", kek);
    this.keys = keys;
  }





  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    VaultSeals seals = seals(jdbc(context));
    List<String[]> rows = new ArrayList<>();
    try (Statement select = connection.createStatement();
         ResultSet rs = select.executeQuery("select * from case_identity where erased_at is null")) {
      while (rs.next()) {
        String caseCode = rs.getString("case_code");
        Party victim = IdentityVault.party(rs, "victim_", false, () -> seals.of(caseCode));
        Party perpetrator = IdentityVault.party(rs, "perpetrator_", false, () -> seals.of(caseCode));
        keys.soundKeysOf(victim).forEach(k -> rows.add(new String[] {caseCode, "VICTIM", k}));
        keys.soundKeysOf(perpetrator).forEach(k -> rows.add(new String[] {caseCode, "PERPETRATOR", k}));
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "insert into case_person_sound (case_code, party, sound_key) values (?,?,?)")) {
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          insert.setString(i + 1, row[i]);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
