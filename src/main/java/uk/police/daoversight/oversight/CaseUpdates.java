package uk.police.daoversight.oversight;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The case update form's entries, one row per update or scheduled contact. Anonymised. */
@Repository
public class CaseUpdates {

  public enum Kind { UPDATE, SCHEDULED_CONTACT }

  public record Entry(String caseCode, String recordedBy, Kind kind, boolean victimContacted,
                      String criminalStatus, String misconductStatus, boolean concernLackOfUpdates,
                      boolean concernInvestigatorChanged, boolean concernLengthyInvestigation,
                      boolean supportWellbeing, boolean supportIdva, boolean supportDaService,
                      String victimSupportsInvestigation, String summary) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public CaseUpdates(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void add(Entry e) {
    jdbc.update("""
        insert into case_update (id, case_code, recorded_by, recorded_at, kind, victim_contacted, criminal_status,
          misconduct_status, concern_lack_of_updates, concern_investigator_changed, concern_lengthy_investigation,
          support_wellbeing, support_idva, support_da_service, victim_supports_investigation, summary)
        values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
        UUID.randomUUID().toString(), e.caseCode(), e.recordedBy(), Timestamp.from(clock.instant()), e.kind().name(),
        e.victimContacted(), e.criminalStatus(), e.misconductStatus(), e.concernLackOfUpdates(),
        e.concernInvestigatorChanged(), e.concernLengthyInvestigation(), e.supportWellbeing(), e.supportIdva(),
        e.supportDaService(), e.victimSupportsInvestigation(), e.summary());
  }

  /** The case update form as the panel reads it: anonymised entries, oldest first. */
  public List<Map<String, Object>> entries(String caseCode) {
    return jdbc.queryForList("""
        select recorded_at, kind, victim_contacted, criminal_status, misconduct_status, concern_lack_of_updates,
          concern_investigator_changed, concern_lengthy_investigation, support_wellbeing, support_idva,
          support_da_service, victim_supports_investigation, summary
        from case_update where case_code = ? order by recorded_at, id""", caseCode);
  }

  /** The latest update as the chair reads it on the outcome task: date, investigations, concerns, summary. */
  public String latest(String caseCode) {
    List<Map<String, Object>> all = entries(caseCode);
    if (all.isEmpty()) {
      return "No update yet";
    }
    Map<String, Object> e = all.get(all.size() - 1);
    StringBuilder text = new StringBuilder(String.valueOf(e.get("RECORDED_AT") != null ? e.get("RECORDED_AT") : e.get("recorded_at")));
    Object criminal = value(e, "criminal_status");
    Object misconduct = value(e, "misconduct_status");
    if (criminal != null) {
      text.append("; criminal investigation ").append(criminal);
    }
    if (misconduct != null) {
      text.append("; misconduct investigation ").append(misconduct);
    }
    Object summary = value(e, "summary");
    if (summary != null) {
      text.append(": ").append(summary);
    }
    return text.toString();
  }

  private static Object value(Map<String, Object> row, String column) {
    return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
  }

  public int count(String caseCode) {
    Integer n = jdbc.queryForObject("select count(*) from case_update where case_code = ?", Integer.class, caseCode);
    return n == null ? 0 : n;
  }
}
