package uk.police.daoversight.vault.seal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.reporting.ForceFigures;

/**
 * Seals every value still plain in the {@link SealedColumns}: the migration of rows written before
 * the vault was sealed. Safe to run again: a sealed value is left as it is, so a second run seals
 * nothing. It counts each table's rows and plain values before and after and fails (rolling back
 * the migration) if a row went missing or a plain value is left. Logs counts, never values.
 */
public class PlainRowSealer {

  private static final Logger log = LoggerFactory.getLogger(PlainRowSealer.class);

  /** One table's counts. */
  public record Count(String table, long rowsBefore, long plainBefore, long sealed, long rowsAfter, long plainAfter) {}

  private final JdbcTemplate jdbc;
  private final VaultSeals seals;

  public PlainRowSealer(JdbcTemplate jdbc, VaultSeals seals) {
    this.jdbc = jdbc;
    this.seals = seals;
  }

  public List<Count> sealAll() {
    List<Count> counts = new ArrayList<>();
    for (SealedColumns.Table table : SealedColumns.TABLES) {
      counts.add(seal(table));
    }
    return counts;
  }

  /** How many values of the table are not sealed (null is not a value). */
  public long plainValues(SealedColumns.Table table) {
    long n = 0;
    for (String column : table.columns()) {
      Long c = jdbc.queryForObject("select count(*) from " + table.name() + " where " + column + " is not null and "
          + column + " not like 'v1:%'" + (table.where() == null ? "" : " and " + table.where()), Long.class);
      n += c == null ? 0 : c;
    }
    return n;
  }

  private long rows(SealedColumns.Table table) {
    Long n = jdbc.queryForObject("select count(*) from " + table.name(), Long.class);
    return n == null ? 0 : n;
  }

  private Count seal(SealedColumns.Table table) {
    long rowsBefore = rows(table);
    long plainBefore = plainValues(table);
    long sealed = 0;
    if (plainBefore > 0) {
      String columns = String.join(", ", table.columns());
      String keys = String.join("", table.key().stream().filter(k -> !"case_code".equals(k)).map(k -> k + ", ").toList());
      List<Map<String, Object>> rows = jdbc.queryForList("select case_code, " + keys
          + columns + " from " + table.name() + (table.where() == null ? "" : " where " + table.where()));
      Map<String, CaseSeal> byCase = new LinkedHashMap<>();
      String set = String.join(" = ?, ", table.columns()) + " = ?";
      String where = String.join(" = ? and ", table.key()) + " = ?";
      for (Map<String, Object> row : rows) {
        String caseCode = (String) value(row, "case_code");
        CaseSeal seal = byCase.computeIfAbsent(caseCode, seals::of);
        List<Object> args = new ArrayList<>();
        boolean changed = false;
        for (String column : table.columns()) {
          Object v = value(row, column);
          String text = v == null ? null : v.toString();
          if (text != null && !CaseSeal.isSealed(text)) {
            if (seal.erased()) {
              text = null; // an erased case keeps nothing readable
            } else {
              text = seal.seal(table.name(), column, text);
            }
            changed = true;
            sealed++;
          }
          args.add(text);
        }
        if (changed) {
          for (String key : table.key()) {
            args.add(value(row, key));
          }
          jdbc.update("update " + table.name() + " set " + set + " where " + where, args.toArray());
        }
        if (byCase.size() > 500) {
          byCase.clear();
        }
      }
    }
    Count count = new Count(table.name(), rowsBefore, plainBefore, sealed, rows(table), plainValues(table));
    if (count.rowsAfter() != count.rowsBefore() || count.plainAfter() != 0 || count.sealed() != count.plainBefore()) {
      throw new IllegalStateException("Sealing " + table.name() + " did not add up: " + count);
    }
    log.info("Vault sealing: {} rows {}, plain values {} before, {} sealed, {} rows and {} plain after",
        table.name(), rowsBefore, plainBefore, sealed, count.rowsAfter(), count.plainAfter());
    return count;
  }

  /** The figures' one fact about the perpetrator's rank, kept readable before the rank is sealed. */
  public static Boolean aboveConstable(boolean employee, String rank) {
    return employee && rank != null && !rank.isBlank() ? ForceFigures.aboveConstable(rank) : Boolean.FALSE;
  }

  /** Sets the figures' rank fact of every row that has none yet, from its rank while that is still plain. */
  public int fillAboveConstable() {
    List<Map<String, Object>> rows = jdbc.queryForList("select case_code, perpetrator_police_employee, perpetrator_rank "
        + "from case_identity where perpetrator_above_constable is null");
    int n = 0;
    for (Map<String, Object> row : rows) {
      String rank = (String) row.get("perpetrator_rank");
      if (CaseSeal.isSealed(rank)) {
        CaseSeal seal = seals.of((String) row.get("case_code"));
        rank = seal.open(SealedColumns.CASE_IDENTITY, "perpetrator_rank", rank);
      }
      n += jdbc.update("update case_identity set perpetrator_above_constable = ? where case_code = ?",
          aboveConstable(Boolean.TRUE.equals(row.get("perpetrator_police_employee")), rank), row.get("case_code"));
    }
    return n;
  }

  /** Column names as the driver gives them (H2 upper case, PostgreSQL lower case). */
  private static Object value(Map<String, Object> row, String column) {
    Object v = row.get(column);
    if (v == null) {
      v = row.get(column.toUpperCase());
    }
    return v;
  }
}
