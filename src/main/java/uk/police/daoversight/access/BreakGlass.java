package uk.police.daoversight.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.vault.IdentityVault;
import uk.police.daoversight.vault.seal.SealedColumns;

/**
 * Exceptional access to a case the requester is not attached to (e.g. PSD): a written reason, an
 * expiry at the end of the next day at the latest, and an immediate alert to information
 * governance. It opens the case's identities and update form to that person only, until it expires.
 */
@Service
public class BreakGlass {

  public record Grant(String id, String caseCode, Instant expiresAt) {}

  /** The break_glass.reason column; a longer reason is refused before anything is written. */
  public static final int MAX_REASON = 1000;
  static final int MIN_REASON = 20;

  private final JdbcTemplate jdbc;
  private final IdentityVault vault;
  private final AccessAudit audit;
  private final AccessAlerts alerts;
  private final ConflictOfInterest conflicts;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public BreakGlass(JdbcTemplate jdbc, IdentityVault vault, AccessAudit audit, AccessAlerts alerts,
                    ConflictOfInterest conflicts, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.vault = vault;
    this.audit = audit;
    this.alerts = alerts;
    this.conflicts = conflicts;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * Opens the glass: everything is checked first (reason, case, expiry, conflict of interest), then
   * the grant, its audit row and its alert are written in one transaction, so no grant is ever in
   * force without its record. A conflicted user gets no grant at all; the refusal is audited and
   * alerted.
   */
  public Grant open(String userId, Collection<String> groups, String caseCode, String reason, Instant until) {
    String why = reason == null ? "" : reason.trim();
    if (why.length() < MIN_REASON) {
      throw new BadRequestException("Give a written reason (at least " + MIN_REASON + " characters)",
          Map.of("reason", "required: why you need this case"));
    }
    if (why.length() > MAX_REASON) {
      throw new BadRequestException("The reason is too long (at most " + MAX_REASON + " characters)",
          Map.of("reason", "at most " + MAX_REASON + " characters"));
    }
    if (!vault.exists(caseCode)) {
      throw new BadRequestException("No such case", Map.of("caseCode", "unknown"));
    }
    Instant now = clock.instant();
    Instant latest = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    Instant expires = until == null || until.isAfter(latest) ? latest : until;
    if (!expires.isAfter(now)) {
      throw new BadRequestException("The expiry must be in the future", Map.of("until", "in the past"));
    }
    conflicts.refuseIfConflicted(userId, groups, caseCode, "BREAK_GLASS");
    String id = UUID.randomUUID().toString();
    transaction.executeWithoutResult(status -> {
      jdbc.update("insert into break_glass (id, user_id, case_code, reason, granted_at, expires_at) values (?,?,?,?,?,?)",
          id, userId, caseCode, vault.seal(caseCode).seal(SealedColumns.BREAK_GLASS, "reason", why),
          Timestamp.from(now), Timestamp.from(expires));
      // The audit row names the grant; the reason (which may name people) is sealed in the grant's
      // own row and in the alert, with the case's key (issue #17): the access record stays plain.
      audit.record(userId, caseCode, "BREAK_GLASS", AccessAudit.Outcome.GRANTED,
          abbreviate("grant " + id + " until " + expires + "; reason sealed with the grant", AccessAudit.MAX_DETAIL));
      alerts.raise(AccessAlerts.Kind.BREAK_GLASS, userId, caseCode,
          userId + " broke the glass on case " + caseCode + " until " + expires + ". Reason: " + why);
    });
    return new Grant(id, caseCode, expires);
  }

  static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }

  public boolean isOpen(String userId, String caseCode) {
    Integer n = jdbc.queryForObject("select count(*) from break_glass where user_id = ? and case_code = ? and expires_at > ?",
        Integer.class, userId, caseCode, Timestamp.from(clock.instant()));
    return n != null && n > 0;
  }
}
