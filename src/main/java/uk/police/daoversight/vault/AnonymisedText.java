package uk.police.daoversight.vault;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.engine.forms.FormProblem;
import uk.police.daoversight.engine.forms.FreeTextCheck;
import uk.police.daoversight.intake.Party;
import uk.police.daoversight.security.ForbiddenException;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.NotFoundException;
import uk.police.daoversight.vault.seal.CaseSeal;
import uk.police.daoversight.vault.seal.SealedColumns;

/**
 * Anonymised text stays anonymised (issue #17 item 7). What a person types into a task's free-text
 * fields (the update form, panel outcomes and actions, chase notes, contact notes) is checked
 * against the case's own identities and common identity patterns ({@link IdentityDetector}) in the
 * engine's command gate, before the task completes: a match is refused with the kind of detail,
 * never the value, and the task stays open with what was typed. The refused text is kept sealed
 * with the case's key; a case coordinator can release it as a false positive (recorded), and that
 * exact text then passes for that case.
 */
@Service
public class AnonymisedText implements FreeTextCheck {

  public static final String RELEASE = "RELEASE_FREE_TEXT";

  private final JdbcTemplate jdbc;
  private final IdentityVault vault;
  private final ReferenceKeys keys;
  private final AccessAudit audit;
  private final Clock clock;

  public AnonymisedText(JdbcTemplate jdbc, IdentityVault vault, ReferenceKeys keys, AccessAudit audit, Clock clock) {
    this.jdbc = jdbc;
    this.vault = vault;
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public List<FormProblem> check(String userId, String caseCode, String taskId, Map<String, String> typed) {
    if (typed.isEmpty()) {
      return List.of();
    }
    String code = caseCode != null && vault.exists(caseCode) ? caseCode : null;
    IdentityDetector.Known known = code == null ? IdentityDetector.Known.NONE : known(code);
    List<FormProblem> problems = new ArrayList<>();
    typed.forEach((field, text) -> {
      List<String> kinds = IdentityDetector.kinds(text, known);
      if (kinds.isEmpty() || released(code, text)) {
        return;
      }
      String id = refuse(userId, code, taskId, field, kinds, text);
      problems.add(new FormProblem(field, "this may identify someone (" + String.join(", ", kinds)
          + "). Nothing was saved and what you typed is still in the form: take it out, or, if it identifies nobody, "
          + "ask a case coordinator to release it (refusal " + id + ")"));
    });
    return problems;
  }

  /** The case's own identities, opened from the vault (nothing for an erased case). */
  IdentityDetector.Known known(String caseCode) {
    Optional<CaseIdentity> found = vault.find(caseCode);
    if (found.isEmpty() || found.get().erased()) {
      return IdentityDetector.Known.NONE;
    }
    CaseIdentity c = found.get();
    List<Party> parties = Stream.of(c.victim(), c.perpetrator()).filter(java.util.Objects::nonNull).toList();
    // The victim's contact is read separately: find() opens it for the victim only.
    return new IdentityDetector.Known(
        parties.stream().map(Party::name).filter(java.util.Objects::nonNull).toList(),
        parties.stream().map(Party::staffNumber).filter(java.util.Objects::nonNull).toList(),
        c.externalReference() == null ? List.of() : List.of(c.externalReference()),
        parties.stream().map(Party::contact).filter(java.util.Objects::nonNull).toList(),
        parties.stream().map(Party::dateOfBirth).filter(java.util.Objects::nonNull).toList());
  }

  private boolean released(String caseCode, String text) {
    Integer n = jdbc.queryForObject("select count(*) from anonymity_refusal where text_key = ? and released_at is not null"
        + " and coalesce(case_code, '') = coalesce(?, '')", Integer.class, keys.textKeyOf(caseCode, text), caseCode);
    return n != null && n > 0;
  }

  private String refuse(String userId, String caseCode, String taskId, String field, List<String> kinds, String text) {
    String id = UUID.randomUUID().toString();
    String sealed = caseCode == null ? null : vault.seal(caseCode).seal(SealedColumns.ANONYMITY_REFUSAL, "text", text);
    jdbc.update("insert into anonymity_refusal (id, case_code, task_id, field, kinds, text_key, text, refused_by, refused_at)"
            + " values (?,?,?,?,?,?,?,?,?)",
        id, caseCode, taskId, field.length() > 100 ? field.substring(0, 100) : field, String.join(", ", kinds),
        keys.textKeyOf(caseCode, text), sealed, userId, Timestamp.from(clock.instant()));
    return id;
  }

  /** A refused text as a case coordinator reads it. */
  public record Refusal(String id, String caseCode, String field, String kinds, String text, String refusedBy,
                        Instant refusedAt, String releasedBy, Instant releasedAt) {}

  /** The case's refused texts, opened, for a case coordinator (recorded). */
  public List<Refusal> refusals(String userId, List<String> groups, String caseCode) {
    requireCoordinator(userId, groups, caseCode, "READ_FREE_TEXT_REFUSALS");
    CaseSeal seal = vault.seal(caseCode);
    List<Refusal> list = jdbc.query("select * from anonymity_refusal where case_code = ? order by refused_at, id",
        (rs, i) -> new Refusal(rs.getString("id"), rs.getString("case_code"), rs.getString("field"), rs.getString("kinds"),
            seal.open(SealedColumns.ANONYMITY_REFUSAL, "text", rs.getString("text")), rs.getString("refused_by"),
            rs.getTimestamp("refused_at").toInstant(), rs.getString("released_by"),
            rs.getTimestamp("released_at") == null ? null : rs.getTimestamp("released_at").toInstant()), caseCode);
    audit.record(userId, caseCode, "READ_FREE_TEXT_REFUSALS", AccessAudit.Outcome.ALLOWED, list.size() + " refused texts");
    return list;
  }

  /** A coordinator releases a false positive: that text passes for that case from now on (recorded). */
  public void release(String userId, List<String> groups, String refusalId) {
    List<Map<String, Object>> rows = jdbc.queryForList("select case_code, kinds from anonymity_refusal where id = ?", refusalId);
    if (rows.isEmpty()) {
      throw new NotFoundException("No refused text " + refusalId);
    }
    String caseCode = (String) rows.get(0).get("case_code");
    requireCoordinator(userId, groups, caseCode, RELEASE);
    jdbc.update("update anonymity_refusal set released_by = ?, released_at = ? where id = ? and released_at is null",
        userId, Timestamp.from(clock.instant()), refusalId);
    audit.record(userId, caseCode, RELEASE, AccessAudit.Outcome.ALLOWED,
        "refused text " + refusalId + " released as not identifying (" + rows.get(0).get("kinds") + ")");
  }

  private void requireCoordinator(String userId, List<String> groups, String caseCode, String action) {
    if (!groups.contains(Groups.CASE_COORDINATORS)) {
      audit.record(userId, caseCode, action, AccessAudit.Outcome.REFUSED, "not a case coordinator");
      throw new ForbiddenException("Only case coordinators read or release refused texts");
    }
  }
}
