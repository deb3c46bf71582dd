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
 * Flyway V8: the vault's person keys ({@link ReferenceKeys#staffKeyOf}, {@link ReferenceKeys#personKeyOf})
 * with their indexes in place of the raw staff number indexes, and the keys of every case already in the vault. A Java migration because the keys
 * need the configured secret; Spring Boot hands this bean to Flyway.
 */
@Component
public class PersonKeysMigration extends SealingMigration {

  private static final List<String> KEY_COLUMNS =
      List.of("victim_staff_key", "victim_person_key", "perpetrator_staff_key", "perpetrator_person_key");

  private final ReferenceKeys keys;

  public PersonKeysMigration(ReferenceKeys keys, VaultKek kek) {
    super("8", "vault person keys", kek);
    this.keys = keys;
  }





  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      for (String column : KEY_COLUMNS) {
        ddl.execute("alter table case_identity add column " + column + " varchar(64)");
        ddl.execute("create index ix_case_identity_" + column + " on case_identity (" + column + ")");
      }
      // The raw staff number indexes served the old search, which read the whole vault anyway.
      ddl.execute("drop index ix_case_identity_victim_staff");
      ddl.execute("drop index ix_case_identity_perp_staff");
    }
    fillKeys(connection);
  }

  /** Sets the four keys of every vault row from its people (plain rows, or sealed ones opened with their key). */
  void fillKeys(Connection connection) throws SQLException {
    VaultSeals seals = seals(jdbc(connection));
    List<String[]> rows = new ArrayList<>();
    try (Statement select = connection.createStatement();
         ResultSet rs = select.executeQuery("""
             select * from case_identity""")) {
      while (rs.next()) {
        String caseCode = rs.getString("case_code");
        Party victim = IdentityVault.party(rs, "victim_", false, () -> seals.of(caseCode));
        Party perpetrator = IdentityVault.party(rs, "perpetrator_", false, () -> seals.of(caseCode));
        rows.add(new String[] {keys.staffKeyOf(victim), keys.personKeyOf(victim), keys.staffKeyOf(perpetrator),
            keys.personKeyOf(perpetrator), rs.getString("case_code")});
      }
    }
    try (PreparedStatement update = connection.prepareStatement("update case_identity set "
        + String.join(" = ?, ", KEY_COLUMNS) + " = ? where case_code = ?")) {
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          update.setString(i + 1, row[i]);
        }
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
