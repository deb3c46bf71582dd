package uk.police.daoversight.reporting;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.NotFoundException;

/**
 * The learning themes: a maintained taxonomy (add, rename keeping the old name, retire), the
 * recurring-theme analysis across panels, and themes turned into force-wide taskings.
 */
@Service
public class ThemeTaxonomy {

  public record Theme(String id, String name, boolean active, List<String> formerNames) {}

  public record Recurrence(String themeId, String name, Object outcomes, Object cases, Map<String, Object> perPanel,
                           Map<String, Object> perQuarter, Instant firstSeen, Instant lastSeen) {}

  public record Tasking(String id, String themeId, String title, String owner, LocalDate dueDate, String status,
                        boolean overdue) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Suppression suppression;

  public ThemeTaxonomy(JdbcTemplate jdbc, Clock clock, Suppression suppression) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.suppression = suppression;
  }

  public List<Theme> all() {
    return jdbc.query("select * from theme order by active desc, name", (rs, i) -> new Theme(rs.getString("id"),
        rs.getString("name"), rs.getBoolean("active"), jdbc.queryForList(
            "select name from theme_name_history where theme_id = ? order by replaced_at", String.class, rs.getString("id"))));
  }

  public Theme add(String name) {
    String clean = name(name);
    String id = idFor(clean);
    if (exists(id)) {
      throw new BadRequestException("A theme with this name exists", Map.of("name", "already in the taxonomy"));
    }
    jdbc.update("insert into theme (id, name, active, created_at) values (?,?,?,?)", id, clean, true, Timestamp.from(clock.instant()));
    return find(id);
  }

  public Theme rename(String id, String name, String by) {
    Theme current = find(id);
    String clean = name(name);
    jdbc.update("insert into theme_name_history (theme_id, name, replaced_at, replaced_by) values (?,?,?,?)",
        id, current.name(), Timestamp.from(clock.instant()), by);
    jdbc.update("update theme set name = ? where id = ?", clean, id);
    return find(id);
  }

  public Theme retire(String id) {
    find(id);
    jdbc.update("update theme set active = false where id = ?", id);
    return find(id);
  }

  /** What keeps coming back: per theme, outcomes and cases, per panel and per quarter, first and last seen. */
  public List<Recurrence> recurrence() {
    List<Recurrence> result = new ArrayList<>();
    for (Theme theme : all()) {
      List<Map<String, Object>> rows = jdbc.queryForList("""
          select o.case_code, o.meeting_id, o.recorded_at, m.held_on from outcome_theme t
            join panel_outcome o on o.id = t.outcome_id left join panel_meeting m on m.id = o.meeting_id
          where t.theme_id = ? order by o.recorded_at""", theme.id());
      if (rows.isEmpty()) {
        continue;
      }
      Map<String, Long> perPanel = new TreeMap<>();
      Map<String, Long> perQuarter = new TreeMap<>();
      java.util.Set<Object> cases = new java.util.HashSet<>();
      for (Map<String, Object> row : rows) {
        Instant at = ((Timestamp) row.get("RECORDED_AT")).toInstant();
        Object held = row.get("HELD_ON");
        String panel = held == null ? "case conference" : "panel " + ((Timestamp) held).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        perPanel.merge(panel, 1L, Long::sum);
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        perQuarter.merge(day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1), 1L, Long::sum);
        cases.add(row.get("CASE_CODE"));
      }
      result.add(new Recurrence(theme.id(), theme.name(), suppression.count(rows.size()), suppression.count(cases.size()),
          suppression.counts(perPanel), suppression.counts(perQuarter),
          ((Timestamp) rows.get(0).get("RECORDED_AT")).toInstant(),
          ((Timestamp) rows.get(rows.size() - 1).get("RECORDED_AT")).toInstant()));
    }
    return result;
  }

  public Tasking task(String themeId, String title, String owner, LocalDate due, String by) {
    find(themeId);
    Map<String, String> problems = new LinkedHashMap<>();
    if (title == null || title.isBlank()) {
      problems.put("title", "required");
    }
    if (owner == null || owner.isBlank()) {
      problems.put("owner", "required");
    }
    if (due == null) {
      problems.put("dueDate", "required (YYYY-MM-DD)");
    } else if (due.getYear() < 2000 || due.getYear() > 2199) {
      problems.put("dueDate", "a date between 2000 and 2199");
    }
    if (title != null && title.trim().length() > 500) {
      problems.put("title", "at most 500 characters");
    }
    if (owner != null && owner.trim().length() > 200) {
      problems.put("owner", "at most 200 characters");
    }
    if (!problems.isEmpty()) {
      throw new BadRequestException("The tasking was not created", problems);
    }
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into theme_tasking (id, theme_id, title, owner, due_date, status, created_at, created_by) values (?,?,?,?,?,?,?,?)",
        id, themeId, title.trim(), owner.trim(), Date.valueOf(due), "OPEN", Timestamp.from(clock.instant()), by);
    return taskings().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  public Tasking complete(String taskingId) {
    if (jdbc.update("update theme_tasking set status = 'DONE', completed_at = ? where id = ? and status = 'OPEN'",
        Timestamp.from(clock.instant()), taskingId) == 0) {
      throw new NotFoundException("No open tasking " + taskingId);
    }
    return taskings().stream().filter(t -> t.id().equals(taskingId)).findFirst().orElseThrow();
  }

  public List<Tasking> taskings() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return jdbc.query("select * from theme_tasking order by due_date, id", (rs, i) -> {
      LocalDate due = rs.getDate("due_date").toLocalDate();
      String status = rs.getString("status");
      return new Tasking(rs.getString("id"), rs.getString("theme_id"), rs.getString("title"), rs.getString("owner"), due,
          status, "OPEN".equals(status) && due.isBefore(today));
    });
  }

  private Theme find(String id) {
    return all().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() -> new NotFoundException("No theme " + id));
  }

  private boolean exists(String id) {
    Integer n = jdbc.queryForObject("select count(*) from theme where id = ?", Integer.class, id);
    return n != null && n > 0;
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.trim().length() > 200) {
      throw new BadRequestException("A theme needs a name of at most 200 characters", Map.of("name", "required"));
    }
    return name.trim();
  }

  /** "Victims contacted on work channels" -> "victimsContactedOnWorkChannels". */
  static String idFor(String name) {
    String[] words = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").trim().split("\\s+");
    StringBuilder id = new StringBuilder(words[0]);
    for (int i = 1; i < words.length && id.length() < 40; i++) {
      id.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return id.length() > 40 ? id.substring(0, 40) : id.toString();
  }
}
