package uk.police.daoversight.vault;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import uk.police.daoversight.allocation.CaseParties;
import uk.police.daoversight.intake.Party;
import uk.police.daoversight.intake.Referral;

/**
 * The restricted store of who is involved, keyed by case code. The engine never sees its contents;
 * callers outside the process glue go through {@link IdentityAccess}, which checks and audits.
 */
@Repository
public class IdentityVault {

  private final JdbcTemplate jdbc;
  private final ReferenceKeys referenceKeys;

  public IdentityVault(JdbcTemplate jdbc, ReferenceKeys referenceKeys) {
    this.jdbc = jdbc;
    this.referenceKeys = referenceKeys;
  }

  public boolean exists(String caseCode) {
    Integer n = jdbc.queryForObject("select count(*) from case_identity where case_code = ?", Integer.class, caseCode);
    return n != null && n > 0;
  }

  public Optional<String> openCaseWithReference(String externalReference) {
    return jdbc.query("select case_code from case_identity where open_reference_key = ?",
        (rs, i) -> rs.getString(1), referenceKeys.keyOf(externalReference)).stream().findFirst();
  }

  /** Stores a new case; the unique open reference makes a racing duplicate fail here. */
  public void store(String caseCode, Referral r, Instant now) {
    Party v = r.victim();
    Party p = r.perpetrator();
    jdbc.update("""
        insert into case_identity (case_code, external_reference, open_reference_key, route,
          victim_name, victim_date_of_birth, victim_police_employee, victim_staff_number, victim_rank, victim_department, victim_contact,
          perpetrator_name, perpetrator_date_of_birth, perpetrator_police_employee, perpetrator_staff_number, perpetrator_rank, perpetrator_department,
          known_to, created_at, victim_staff_key, victim_person_key, perpetrator_staff_key, perpetrator_person_key)
        values (?,?,?,?, ?,?,?,?,?,?,?, ?,?,?,?,?,?, ?,?, ?,?,?,?)""",
        caseCode, r.externalReference(), referenceKeys.keyOf(r.externalReference()), r.route().name(),
        v.name(), sqlDate(v), v.policeEmployee(), v.staffNumber(), v.rank(), v.department(), v.contact(),
        p.name(), sqlDate(p), p.policeEmployee(), p.staffNumber(), p.rank(), p.department(),
        String.join(",", r.knownTo()), Timestamp.from(now),
        referenceKeys.staffKeyOf(v), referenceKeys.personKeyOf(v), referenceKeys.staffKeyOf(p), referenceKeys.personKeyOf(p));
  }

  public Optional<CaseIdentity> find(String caseCode) {
    return jdbc.query("select * from case_identity where case_code = ?", IdentityVault::map, caseCode).stream().findFirst();
  }

  /** Conflict facts for SOO allocation. */
  public CaseParties conflictFacts(String caseCode) {
    CaseIdentity c = find(caseCode).orElseThrow(() -> new IllegalStateException("No vault record for case " + caseCode));
    return new CaseParties(c.victim().staffNumber(), c.perpetrator().staffNumber(), c.perpetrator().department(), c.knownTo());
  }

  /**
   * Earlier cases involving the same victim or perpetrator (matching staff number, or name and date
   * of birth), in either role, oldest first. Only case codes leave this method.
   */
  public List<PreviousCase> previousCases(String caseCode) {
    CaseIdentity c = find(caseCode).orElseThrow(() -> new IllegalStateException("No vault record for case " + caseCode));
    return candidatesSharingAKey(c).stream()
        .map(other -> new PreviousCase(other.caseCode(), PersonMatch.samePerson(c.victim(), other.victim()),
            PersonMatch.samePerson(c.victim(), other.perpetrator()) || PersonMatch.samePerson(c.perpetrator(), other.victim())
                || PersonMatch.samePerson(c.perpetrator(), other.perpetrator()),
            other.closedAt() != null))
        .filter(pc -> pc.sameVictim() || pc.otherPartyMatch())
        .toList();
  }

