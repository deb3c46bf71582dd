package uk.police.daoversight.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.intake.CaseCodeGenerator;

/**
 * The append-only access record (DPA 2018 Part 3 s.62): who read or was refused a case's data, why,
 * to whom it was disclosed, and every grant and removal of access. This class only ever inserts.
 *
 * <p>Each row carries a sequence number and the hash of the row before it ({@link AuditHash}); the
 * single-row {@code access_audit_chain} head is locked for the insert's transaction, so concurrent
 * inserts (threads or cluster nodes) are chained one after the other. {@link #verify()} walks the
 * chain and names the first row changed or missing.
 */
@Component
public class AccessAudit {

  public enum Outcome { ALLOWED, REFUSED, GRANTED, REVOKED }

  /** The s.62 events by their action names (consultation: READ_IDENTITY, READ_ENGINE...; disclosure: DISCLOSE_*). */
  public static final String COLLECTION = "COLLECTION";
  public static final String ALTERATION = "ALTERATION";
  public static final String COMBINATION = "COMBINATION";
  public static final String ERASURE = "ERASURE";

  static final int USER_MAX = 64;
  static final int ATTEMPTED_MAX = 120;
  public static final int DETAIL_MAX = 500;
  /** The longest detail kept whole (longer ones are cut). */
  public static final int MAX_DETAIL = DETAIL_MAX;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final AuditSink sink;

