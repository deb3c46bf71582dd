package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import uk.police.daoversight.support.LocalPostgres;
import uk.police.daoversight.vault.seal.CaseKeys;
import uk.police.daoversight.vault.seal.CaseSeal;
import uk.police.daoversight.vault.seal.SealVaultMigration;
import uk.police.daoversight.vault.seal.SealedColumns;
import uk.police.daoversight.vault.seal.VaultKek;
import uk.police.daoversight.vault.seal.VaultSeals;

/**
 * Issue #17 item 6, on H2 and on PostgreSQL: a database of the version before the seal (Flyway up to
 * V23) holds plain identities; the upgrade (V30 widens the columns, V31 seals) loses no row and no
 * value (counted before and after, every value opens to what it was), leaves nothing plain, and the
 * sealing migration run again seals nothing (every ciphertext as it was).
 */
class VaultMigrationTest {

  @TempDir Path keys;

  @Test
  void theUpgradeSealsEveryPlainValueOnH2AndLosesNothing() throws Exception {
    String name = "vaultmig_" + UUID.randomUUID().toString().substring(0, 8);
    DataSource h2 = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    try {
      upgradeAndCount(h2, "h2");
    } finally {
      new JdbcTemplate(h2).execute("shutdown");
    }
  }

  @Test
  void theUpgradeSealsEveryPlainValueOnPostgresqlAndLosesNothing() throws Exception {
    String database = LocalPostgres.createDatabase("vaultmig");
    try {
      upgradeAndCount(LocalPostgres.dataSource(database), "postgresql");
    } finally {
      LocalPostgres.dropDatabase(database);
    }
  }

  private void upgradeAndCount(DataSource dataSource, String vendor) throws SQLException {
    VaultKek kek = new VaultKek("", "", keys.resolve("kek-" + vendor + ".json").toString(), true);
    ReferenceKeys referenceKeys = new ReferenceKeys("development-only-reference-key", true);
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    // The version before the seal, with its plain rows.
    assertThat(flyway(dataSource, vendor, "23", referenceKeys, kek).migrate().migrationsExecuted).isPositive();
    Map<String, String> plain = insertPlainRows(jdbc);

    Map<String, long[]> before = counts(jdbc);
    assertThat(plainValues(jdbc)).as("plain values before").isEqualTo(plain.size());

    // The upgrade: V30 and V31 (the seal), on Flyway's own connection and transaction.
    assertThat(flyway(dataSource, vendor, "31", referenceKeys, kek).migrate().migrationsExecuted).isEqualTo(2);

    Map<String, long[]> after = counts(jdbc);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((table, n) -> assertThat(after.get(table)).as("rows and values of " + table).containsExactly(n));
    assertThat(plainValues(jdbc)).as("plain values after").isZero();

    VaultSeals seals = new VaultSeals(new CaseKeys(jdbc, kek, Clock.systemUTC()));
    Map<String, String> sealed = values(jdbc);
    assertThat(sealed.keySet()).isEqualTo(plain.keySet());
    plain.forEach((where, value) -> {
      String[] at = where.split("\\|");
      assertThat(sealed.get(where)).as(where).startsWith(CaseSeal.PREFIX).doesNotContain(value);
      assertThat(seals.of(at[0]).open(at[1], at[2], sealed.get(where))).as(where).isEqualTo(value);
    });
    assertThat(jdbc.queryForObject("select summary from access_alert where case_code is null", String.class))
        .as("an alert about no case names nobody and stays as it was").isEqualTo("Unusual hours for the user");

    // The seal run again (as after a failed start): nothing sealed twice, every ciphertext as it was.
    migrateAgain(dataSource, kek);
    assertThat(values(jdbc)).isEqualTo(sealed);
    assertThat(counts(jdbc)).allSatisfy((table, n) -> assertThat(n).containsExactly(after.get(table)));
  }

  static Flyway flyway(DataSource dataSource, String vendor, String target, ReferenceKeys referenceKeys, VaultKek kek) {
    return Flyway.configure().dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
        .table("oversight_schema_history")
        .placeholders(Map.of("runtime_role", LocalPostgres.USER))
        .javaMigrations(new PersonKeysMigration(referenceKeys, kek), new SealVaultMigration(kek))
        .target(target)
        .load();
  }

