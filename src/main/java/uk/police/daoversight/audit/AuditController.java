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
  private final Purposes purposes;

  public AuditController(AccessAudit audit, CurrentUser currentUser, Purposes purposes) {
    this.purposes = purposes;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/audit")
  public ResponseEntity<?> audit(@RequestParam(required = false) String caseCode, @RequestParam(required = false) String user,
                                 @RequestParam(required = false) String outcome,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "100") String size,
                                 @RequestParam(defaultValue = "json") String format,
                                 @RequestParam(required = false) String recipient) {
    if (!currentUser.inAnyGroup(Groups.INFORMATION_GOVERNANCE)) {
      audit.record(currentUser.userId(), caseCode, "READ_AUDIT", AccessAudit.Outcome.REFUSED, null);
      throw new uk.police.daoversight.security.ForbiddenException("The access audit is for information governance only");
    }
    if (outcome != null && !outcome.isBlank() && java.util.Arrays.stream(AccessAudit.Outcome.values()).noneMatch(o -> o.name().equals(outcome))) {
      throw new BadRequestException("'outcome' must be one of ALLOWED, REFUSED, GRANTED, REVOKED");
    }
    boolean csvExport = "csv".equalsIgnoreCase(format);
    String recipientOf = csvExport ? Purposes.requireRecipient(recipient) : null;
    int pageNumber = number(page, "page", 0, 1_000_000);
    int pageSize = number(size, "size", 1, 1000);
    AccessAudit.Page result = audit.query(new AccessAudit.Filter(caseCode, user, outcome, instant(from, "from"), instant(to, "to")),
        pageNumber, pageSize);
    audit.record(new AccessAudit.Row(currentUser.userId(), caseCode, csvExport ? "DISCLOSE_AUDIT" : "READ_AUDIT",
        AccessAudit.Outcome.ALLOWED, result.entries().size() + " of " + result.total() + " entries", null, null, recipientOf));
    if (!csvExport) {
      return ResponseEntity.ok(result);
    }
    StringBuilder csv = new StringBuilder("id,occurredAt,userId,caseCode,attempted,action,outcome,detail,purpose,purposeNote,recipient\n");
    for (AccessAudit.Entry e : result.entries()) {
      csv.append(e.id()).append(',').append(e.occurredAt()).append(',').append(cell(e.userId())).append(',')
          .append(cell(e.caseCode())).append(',').append(cell(e.attempted())).append(',').append(cell(e.action())).append(',')
          .append(cell(e.outcome())).append(',').append(cell(e.detail())).append(',').append(cell(e.purpose())).append(',')
          .append(cell(e.purposeNote())).append(',').append(cell(e.recipient())).append('\n');
    }
    return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
        .header("X-Total-Count", String.valueOf(result.total()))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-audit.csv\"").body(csv.toString());
  }

  /** {@code GET /api/audit/purposes}: the reasons an identity may be read for (any signed-in user). */
  @GetMapping("/api/audit/purposes")
  public List<Purposes.Purpose> purposes() {
    currentUser.userId();
    return purposes.all();
  }

  /** {@code GET /api/audit/verify}: the hash chain walked; intact, or the first row changed or missing. */
  @GetMapping("/api/audit/verify")
  public AccessAudit.Verification verify() {
    if (!currentUser.inAnyGroup(Groups.INFORMATION_GOVERNANCE)) {
      audit.record(currentUser.userId(), null, "VERIFY_AUDIT", AccessAudit.Outcome.REFUSED, null);
      throw new uk.police.daoversight.security.ForbiddenException("The access audit is for information governance only");
    }
    AccessAudit.Verification result = audit.verify();
    audit.record(currentUser.userId(), null, "VERIFY_AUDIT", AccessAudit.Outcome.ALLOWED,
        result.intact() ? result.rowsChecked() + " rows intact" : "broken: " + result.problem());
    return result;
  }

  private static int number(String value, String name, int min, int max) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (RuntimeException e) {
      // answered below
    }
    throw new BadRequestException("'" + name + "' must be a whole number from " + min + " to " + max);
  }

  /**
   * A CSV cell, quoted; a value a spreadsheet would run as a formula (leading {@code = + - @}, tab or
   * CR, also after leading spaces) gets a leading apostrophe, and a CR or LF inside becomes a space.
   */
  public static String cell(String value) {
    if (value == null) {
      return "";
    }
    String flat = value.replace('\r', ' ').replace('\n', ' ');
    String trimmed = value.stripLeading();
    boolean formula = !value.isEmpty() && ("=+-@\t\r".indexOf(value.charAt(0)) >= 0
        || !trimmed.isEmpty() && "=+-@".indexOf(trimmed.charAt(0)) >= 0);
    String safe = formula ? "'" + flat : flat;
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
