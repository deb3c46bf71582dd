package uk.police.daoversight.closure;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Actions agreed at a panel or case conference. Every one must be done before the case may close.
 * Expression bean {@code panelActions} for the model's "Complete panel action" tasks.
 */
@Component("panelActions")
public class PanelActions {

  public record Action(String id, String caseCode, String outcomeId, String description, String owner,
                       LocalDate dueDate, String status) {
    public boolean open() {
      return OPEN.equals(status);
    }
  }

  public record NewAction(String description, String owner, LocalDate dueDate) {}

  static final String OPEN = "OPEN";
  static final String DONE = "DONE";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public PanelActions(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public List<String> add(String caseCode, String outcomeId, List<NewAction> actions) {
    return actions.stream().map(a -> {
      String id = UUID.randomUUID().toString();
      jdbc.update("insert into panel_action (id, case_code, outcome_id, description, owner, due_date, status, created_at) values (?,?,?,?,?,?,?,?)",
          id, caseCode, outcomeId, a.description(), a.owner(), a.dueDate() == null ? null : Date.valueOf(a.dueDate()),
          OPEN, Timestamp.from(clock.instant()));
      return id;
    }).toList();
  }

  /** The open actions of one outcome: one "Complete panel action" task each. */
  public List<String> idsOfOutcome(String outcomeId) {
    return jdbc.queryForList("select id from panel_action where outcome_id = ? and status = ? order by created_at, id",
        String.class, outcomeId, OPEN);
  }

  public List<Action> openActions(String caseCode) {
    return jdbc.query("select * from panel_action where case_code = ? and status = ? order by created_at, id",
        (rs, i) -> {
          Date due = rs.getDate("due_date");
          return new Action(rs.getString("id"), rs.getString("case_code"), rs.getString("outcome_id"),
              rs.getString("description"), rs.getString("owner"), due == null ? null : due.toLocalDate(), rs.getString("status"));
        }, caseCode, OPEN);
  }

  /** The action's due date as the panel set it, or null when none was set. */
  public LocalDate dueDateOf(String actionId) {
    List<Date> due = jdbc.query("select due_date from panel_action where id = ?", (rs, i) -> rs.getDate("due_date"), actionId);
    return due.isEmpty() || due.get(0) == null ? null : due.get(0).toLocalDate();
  }

  /** What the SOO reads on the task: the action, its owner and due date. */
  public String describe(String actionId) {
    return jdbc.query("select description, owner, due_date from panel_action where id = ?", (rs, i) -> {
      Date due = rs.getDate("due_date");
      return rs.getString("description") + " (owner: " + rs.getString("owner")
          + (due == null ? "" : ", due " + due.toLocalDate()) + ")";
    }, actionId).stream().findFirst().orElse("Unknown action");
  }

  public void markDone(String actionId, String by, String note) {
    jdbc.update("update panel_action set status = ?, completed_at = ?, completed_by = ?, completion_note = ? where id = ? and status = ?",
        DONE, Timestamp.from(clock.instant()), by, note, actionId, OPEN);
  }
}