  /** Rows as the version before the seal wrote them: every sealed table, two cases. Returns each plain value by place. */
  static Map<String, String> insertPlainRows(JdbcTemplate jdbc) {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("""
        insert into case_identity (case_code, external_reference, route, victim_name, victim_date_of_birth, victim_police_employee,
          victim_staff_number, victim_rank, victim_department, victim_contact, perpetrator_name, perpetrator_date_of_birth,
          perpetrator_police_employee, perpetrator_staff_number, perpetrator_rank, perpetrator_department, known_to, created_at)
        values ('OV-MIG001', 'MIG-REF-0001', 'LINE_MANAGER', 'Araminta Plainrow', ?, true, 'PL11223', 'Sergeant', 'Roads Policing',
          '07700 900123', 'Osric Plainrow', ?, true, 'PL44556', 'Superintendent', 'Custody', 'soo2', ?)""",
        Date.valueOf("1990-01-02"), Date.valueOf("1985-06-30"), now);
    jdbc.update("""
        insert into case_identity (case_code, external_reference, route, victim_name, victim_police_employee,
          perpetrator_name, perpetrator_police_employee, created_at)
        values ('OV-MIG002', 'MIG-REF-0002', 'MASH', 'Bathsheba Oldrow', false, 'Cuthbert Oldrow', false, ?)""", now);
    jdbc.update("insert into contact_plan (case_code, soo_user_id, outcome, safe_channel, safe_times, voicemail_safe, message_safe, "
        + "work_contact_agreed, manager_copy_agreed, first_contact_at) values ('OV-MIG001', 'soo1', 'ENGAGED', 'landline only', "
        + "'mornings', false, false, false, false, ?)", now);
    jdbc.update("insert into identity_history (id, case_code, field, old_value, reason, changed_by, changed_at) "
        + "values ('h-1', 'OV-MIG001', 'victim.name', 'Araminta Oldname', 'married', 'coordinator', ?)", now);
    jdbc.update("insert into break_glass (id, user_id, case_code, reason, granted_at, expires_at) "
        + "values ('bg-1', 'psd1', 'OV-MIG002', 'Inquiry into Cuthbert Oldrow today', ?, ?)", now, now);
    jdbc.update("insert into access_alert (id, raised_at, kind, user_id, case_code, summary) "
        + "values ('al-1', ?, 'BREAK_GLASS', 'psd1', 'OV-MIG002', 'Break glass: Inquiry into Cuthbert Oldrow today')", now);
    jdbc.update("insert into access_alert (id, raised_at, kind, user_id, case_code, summary) "
        + "values ('al-2', ?, 'OUT_OF_HOURS', 'soo1', null, 'Unusual hours for the user')", now);
    return values(jdbc);
  }

  /** Each table's rows and non-null sealed-column values. */
  static Map<String, long[]> counts(JdbcTemplate jdbc) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (SealedColumns.Table table : SealedColumns.TABLES) {
      long values = 0;
      for (String column : table.columns()) {
        values += jdbc.queryForObject("select count(" + column + ") from " + table.name()
            + (table.where() == null ? "" : " where " + table.where()), Long.class);
      }
      counts.put(table.name(), new long[] {jdbc.queryForObject("select count(*) from " + table.name(), Long.class), values});
    }
    return counts;
  }

  static long plainValues(JdbcTemplate jdbc) {
    return values(jdbc).values().stream().filter(v -> !v.startsWith(CaseSeal.PREFIX)).count();
  }

  /** Every non-null value of a sealed column, by "case|table|column|row key". */
  static Map<String, String> values(JdbcTemplate jdbc) {
    Map<String, String> values = new LinkedHashMap<>();
    for (SealedColumns.Table table : SealedColumns.TABLES) {
      List<String> select = new ArrayList<>(table.key());
      if (!select.contains("case_code")) {
        select.add("case_code");
      }
      select.addAll(table.columns());
      for (Map<String, Object> row : jdbc.queryForList("select " + String.join(", ", select) + " from " + table.name()
          + (table.where() == null ? "" : " where " + table.where()))) {
        String key = table.key().stream().map(k -> String.valueOf(get(row, k))).reduce((a, b) -> a + "/" + b).orElseThrow();
        for (String column : table.columns()) {
          Object v = get(row, column);
          if (v != null) {
            values.put(get(row, "case_code") + "|" + table.name() + "|" + column + "|" + key, v.toString());
          }
        }
      }
    }
    return values;
  }

  private static Object get(Map<String, Object> row, String column) {
    return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
  }

  /** V31's migrate once more, on a connection and transaction of its own, as Flyway gives it. */
  static void migrateAgain(DataSource dataSource, VaultKek kek) throws SQLException {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      connection.setAutoCommit(false);
      new SealVaultMigration(kek).migrate(new Context() {
        @Override
        public Configuration getConfiguration() {
          return Flyway.configure().dataSource(dataSource);
        }

        @Override
        public Connection getConnection() {
          return connection;
        }
      });
      connection.commit();
    } finally {
      connection.close();
    }
  }
}