  /**
   * The earlier cases of this case's people, newest first, with which role matched which, and the
   * serial facts ({@link CaseHistory}). Only case codes, labels and counts leave this method.
   */
  public CaseHistory.Findings history(String caseCode) {
    CaseIdentity c = find(caseCode).orElseThrow(() -> new IllegalStateException("No vault record for case " + caseCode));
    return CaseHistory.of(c, candidatesSharingAKey(c));
  }

  /**
   * Every other case sharing a staff key or a person key with this case's people, in either role,
   * oldest first: a superset of the matches, found through the key indexes (one small select per
   * key and column), which {@link PersonMatch#samePerson} then decides.
   */
  private List<CaseIdentity> candidatesSharingAKey(CaseIdentity c) {
    Set<String> staffKeys = new LinkedHashSet<>();
    Set<String> personKeys = new LinkedHashSet<>();
    for (Party p : List.of(c.victim(), c.perpetrator())) {
      staffKeys.add(referenceKeys.staffKeyOf(p));
      personKeys.add(referenceKeys.personKeyOf(p));
    }
    staffKeys.remove(null);
    personKeys.remove(null);
    Map<String, Set<String>> keysByColumn = Map.of("victim_staff_key", staffKeys, "perpetrator_staff_key", staffKeys,
        "victim_person_key", personKeys, "perpetrator_person_key", personKeys);
    List<String> selects = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    keysByColumn.forEach((column, keys) -> keys.forEach(key -> {
      selects.add("select * from case_identity where " + column + " = ? and case_code <> ?");
      args.add(key);
      args.add(c.caseCode());
    }));
    if (selects.isEmpty()) {
      return List.of();
    }
    return jdbc.query("select * from (" + String.join(" union ", selects) + ") m order by created_at, case_code",
        IdentityVault::map, args.toArray());
  }

  public void link(String caseCode, String linkedCaseCode) {
    jdbc.update("update case_identity set linked_case_code = ? where case_code = ?", linkedCaseCode, caseCode);
  }

  /** Closing frees the external reference for a future case. */
  public void close(String caseCode, Instant now) {
    jdbc.update("update case_identity set open_reference_key = null, closed_at = ? where case_code = ?", Timestamp.from(now), caseCode);
  }

  /** An earlier case: sameVictim when this case's victim was its victim. */
  public record PreviousCase(String caseCode, boolean sameVictim, boolean otherPartyMatch, boolean closed) {}

  private static Date sqlDate(Party p) {
    return p.dateOfBirth() == null ? null : Date.valueOf(p.dateOfBirth());
  }

  private static CaseIdentity map(ResultSet rs, int row) throws SQLException {
    String knownTo = rs.getString("known_to");
    Set<String> known = knownTo == null || knownTo.isBlank() ? Set.of()
        : Arrays.stream(knownTo.split(",")).collect(Collectors.toCollection(LinkedHashSet::new));
    Timestamp closed = rs.getTimestamp("closed_at");
    return new CaseIdentity(rs.getString("case_code"), rs.getString("external_reference"), rs.getString("route"),
        party(rs, "victim_", true), party(rs, "perpetrator_", false), known, rs.getString("linked_case_code"),
        rs.getTimestamp("created_at").toInstant(), closed == null ? null : closed.toInstant());
  }

  /** The victim's or perpetrator's columns of a case_identity row; the contact only when asked for. */
  static Party party(ResultSet rs, String prefix, boolean withContact) throws SQLException {
    Date dob = rs.getDate(prefix + "date_of_birth");
    return new Party(rs.getString(prefix + "name"), dob == null ? null : dob.toLocalDate(),
        rs.getBoolean(prefix + "police_employee"), rs.getString(prefix + "staff_number"),
        rs.getString(prefix + "rank"), rs.getString(prefix + "department"),
        withContact ? rs.getString(prefix + "contact") : null);
  }
}
