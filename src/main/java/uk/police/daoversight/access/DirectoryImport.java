package uk.police.daoversight.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.police.daoversight.audit.AccessAudit;

/**
 * The force's HR feed into the staff directory: a CSV file, one person a line,
 * {@code staffNumber,userId,department,lineManager,rank} (a header line naming those columns is
 * allowed). Each line is checked on its own; good lines are loaded (a person already there is
 * replaced), bad lines are reported with their line number and reason and change nothing.
 */
@Service
public class DirectoryImport {

  static final int MAX_LINES = 50_000;
  static final String HEADER = "staffNumber,userId,department,lineManager,rank";
  static final Pattern STAFF_NUMBER = Pattern.compile("[A-Za-z0-9]{1,20}");
  static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9._-]{1,64}");
  static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{N} .,'&()/-]{1,200}");

  public record Problem(int line, String reason) {}

  public record Report(int lines, int loaded, List<Problem> rejected) {}

  /**
   * Published after every import, in its transaction, with the user ids it loaded: the SOO roster
   * follows the directory (someone the feed no longer shows as a chief inspector is taken off it).
   */
  public record Imported(String importedBy, List<String> userIds) {}

  private final JdbcTemplate jdbc;
  private final AccessAudit audit;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public DirectoryImport(JdbcTemplate jdbc, AccessAudit audit, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
    this.events = events;
  }

  @Transactional
  public Report load(String csv, String importedBy) {
    String[] lines = csv == null ? new String[0] : csv.split("\r?\n", -1);
    List<Problem> problems = new ArrayList<>();
    List<Object[]> good = new ArrayList<>();
    Map<String, Integer> userLines = new HashMap<>();
    Map<String, Integer> numberLines = new HashMap<>();
    int counted = 0;
    Timestamp now = Timestamp.from(clock.instant());
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int number = i + 1;
      if (line.isBlank() || i == 0 && line.replace(" ", "").equalsIgnoreCase(HEADER)) {
        continue;
      }
      if (++counted > MAX_LINES) {
        problems.add(new Problem(number, "more than " + MAX_LINES + " lines: the rest was not read"));
        break;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 5) {
        problems.add(new Problem(number, "needs 5 comma-separated values (" + HEADER + "), has " + cells.length));
        continue;
      }
      for (int c = 0; c < cells.length; c++) {
        cells[c] = cells[c].trim();
      }
      String reason = problem(cells);
      if (reason == null && userLines.containsKey(cells[1])) {
        reason = "user id " + cells[1] + " is already on line " + userLines.get(cells[1]);
      }
      if (reason == null && numberLines.containsKey(cells[0].toUpperCase())) {
        reason = "staff number is already on line " + numberLines.get(cells[0].toUpperCase());
      }
      if (reason != null) {
        problems.add(new Problem(number, reason));
        continue;
      }
      userLines.put(cells[1], number);
      numberLines.put(cells[0].toUpperCase(), number);
      good.add(new Object[] {cells[1], cells[0], cells[2], cells[3].isEmpty() ? null : cells[3], cells[4], now});
    }
    if (!good.isEmpty()) {
      jdbc.batchUpdate("delete from staff_directory where user_id = ?", good.stream().map(g -> new Object[] {g[0]}).toList());
      jdbc.batchUpdate("insert into staff_directory (user_id, staff_number, department, line_manager, staff_rank, imported_at)"
          + " values (?,?,?,?,?,?)", good);
    }
    audit.record(importedBy, null, "DIRECTORY_IMPORT", AccessAudit.Outcome.ALLOWED,
        good.size() + " loaded, " + problems.size() + " rejected of " + counted + " lines");
    events.publishEvent(new Imported(importedBy, good.stream().map(g -> (String) g[0]).toList()));
    return new Report(counted, good.size(), problems);
  }

  /** Why a line's values are refused (never quoting a value: it may be a name typed in the wrong column), or null. */
  static String problem(String[] cells) {
    if (!STAFF_NUMBER.matcher(cells[0]).matches()) {
      return "staff number must be 1 to 20 letters or digits";
    }
    if (!USER_ID.matcher(cells[1]).matches()) {
      return "user id must be 1 to 64 of letters, digits, '.', '_' or '-'";
    }
    if (!TEXT.matcher(cells[2]).matches()) {
      return "department is missing, too long or has characters that are not allowed";
    }
    if (!cells[3].isEmpty() && !USER_ID.matcher(cells[3]).matches()) {
      return "line manager must be a user id (or empty)";
    }
    if (cells[3].equals(cells[1])) {
      return "line manager cannot be the person themself";
    }
    if (cells[4].length() > 60 || !TEXT.matcher(cells[4]).matches()) {
      return "rank is missing, longer than 60 characters or has characters that are not allowed";
    }
    return null;
  }
}
