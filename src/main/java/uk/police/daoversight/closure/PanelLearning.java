package uk.police.daoversight.closure;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The panel's learning back to the SOO: a panel's or conference's direction, individual learning and
 * good practice for a case, shown on the case update form and fed back by the SOO to the
 * investigation team ("Feed back the panel's learning to the investigation team"), recorded as done
 * on the outcome. Anonymous text, as the panel records it.
 */
@Service
public class PanelLearning {

  /** What the SOO feeds back from one outcome. */
  public record Learning(String outcomeId, String direction, String individualLearning, String goodPractice) {

    public boolean isEmpty() {
      return blank(direction) && blank(individualLearning) && blank(goodPractice);
    }

    /** The case update form's summary: each part on its own line, only those given. */
    public String summary() {
      List<String> parts = new ArrayList<>();
      if (!blank(direction)) {
        parts.add("Direction: " + direction);
      }
      if (!blank(individualLearning)) {
        parts.add("Individual learning: " + individualLearning);
      }
      if (!blank(goodPractice)) {
        parts.add("Good practice: " + goodPractice);
      }
      return String.join("\n", parts);
    }

    private static boolean blank(String s) {
      return s == null || s.isBlank();
    }
  }

  /** Thrown when the feedback cannot be recorded: not fed back, or no such outcome. */
  public static class RefusedException extends RuntimeException {
    public RefusedException(String message) {
      super(message);
    }
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public PanelLearning(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Builds the learning of an outcome from what the panel recorded; the direction joins victim and investigation. */
  public static Learning of(String outcomeId, String directionForVictim, String directionForInvestigation,
                            String individualLearning, String goodPractice) {
    List<String> direction = new ArrayList<>();
    if (directionForVictim != null && !directionForVictim.isBlank()) {
      direction.add("for the victim: " + directionForVictim.trim());
    }
    if (directionForInvestigation != null && !directionForInvestigation.isBlank()) {
      direction.add("for the investigation: " + directionForInvestigation.trim());
    }
    return new Learning(outcomeId, direction.isEmpty() ? null : String.join("; ", direction), trim(individualLearning), trim(goodPractice));
  }

  public Optional<Learning> find(String outcomeId) {
    List<Map<String, Object>> rows = jdbc.queryForList("select direction_victim, direction_investigation, individual_learning, "
        + "good_practice from panel_outcome where id = ?", outcomeId);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> r = rows.get(0);
    return Optional.of(of(outcomeId, (String) r.get("DIRECTION_VICTIM"), (String) r.get("DIRECTION_INVESTIGATION"),
        (String) r.get("INDIVIDUAL_LEARNING"), (String) r.get("GOOD_PRACTICE")));
  }

  /**
   * The SOO fed the learning back to the investigation team: recorded on the outcome, with when and by whom.
   *
   * @throws RefusedException when not confirmed, or the outcome is unknown
   */
  public void fedBack(String outcomeId, boolean confirmed, String note, String by) {
    if (!confirmed) {
      throw new RefusedException("Confirm that you fed the panel's learning back to the investigation team");
    }
    int updated = jdbc.update("update panel_outcome set learning_fed_back_at = ?, learning_fed_back_by = ?, learning_feedback_note = ? "
        + "where id = ?", Timestamp.from(clock.instant()), by, trim(note), outcomeId);
    if (updated == 0) {
      throw new RefusedException("No panel outcome " + outcomeId);
    }
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