  public AccessAudit(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions, AuditSink sink) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    this.sink = sink;
  }

  public record Entry(long id, Long seq, Instant occurredAt, String userId, String caseCode, String attempted, String action,
                      String outcome, String detail, String purpose, String purposeNote, String recipient) {}

  /** One row to record. A case code that is not one is kept in {@code attempted}, as typed (cut short). */
  public record Row(String userId, String caseCode, String action, Outcome outcome, String detail, String purpose,
                    String purposeNote, String recipient) {
    public Row(String userId, String caseCode, String action, Outcome outcome, String detail) {
      this(userId, caseCode, action, outcome, detail, null, null, null);
    }
  }

  public record Page(long total, int page, int size, List<Entry> entries) {}

  /** Filters of the access record; each may be null. */
  public record Filter(String caseCode, String userId, String outcome, Instant from, Instant to) {}

  /** The trail, newest first, one page of it, with the total that matches. */
  public Page query(Filter filter, int page, int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (filter.caseCode() != null && !filter.caseCode().isBlank()) {
      where.append(" and (case_code = ? or attempted = ?)");
      args.add(filter.caseCode());
      args.add(cut(filter.caseCode(), ATTEMPTED_MAX));
    }
    if (filter.userId() != null && !filter.userId().isBlank()) {
      where.append(" and user_id = ?");
      args.add(filter.userId());
    }
    if (filter.outcome() != null && !filter.outcome().isBlank()) {
      where.append(" and outcome = ?");
      args.add(filter.outcome());
    }
    if (filter.from() != null) {
      where.append(" and occurred_at >= ?");
      args.add(Timestamp.from(filter.from()));
    }
    if (filter.to() != null) {
      where.append(" and occurred_at < ?");
      args.add(Timestamp.from(filter.to()));
    }
    Long total = jdbc.queryForObject("select count(*) from access_audit" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) page * size);
    List<Entry> entries = jdbc.query("select * from access_audit" + where + " order by id desc limit ? offset ?",
        (rs, i) -> new Entry(rs.getLong("id"), (Long) rs.getObject("seq", Long.class), rs.getTimestamp("occurred_at").toInstant(),
            rs.getString("user_id"), rs.getString("case_code"), rs.getString("attempted"), rs.getString("action"),
            rs.getString("outcome"), rs.getString("detail"), rs.getString("purpose"), rs.getString("purpose_note"),
            rs.getString("recipient")), pageArgs.toArray());
    return new Page(total == null ? 0 : total, page, size, entries);
  }

  /** The trail, oldest first, narrowed by any of case, user and time (each may be null), at most 10,000 rows. */
  public List<Entry> query(String caseCode, String userId, Instant from, Instant to) {
    List<Entry> newestFirst = new ArrayList<>(query(new Filter(caseCode, userId, null, from, to), 0, 10_000).entries());
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  /**
   * Appends one row. A detail longer than the column is shortened (marked with an ellipsis) rather than
   * failing the grant it records; a case code that does not fit cannot be a case and is kept out of
   * its column (the detail says so); a user id or action that does not fit is a programming error
   * (they come from the engine and the code) and fails, rolling back what it records.
   */
  public void record(String userId, String caseCode, String action, Outcome outcome, String detail) {
    recordAll(List.of(new Row(userId, caseCode, action, outcome, detail)));
  }

  public void record(Row row) {
    recordAll(List.of(row));
  }

  /** Records the rows in one transaction and one batch insert, chained after the current head. */
  public void recordAll(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<AuditHash.Fields> written = tx.execute(status -> {
      Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from access_audit_chain where id = 1 for update");
      long seq = ((Number) head.get("last_seq")).longValue();
      String prev = (String) head.get("last_hash");
      List<AuditHash.Fields> fields = new ArrayList<>(rows.size());
      List<Object[]> batch = new ArrayList<>(rows.size());
      for (Row row : rows) {
        seq++;
        String code = CaseCodeGenerator.isCaseCode(row.caseCode()) ? row.caseCode() : null;
        String attempted = code == null && row.caseCode() != null ? safe(row.caseCode(), ATTEMPTED_MAX) : null;
        AuditHash.Fields f = new AuditHash.Fields(seq, now, cut(row.userId(), USER_MAX), code, attempted, cut(row.action(), 40),
            row.outcome().name(), safe(row.detail(), DETAIL_MAX), cut(row.purpose(), 40), safe(row.purposeNote(), 500),
            safe(row.recipient(), 200), prev);
        String hash = AuditHash.of(f);
        fields.add(f);
        batch.add(new Object[] {Timestamp.from(now), f.userId(), f.caseCode(), f.attempted(), f.action(), f.outcome(), f.detail(),
            f.purpose(), f.purposeNote(), f.recipient(), seq, prev, hash});
        prev = hash;
      }
      jdbc.batchUpdate("insert into access_audit (occurred_at, user_id, case_code, attempted, action, outcome, detail, purpose,"
          + " purpose_note, recipient, seq, prev_hash, row_hash) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", batch);
      jdbc.update("update access_audit_chain set last_seq = ?, last_hash = ? where id = 1", seq, prev);
      return fields;
    });
    sink.write(written);
  }

  /** The result of walking the chain: intact, or the first break and what it is. */
  public record Verification(boolean intact, long rowsChecked, long unchainedRows, Long firstBrokenSeq, Long firstBrokenId,
                             String problem) {}

  /** Walks the chain in order: every row's hash, its link to the row before, no gap, and the head. */
  public Verification verify() {
    long[] checked = {0};
    String[] prev = {AuditHash.GENESIS};
    long[] expected = {1};
    Verification[] broken = {null};
    jdbc.query("select * from access_audit where seq is not null order by seq", rs -> {
      if (broken[0] != null) {
        return;
      }
      long seq = rs.getLong("seq");
      long id = rs.getLong("id");
      checked[0]++;
      if (seq != expected[0]) {
        broken[0] = new Verification(false, checked[0], 0, expected[0], id,
            "row " + expected[0] + (seq > expected[0] ? " to " + (seq - 1) + " missing (removed)" : " appears twice"));
        return;
      }
      AuditHash.Fields f = new AuditHash.Fields(seq, rs.getTimestamp("occurred_at").toInstant(), rs.getString("user_id"),
          rs.getString("case_code"), rs.getString("attempted"), rs.getString("action"), rs.getString("outcome"),
          rs.getString("detail"), rs.getString("purpose"), rs.getString("purpose_note"), rs.getString("recipient"),
          rs.getString("prev_hash"));
      if (!prev[0].equals(f.prevHash())) {
        broken[0] = new Verification(false, checked[0], 0, seq, id, "row " + seq + " does not follow the row before it");
        return;
      }
      String hash = AuditHash.of(f);
      if (!hash.equals(rs.getString("row_hash"))) {
        broken[0] = new Verification(false, checked[0], 0, seq, id, "row " + seq + " was changed after it was written");
        return;
      }
      prev[0] = hash;
      expected[0]++;
    });
    Long unchained = jdbc.queryForObject("select count(*) from access_audit where seq is null", Long.class);
    long legacy = unchained == null ? 0 : unchained;
    if (broken[0] != null) {
      Verification b = broken[0];
      return new Verification(false, b.rowsChecked(), legacy, b.firstBrokenSeq(), b.firstBrokenId(), b.problem());
    }
    Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from access_audit_chain where id = 1");
    long lastSeq = ((Number) head.get("last_seq")).longValue();
    if (lastSeq != expected[0] - 1 || !prev[0].equals(head.get("last_hash"))) {
      return new Verification(false, checked[0], legacy, expected[0], null,
          "the chain ends at row " + (expected[0] - 1) + " but its head records row " + lastSeq + ": the last rows were removed");
    }
    return new Verification(true, checked[0], legacy, null, null, null);
  }

  static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  /** Cut to a safe length, control characters (CR, LF, tab, NUL...) shown as '?'. */
  static String safe(String value, int max) {
    if (value == null) {
      return null;
    }
    String cut = cut(value, max);
    StringBuilder out = new StringBuilder(cut.length());
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
