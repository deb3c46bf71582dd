package uk.police.daoversight.panel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Cases waiting for the panel. A case joins as NEW once its SOO is allocated, and as UPDATE when
 * the chair asks to see it again or the SOO brings it back. It leaves only when the panel has
 * seen it or the case closes: a case not placed on an agenda stays, so it is carried over.
 */
@Repository
public class PanelCandidates {

  public static final String NEW = "NEW";
  public static final String UPDATE = "UPDATE";

  public record Waiting(String caseCode, String reviewType, boolean requestedBack, String riskLevel, Instant waitingSince) {
    public int daysWaiting(Instant now) {
      return (int) Math.max(0, Duration.between(waitingSince, now).toDays());
    }
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public PanelCandidates(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Adds the case, or updates why it waits (keeping how long it has waited). */
  public void list(String caseCode, String reviewType, boolean requestedBack, String riskLevel) {
    int updated = jdbc.update("update panel_candidate set review_type = ?, requested_back = (requested_back or ?), risk_level = ? where case_code = ?",
        reviewType, requestedBack, riskLevel, caseCode);
    if (updated == 0) {
      jdbc.update("insert into panel_candidate (case_code, review_type, requested_back, risk_level, waiting_since, status) values (?,?,?,?,?,?)",
          caseCode, reviewType, requestedBack, riskLevel, Timestamp.from(clock.instant()), "WAITING");
    }
  }

  public List<Waiting> waiting() {
    return jdbc.query("select * from panel_candidate order by waiting_since, case_code", (rs, i) -> new Waiting(
        rs.getString("case_code"), rs.getString("review_type"), rs.getBoolean("requested_back"),
        rs.getString("risk_level"), rs.getTimestamp("waiting_since").toInstant()));
  }

  public boolean isWaiting(String caseCode) {
    Integer n = jdbc.queryForObject("select count(*) from panel_candidate where case_code = ?", Integer.class, caseCode);
    return n != null && n > 0;
  }

  /** Seen by the panel, or closed. */
  public void remove(String caseCode) {
    jdbc.update("delete from panel_candidate where case_code = ?", caseCode);
  }
}
