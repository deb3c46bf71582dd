package uk.police.daoversight.vault.seal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.audit.AccessAudit;

/**
 * The vault's key jobs (issue #17), each resumable, in small transactions, and audited:
 * <ul>
 *   <li><b>Crypto-shredding at the end of retention</b>: a case closed more than
 *       {@code oversight.retention.years-after-closure} years ago has its data key destroyed, so its
 *       identities cannot be read anywhere again, backups included; its keyed hashes go too. The case
 *       code, dates, route and the figures' facts stay: the anonymised case and the figures are
 *       unchanged. Each erasure is an {@code ERASURE} row in the access record. Runs daily.</li>
 *   <li><b>Re-wrap</b> after the KEK rotated: every case key wrapped by an older KEK key is wrapped
 *       again by the current one (the old KEK key can then be retired).</li>
 *   <li><b>Re-encryption</b>: each case gets a new data key and every sealed value of it is sealed again
 *       with that key, the old data key then dropped; one transaction per case, so a stop resumes.</li>
 * </ul>
 */
@Service
public class VaultKeyJobs {

  private static final Logger log = LoggerFactory.getLogger(VaultKeyJobs.class);
  public static final String SYSTEM = "vault-key-jobs";
  public static final String KEY_ROTATION = "KEY_ROTATION";

  private final JdbcTemplate jdbc;
  private final VaultSeals seals;
  private final AccessAudit audit;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final int retentionYears;

  public VaultKeyJobs(JdbcTemplate jdbc, VaultSeals seals, AccessAudit audit, Clock clock, PlatformTransactionManager transactions,
                      @Value("${oversight.retention.years-after-closure:6}") int retentionYears) {
    this.jdbc = jdbc;
    this.seals = seals;
    this.audit = audit;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    this.retentionYears = retentionYears;
  }

  /** The daily retention run (02:30), on the engine's clock; a second node running it too erases nothing twice. */
  @Scheduled(cron = "${oversight.retention.cron:0 30 2 * * *}")
  public void retentionSchedule() {
    int erased = eraseDue(500);
    if (erased > 0) {
      log.info("Retention: the identities of {} closed cases were erased", erased);
    }
  }

  /** Erases up to {@code limit} cases past retention; returns how many. */
  public int eraseDue(int limit) {
    Instant cutoff = clock.instant().atOffset(ZoneOffset.UTC).minusYears(retentionYears).toInstant();
    List<String> due = jdbc.queryForList("select case_code from case_identity where closed_at is not null and closed_at < ? "
        + "and erased_at is null order by closed_at, case_code", String.class, Timestamp.from(cutoff))
        .stream().limit(limit).toList();
    int n = 0;
    for (String code : due) {
      if (Boolean.TRUE.equals(tx.execute(status -> erase(code, "closed before " + cutoff + " (" + retentionYears
          + " years after closure)")))) {
        n++;
      }
    }
    return n;
  }

  /** Destroys one case's data key and its keyed hashes; the ERASURE row commits with it. */
  public boolean erase(String caseCode, String why) {
    boolean destroyed = seals.keys().destroy(caseCode);
    int rows = jdbc.update("update case_identity set erased_at = ?, open_reference_key = null, victim_staff_key = null, "
        + "victim_person_key = null, perpetrator_staff_key = null, perpetrator_person_key = null "
        + "where case_code = ? and erased_at is null", Timestamp.from(clock.instant()), caseCode);
    jdbc.update("delete from case_person_sound where case_code = ?", caseCode);
    if (!destroyed && rows == 0) {
      return false;
    }
    audit.record(SYSTEM, caseCode, AccessAudit.ERASURE, AccessAudit.Outcome.ALLOWED,
        "identities erased at the end of retention: the case's data key was destroyed; " + why);
    return true;
  }

  /** Re-wraps every case key still wrapped by an older KEK key, in batches; returns how many. */
  public int rewrapAll(int batch) {
    int total = 0;
    List<String> codes;
    String version = seals.keys().currentVersionLabel();
    while (!(codes = seals.keys().wrappedByOlderKek(batch)).isEmpty()) {
      int done = 0;
      for (String code : codes) {
        if (Boolean.TRUE.equals(tx.execute(status -> seals.keys().rewrap(code)))) {
          done++;
        }
      }
      total += done;
      audit.record(SYSTEM, null, KEY_ROTATION, AccessAudit.Outcome.ALLOWED,
          done + " case keys re-wrapped with key-encryption key " + version);
      if (done == 0) {
        break;
      }
    }
    return total;
  }

  /**
   * Re-encrypts every case not re-encrypted since {@code since} (up to {@code limit}): a new data key,
   * every sealed value sealed again with it, the old key dropped, one case per transaction. Run again
   * with the same {@code since} after a stop, it carries on with the cases left.
   */
  public int reencryptSince(Instant since, int limit) {
    List<String> codes = jdbc.queryForList("select case_code from case_key where wrapped_key is not null "
        + "and coalesce(reencrypted_at, created_at) < ? order by case_code", String.class, Timestamp.from(since))
        .stream().limit(limit).toList();
    int n = 0;
    for (String code : codes) {
      tx.executeWithoutResult(status -> reencrypt(code));
      n++;
    }
    if (n > 0) {
      audit.record(SYSTEM, null, KEY_ROTATION, AccessAudit.Outcome.ALLOWED, n + " cases re-encrypted with new data keys");
    }
    return n;
  }

  private void reencrypt(String caseCode) {
    CaseKeys keys = seals.keys();
    keys.addDataKey(caseCode);
    CaseSeal seal = seals.of(caseCode);
    for (SealedColumns.Table table : tablesWithAnonymityRefusals()) {
      List<String> keyColumns = table.key();
      List<Map<String, Object>> rows = jdbc.queryForList("select * from " + table.name() + " where case_code = ?", caseCode);
      for (Map<String, Object> row : rows) {
        List<Object> args = new ArrayList<>();
        for (String column : table.columns()) {
          String v = (String) row.get(column);
          args.add(CaseSeal.isSealed(v) ? seal.seal(table.name(), column, seal.open(table.name(), column, v)) : v);
        }
        for (String key : keyColumns) {
          args.add(row.get(key));
        }
        jdbc.update("update " + table.name() + " set " + String.join(" = ?, ", table.columns()) + " = ? where "
            + String.join(" = ? and ", keyColumns) + " = ?", args.toArray());
      }
    }
    keys.dropOldDataKeys(caseCode);
    jdbc.update("update case_key set reencrypted_at = ? where case_code = ?", Timestamp.from(clock.instant()), caseCode);
  }

  private static List<SealedColumns.Table> tablesWithAnonymityRefusals() {
    List<SealedColumns.Table> tables = new ArrayList<>(SealedColumns.TABLES);
    tables.addAll(SealedColumns.SEALED_AFTER_V31);
    tables.add(new SealedColumns.Table(SealedColumns.ANONYMITY_REFUSAL, List.of("id"), null, List.of("text")));
    return tables;
  }
}
