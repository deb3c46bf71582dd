package uk.police.daoversight.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;

/**
 * {@code GET /api/reports/outputs?from=&to=[&format=csv]}: the force's figures for the period and
 * the same period a year earlier, small counts suppressed. For managers, the panel chair, analysts.
 */
@RestController
public class ReportsController {

  private final ForceFigures figures;
  private final Suppression suppression;
  private final CurrentUser currentUser;

  private final uk.police.daoversight.audit.AccessAudit audit;

  public ReportsController(ForceFigures figures, Suppression suppression, CurrentUser currentUser,
                           uk.police.daoversight.audit.AccessAudit audit) {
    this.audit = audit;
    this.figures = figures;
    this.suppression = suppression;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/reports/outputs")
  public ResponseEntity<?> outputs(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(defaultValue = "json") String format,
                                   @RequestParam(required = false) String recipient) {
    currentUser.requireAnyGroup(Groups.MANAGERS, Groups.PANEL_CHAIR, Groups.ANALYSTS);
    // The board pack as a file is a disclosure: who receives it is recorded (DPA 2018 s.62).
    String disclosedTo = "csv".equalsIgnoreCase(format) ? uk.police.daoversight.audit.Purposes.requireRecipient(recipient) : null;
    LocalDate end = date(to, "to", LocalDate.now(ZoneOffset.UTC).plusDays(1));
    LocalDate start = date(from, "from", end.minusYears(1));
    if (!start.isBefore(end)) {
      throw new BadRequestException("'from' must be before 'to'");
    }
    Instant f = start.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant t = end.atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<String, ForceFigures.Measure> now = figures.compute(f, t);
    Map<String, ForceFigures.Measure> before = figures.compute(start.minusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
        end.minusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ForceFigures.Definition d : ForceFigures.DEFINITIONS) {
      ForceFigures.Measure a = now.get(d.key());
      ForceFigures.Measure b = before.get(d.key());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("key", d.key());
      row.put("label", d.label());
      row.put("definition", d.definition());
      row.put("value", shown(a));
      row.put("previousYear", shown(b));
      boolean comparable = a.base() >= suppression.threshold() && b.base() >= suppression.threshold() && b.value() != 0;
      row.put("changePercent", comparable ? Math.round((a.value() - b.value()) / b.value() * 100) : null);
      rows.add(row);
    }
    Map<String, Object> breakdowns = new LinkedHashMap<>();
    figures.breakdowns(f, t).forEach((k, v) -> breakdowns.put(k, suppression.counts(v)));
    if ("csv".equalsIgnoreCase(format)) {
      audit.record(new uk.police.daoversight.audit.AccessAudit.Row(currentUser.userId(), null, "DISCLOSE_BOARD_PACK",
          uk.police.daoversight.audit.AccessAudit.Outcome.ALLOWED, start + " to " + end, null, null, disclosedTo));
      StringBuilder csv = new StringBuilder("key,label,value,previousYear,changePercent\n");
      rows.forEach(r -> csv.append(r.get("key")).append(",\"").append(r.get("label")).append("\",").append(r.get("value"))
          .append(',').append(r.get("previousYear")).append(',').append(r.get("changePercent") == null ? "" : r.get("changePercent"))
          .append('\n'));
      breakdowns.forEach((name, values) -> ((Map<?, ?>) values).forEach((k, v) ->
          csv.append(name).append('.').append(k).append(",\"").append(name).append(' ').append(k).append("\",").append(v).append(",,\n")));
      return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"force-figures-" + start + "-" + end + ".csv\"")
          .body(csv.toString());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", start);
    body.put("to", end);
    body.put("suppressionThreshold", suppression.threshold());
    body.put("figures", rows);
    body.put("breakdowns", breakdowns);
    // Month by month, each month as known now (a month still running counts its deadlines passed so far).
    List<Map<String, Object>> trend = new ArrayList<>();
    figures.trend(f, t).forEach(month -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("month", month.month());
      month.figures().forEach((key, measure) -> line.put(key, shown(measure)));
      trend.add(line);
    });
    body.put("trend", trend);
    return ResponseEntity.ok(body);
  }

  private Object shown(ForceFigures.Measure m) {
    if (m.isCount()) {
      return suppression.count((long) m.value());
    }
    return suppression.over(m.base(), m.value());
  }

  private static LocalDate date(String value, String name, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value);
    } catch (RuntimeException e) {
      throw new BadRequestException("'" + name + "' must be a date such as 2026-01-01");
    }
    if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
      throw new BadRequestException("'" + name + "' must be a date between " + EARLIEST + " and " + LATEST);
    }
    return date;
  }

  /** The figures cover the service's life; a date far outside it is a typing error (and overflows the year before). */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  static final LocalDate LATEST = LocalDate.of(2199, 12, 31);
}
