package uk.police.daoversight.vault;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.intake.Party;
import uk.police.daoversight.security.ForbiddenException;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.NotFoundException;

/**
 * A coordinator corrects one field of a case's identity (DPA 2018 s.62: alteration). The old value
 * is kept in the vault's {@code identity_history} with the reason; the access record says who
 * changed which field of which case, never a value. The matching keys (staff number, name and date
 * of birth) are recomputed so that earlier-case searches see the corrected person.
 */
@Service
public class IdentityCorrection {

  /** party.field -> column and its greatest length (0: a date). */
  static final Map<String, Object[]> FIELDS = Map.ofEntries(
      Map.entry("victim.name", new Object[] {"victim_name", 200}),
      Map.entry("victim.dateOfBirth", new Object[] {"victim_date_of_birth", 0}),
      Map.entry("victim.staffNumber", new Object[] {"victim_staff_number", 50}),
      Map.entry("victim.rank", new Object[] {"victim_rank", 100}),
      Map.entry("victim.department", new Object[] {"victim_department", 200}),
      Map.entry("victim.contact", new Object[] {"victim_contact", 500}),
      Map.entry("perpetrator.name", new Object[] {"perpetrator_name", 200}),
      Map.entry("perpetrator.dateOfBirth", new Object[] {"perpetrator_date_of_birth", 0}),
      Map.entry("perpetrator.staffNumber", new Object[] {"perpetrator_staff_number", 50}),
      Map.entry("perpetrator.rank", new Object[] {"perpetrator_rank", 100}),
      Map.entry("perpetrator.department", new Object[] {"perpetrator_department", 200}));

  private final JdbcTemplate jdbc;
  private final IdentityVault vault;
  private final ReferenceKeys keys;
  private final AccessAudit audit;
  private final Clock clock;

  private final TransactionTemplate tx;

  public IdentityCorrection(JdbcTemplate jdbc, IdentityVault vault, ReferenceKeys keys, AccessAudit audit, Clock clock,
                            PlatformTransactionManager transactions) {
    this.tx = new TransactionTemplate(transactions);
    this.jdbc = jdbc;
    this.vault = vault;
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
  }

  public record Correction(String value, String reason) {}

  /** Checks outside the transaction (a refusal stays recorded), then corrects in one transaction. */
  public void correct(String userId, List<String> groups, String caseCode, String party, String field, Correction correction) {
    String name = party + "." + field;
    if (!groups.contains(Groups.CASE_COORDINATORS)) {
      audit.record(userId, caseCode, AccessAudit.ALTERATION, AccessAudit.Outcome.REFUSED, "not a case coordinator");
      throw new ForbiddenException("Only case coordinators correct an identity");
    }
    Object[] column = FIELDS.get(name);
    if (column == null) {
      throw new BadRequestException("The field must be one of " + String.join(", ", FIELDS.keySet().stream().sorted().toList()));
    }
    if (correction == null || correction.reason() == null || correction.reason().isBlank() || correction.reason().length() > 500) {
      throw new BadRequestException("'reason' is needed (up to 500 characters): why the record was wrong");
    }
    Object value = value(correction.value(), (Integer) column[1]);
    if (!vault.exists(caseCode)) {
      throw new NotFoundException("No case " + caseCode);
    }
    tx.executeWithoutResult(status -> apply(userId, caseCode, party, name, (String) column[0], value, correction.reason().trim()));
  }

  private void apply(String userId, String caseCode, String party, String name, String col, Object value, String reason) {
    // Sealed through the vault: the old value and the reason are kept sealed in identity_history.
    String historyId = vault.correct(caseCode, party, name, col, value.toString(), reason, userId, clock.instant());
    audit.record(userId, caseCode, AccessAudit.ALTERATION, AccessAudit.Outcome.ALLOWED,
        name + " corrected; the previous value is kept in the vault's identity history " + historyId);
  }

  private static Object value(String value, int max) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException("'value' is needed: the corrected value");
    }
    String v = value.trim();
    if (max == 0) {
      try {
        LocalDate date = LocalDate.parse(v);
        if (date.isBefore(LocalDate.of(1900, 1, 1)) || date.isAfter(LocalDate.now())) {
          throw new BadRequestException("'value' must be a date of birth between 1900 and today");
        }
        return date.toString();
      } catch (DateTimeParseException e) {
        throw new BadRequestException("'value' must be a date (1990-05-17)");
      }
    }
    if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
      throw new BadRequestException("'value' must have at most " + max + " characters and no control characters");
    }
    return v;
  }
}
