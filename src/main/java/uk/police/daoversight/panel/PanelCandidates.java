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

  public record Waiting(String caseCode, String reviewType, boolean requestedBack, String riskLevel, Instant waitingSince,
                        boolean notReached, boolean sooRequested, boolean complex) {
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

  /**
   * Adds the case, or updates why it waits, keeping how long it has waited, its type (a NEW case
   * brought back is still new to the panel), the chair's request and a "not reached" mark.
   */
  public void list(String caseCode, String reviewType, boolean requestedBack, String riskLevel) {
    list(caseCode, reviewType, requestedBack, riskLevel, false);
  }

  /** As {@link #list(String, String, boolean, String)}; sooRequested: the SOO asked to bring it back. */
  public void list(String caseCode, String reviewType, boolean requestedBack, String riskLevel, boolean sooRequested) {
    list(caseCode, reviewType, requestedBack, riskLevel, sooRequested, false);
  }

  /** As {@link #list(String, String, boolean, String, boolean)}; complex: routed to a case conference (complex slot). */
  public void list(String caseCode, String reviewType, boolean requestedBack, String riskLevel, boolean sooRequested,
                   boolean complex) {
    int updated = jdbc.update("""
        update panel_candidate set review_type = case when review_type = 'NEW' then 'NEW' else ? end,
          requested_back = (requested_back or ?), soo_requested = (soo_requested or ?), complex = (complex or ?),
          risk_level = ? where case_code = ?""",
        reviewType, requestedBack, sooRequested, complex, riskLevel, caseCode);
    if (updated == 0) {
      jdbc.update("""
          insert into panel_candidate (case_code, review_type, requested_back, soo_requested, complex, risk_level, waiting_since,
            status)
          values (?,?,?,?,?,?,?,?)""", caseCode, reviewType, requestedBack, sooRequested, complex, riskLevel,
          Timestamp.from(clock.instant()), "WAITING");
    }
  }

  /**
   * The panel saw the case and wants it back: it waits again as an UPDATE the chair asked for, its
   * wait starting now.
   */
  public void broughtBack(String caseCode, String riskLevel) {
    broughtBack(caseCode, riskLevel, false);
  }

  /** As {@link #broughtBack(String, String)}, for a complex case too (it keeps the complex slot). */
  public void broughtBack(String caseCode, String riskLevel, boolean complex) {
    remove(caseCode);
    list(caseCode, UPDATE, true, riskLevel, false, complex);
  }

  /** The panel had it on its agenda and did not reach it: it stays and goes first next time. */
  public void notReached(String caseCode) {
    jdbc.update("update panel_candidate set not_reached = true where case_code = ?", caseCode);
  }

  public List<Waiting> waiting() {
    return jdbc.query("select * from panel_candidate order by waiting_since, case_code", (rs, i) -> new Waiting(
        rs.getString("case_code"), rs.getString("review_type"), rs.getBoolean("requested_back"),
        rs.getString("risk_level"), rs.getTimestamp("waiting_since").toInstant(), rs.getBoolean("not_reached"),
        rs.getBoolean("soo_requested"), rs.getBoolean("complex")));
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
