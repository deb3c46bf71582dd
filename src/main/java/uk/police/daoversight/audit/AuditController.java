package uk.police.daoversight.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
 * {@code GET /api/audit?caseCode=&user=&from=&to=}: the access audit, for information governance
 * only (JSON, or CSV with {@code format=csv}). Reading the audit is itself audited.
 */
@RestController
public class AuditController {

  private final AccessAudit audit;
  private final CurrentUser currentUser;

  public AuditController(AccessAudit audit, CurrentUser currentUser) {
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/audit")
  public ResponseEntity<?> audit(@RequestParam(required = false) String caseCode, @RequestParam(required = false) String user,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(defaultValue = "json") String format) {
    if (!currentUser.inAnyGroup(Groups.INFORMATION_GOVERNANCE)) {
      audit.record(currentUser.userId(), caseCode, "READ_AUDIT", AccessAudit.Outcome.REFUSED, null);
      throw new uk.police.daoversight.security.ForbiddenException("The access audit is for information governance only");
    }
    List<AccessAudit.Entry> entries = audit.query(caseCode, user, instant(from, "from"), instant(to, "to"));
    audit.record(currentUser.userId(), caseCode, "READ_AUDIT", AccessAudit.Outcome.ALLOWED, entries.size() + " entries");
    if (!"csv".equalsIgnoreCase(format)) {
      return ResponseEntity.ok(entries);
    }
    StringBuilder csv = new StringBuilder("id,occurredAt,userId,caseCode,action,outcome,detail\n");
    for (AccessAudit.Entry e : entries) {
      csv.append(e.id()).append(',').append(e.occurredAt()).append(',').append(cell(e.userId())).append(',')
          .append(cell(e.caseCode())).append(',').append(cell(e.action())).append(',').append(cell(e.outcome())).append(',')
          .append(cell(e.detail())).append('\n');
    }
    return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-audit.csv\"").body(csv.toString());
  }

  /** A CSV cell, quoted; a leading = + - @ is defused so a spreadsheet never runs it. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  private static Instant instant(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Instant instant;
    try {
      instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
    } catch (RuntimeException e) {
      throw new BadRequestException("'" + name + "' must be a date (2026-11-22) or an instant (2026-11-22T10:00:00Z)");
    }
    if (instant.isBefore(Instant.parse("2000-01-01T00:00:00Z")) || instant.isAfter(Instant.parse("2200-01-01T00:00:00Z"))) {
      throw new BadRequestException("'" + name + "' must be between 2000 and 2199");
    }
    return instant;
  }
}
