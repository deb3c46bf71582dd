package uk.police.daoversight.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.vault.IdentityVault;

/**
 * Exceptional access to a case the requester is not attached to (e.g. PSD): a written reason, an
 * expiry at the end of the next day at the latest, and an immediate alert to information
 * governance. It opens the case's identities and update form to that person only, until it expires.
 */
@Service
public class BreakGlass {

  public record Grant(String id, String caseCode, Instant expiresAt) {}

  private final JdbcTemplate jdbc;
  private final IdentityVault vault;
  private final AccessAudit audit;
  private final AccessAlerts alerts;
  private final Clock clock;

  public BreakGlass(JdbcTemplate jdbc, IdentityVault vault, AccessAudit audit, AccessAlerts alerts, Clock clock) {
    this.jdbc = jdbc;
    this.vault = vault;
    this.audit = audit;
    this.alerts = alerts;
    this.clock = clock;
  }

  public Grant open(String userId, String caseCode, String reason, Instant until) {
    if (reason == null || reason.trim().length() < 20) {
      throw new BadRequestException("Give a written reason (at least 20 characters)",
          java.util.Map.of("reason", "required: why you need this case"));
    }
    if (!vault.exists(caseCode)) {
      throw new BadRequestException("No such case", java.util.Map.of("caseCode", "unknown"));
    }
    Instant now = clock.instant();
    Instant latest = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    Instant expires = until == null || until.isAfter(latest) ? latest : until;
    if (!expires.isAfter(now)) {
      throw new BadRequestException("The expiry must be in the future", java.util.Map.of("until", "in the past"));
    }
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into break_glass (id, user_id, case_code, reason, granted_at, expires_at) values (?,?,?,?,?,?)",
        id, userId, caseCode, reason.trim(), Timestamp.from(now), Timestamp.from(expires));
    audit.record(userId, caseCode, "BREAK_GLASS", AccessAudit.Outcome.GRANTED, "until " + expires + ": " + reason.trim());
    alerts.raise(AccessAlerts.Kind.BREAK_GLASS, userId, caseCode,
        userId + " broke the glass on case " + caseCode + " until " + expires + ". Reason: " + reason.trim());
    return new Grant(id, caseCode, expires);
  }

  public boolean isOpen(String userId, String caseCode) {
    Integer n = jdbc.queryForObject("select count(*) from break_glass where user_id = ? and case_code = ? and expires_at > ?",
        Integer.class, userId, caseCode, Timestamp.from(clock.instant()));
    return n != null && n > 0;
  }
}
