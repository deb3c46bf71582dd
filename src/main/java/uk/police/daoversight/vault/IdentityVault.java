package uk.police.daoversight.vault;

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
import uk.police.daoversight.vault.seal.CaseSeal;
import uk.police.daoversight.vault.seal.PlainRowSealer;
import uk.police.daoversight.vault.seal.SealedColumns;
import uk.police.daoversight.vault.seal.CaseKeys;
import uk.police.daoversight.vault.seal.VaultSeals;

/**
 * The restricted store of who is involved, keyed by case code. The engine never sees its contents;
 * callers outside the process glue go through {@link IdentityAccess}, which checks and audits.
 * Every identity column is sealed with the case's own data key ({@link VaultSeals}) before it is
 * written and opened when read; look-ups go through the keyed hashes of {@link ReferenceKeys}.
 */
@Repository
public class IdentityVault {

  private final JdbcTemplate jdbc;
  private final ReferenceKeys referenceKeys;
  private final VaultSeals seals;

  public IdentityVault(JdbcTemplate jdbc, ReferenceKeys referenceKeys, VaultSeals seals) {
    this.jdbc = jdbc;
    this.referenceKeys = referenceKeys;
    this.seals = seals;
  }

  /** The case's seal, for the other writers of its sealed columns (corrections, contact plans, break glass). */
  public CaseSeal seal(String caseCode) {
    return seals.of(caseCode);
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
    CaseSeal seal = seals.of(caseCode);
    jdbc.update("""
        insert into case_identity (case_code, external_reference, open_reference_key, route,
          victim_name, victim_date_of_birth, victim_police_employee, victim_staff_number, victim_rank, victim_department, victim_contact,
          perpetrator_name, perpetrator_date_of_birth, perpetrator_police_employee, perpetrator_staff_number, perpetrator_rank, perpetrator_department,
          known_to, created_at, victim_staff_key, victim_person_key, perpetrator_staff_key, perpetrator_person_key,
          perpetrator_above_constable)
        values (?,?,?,?, ?,?,?,?,?,?,?, ?,?,?,?,?,?, ?,?, ?,?,?,?, ?)""",
        caseCode, sealed(seal, "external_reference", r.externalReference()), referenceKeys.keyOf(r.externalReference()), r.route().name(),
        sealed(seal, "victim_name", v.name()), sealed(seal, "victim_date_of_birth", iso(v)), v.policeEmployee(),
        sealed(seal, "victim_staff_number", v.staffNumber()), sealed(seal, "victim_rank", v.rank()),
        sealed(seal, "victim_department", v.department()), sealed(seal, "victim_contact", v.contact()),
        sealed(seal, "perpetrator_name", p.name()), sealed(seal, "perpetrator_date_of_birth", iso(p)), p.policeEmployee(),
        sealed(seal, "perpetrator_staff_number", p.staffNumber()), sealed(seal, "perpetrator_rank", p.rank()),
        sealed(seal, "perpetrator_department", p.department()),
        sealed(seal, "known_to", String.join(",", r.knownTo())), Timestamp.from(now),
        referenceKeys.staffKeyOf(v), referenceKeys.personKeyOf(v), referenceKeys.staffKeyOf(p), referenceKeys.personKeyOf(p),
        PlainRowSealer.aboveConstable(p.policeEmployee(), p.rank()));
    if (p.contact() != null) {
      // The other party's contact in a counter-allegation (V73, after the seal): sealed from its first write.
      jdbc.update("update case_identity set perpetrator_contact = ? where case_code = ?",
          sealed(seal, "perpetrator_contact", p.contact()), caseCode);
    }
    storeSoundKeys(caseCode, "VICTIM", v);
    storeSoundKeys(caseCode, "PERPETRATOR", p);
  }

  private void storeSoundKeys(String caseCode, String party, Party person) {
    jdbc.batchUpdate("insert into case_person_sound (case_code, party, sound_key) values (?,?,?)",
        referenceKeys.soundKeysOf(person).stream().map(k -> new Object[] {caseCode, party, k}).toList());
  }

  /** How many candidates a likely-match search opens at most (the most recent first). */
  static final int MAX_LIKELY_CANDIDATES = 200;

  /**
   * Records that may be the same people as this case's in other cases (#19 item 5): found by the
   * keyed sounds of their names and years of birth, scored by {@link LikelyMatch}, without the ones
   * already the same person there. Best first. Only case codes, labels and scores leave this method.
   */
  public List<CaseHistory.PossibleMatch> likelyMatches(String caseCode) {
    CaseIdentity c = find(caseCode).orElseThrow(() -> new IllegalStateException("No vault record for case " + caseCode));
    java.util.Set<String> keys = new LinkedHashSet<>(referenceKeys.soundKeysOf(c.victim()));
    keys.addAll(referenceKeys.soundKeysOf(c.perpetrator()));
    if (keys.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", java.util.Collections.nCopies(keys.size(), "?"));
    List<Object> args = new ArrayList<>(keys);
    args.add(caseCode);
    List<String> codes = jdbc.queryForList("select distinct s.case_code, i.created_at from case_person_sound s"
        + " join case_identity i on i.case_code = s.case_code where s.sound_key in (" + marks + ") and s.case_code <> ?"
        + " order by i.created_at desc", args.toArray()).stream().map(r -> (String) r.get("case_code"))
        .limit(MAX_LIKELY_CANDIDATES).toList();
    List<CaseIdentity> candidates = new ArrayList<>();
    codes.forEach(code -> find(code).filter(o -> !o.erased()).ifPresent(candidates::add));
    return CaseHistory.possible(c, candidates, confirmed(caseCode));
  }

  /** The likely matches the coordinator confirmed for this case, as "case code|label". */
  public java.util.Set<String> confirmed(String caseCode) {
    return new LinkedHashSet<>(jdbc.queryForList("select other_case_code, label from confirmed_match where case_code = ?",
        caseCode).stream().map(r -> CaseHistory.confirmation((String) r.get("other_case_code"), (String) r.get("label"))).toList());
  }

  /** A likely match confirmed by the coordinator: it counts as the same person from now on. */
  public void confirm(String caseCode, CaseHistory.PossibleMatch match, String by, Instant now) {
    jdbc.update("insert into confirmed_match (case_code, other_case_code, label, score, confirmed_by, confirmed_at) values (?,?,?,?,?,?)",
        caseCode, match.caseCode(), match.label(), match.verdict().score(), by, Timestamp.from(now));
  }

  /** Seals one case_identity column's value. */
  static String sealed(CaseSeal seal, String column, String plain) {
    return seal.seal(SealedColumns.CASE_IDENTITY, column, plain);
  }

  private static String iso(Party p) {
    return p.dateOfBirth() == null ? null : p.dateOfBirth().toString();
  }

  /** The row with its case key's, read in one statement: opening it needs no second look-up. */
  private static final String WITH_KEY = "select i.*, " + CaseKeys.KEY_COLUMNS
      + " from case_identity i left join case_key k on k.case_code = i.case_code where i.case_code = ?";

  public Optional<CaseIdentity> find(String caseCode) {
    return jdbc.query(WITH_KEY, this::open, caseCode).stream().findFirst();
  }

  /** The perpetrator's staff number and department (for the conflict checks): only those two values are opened. */
  public record PerpetratorPost(String staffNumber, String department) {}

  public Optional<PerpetratorPost> perpetratorPost(String caseCode) {
    return jdbc.query(WITH_KEY, (rs, i) -> {
      CaseSeal seal = seals.of(caseCode, rs);
      return new PerpetratorPost(opened(seal, rs, "perpetrator_staff_number"), opened(seal, rs, "perpetrator_department"));
    }, caseCode).stream().findFirst();
  }

  /** Conflict facts for SOO allocation. */
  public CaseParties conflictFacts(String caseCode) {
    CaseIdentity c = find(caseCode).orElseThrow(() -> new IllegalStateException("No vault record for case " + caseCode));
    return new CaseParties(c.victim().staffNumber(), c.perpetrator().staffNumber(), c.perpetrator().department(), c.knownTo())
        .withVictim(c.victim().department(), null);
  }

  /**
   * Records that a user declared they know a party of the case (sealed with the case's other
   * identities): from now on they are never recommended or allocated for it (#19 item 3).
   */
  public void addKnownTo(String caseCode, String userId) {
    CaseIdentity c = find(caseCode).orElseThrow(() -> new IllegalStateException("No vault record for case " + caseCode));
    if (c.knownTo().contains(userId)) {
      return;
    }
    Set<String> known = new LinkedHashSet<>(c.knownTo());
    known.add(userId);
    jdbc.update("update case_identity set known_to = ? where case_code = ?",
        sealed(seal(caseCode), "known_to", String.join(",", known)), caseCode);
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
    java.util.Set<String> confirmed = confirmed(caseCode);
    List<CaseIdentity> candidates = new ArrayList<>(candidatesSharingAKey(c));
    for (String link : confirmed) {
      String other = link.substring(0, link.indexOf('|'));
      if (candidates.stream().noneMatch(o -> o.caseCode().equals(other))) {
        find(other).ifPresent(candidates::add);
      }
    }
    return CaseHistory.of(c, candidates, confirmed);
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
    return jdbc.query("select m.*, " + CaseKeys.KEY_COLUMNS + " from (" + String.join(" union ", selects) + ") m"
        + " left join case_key k on k.case_code = m.case_code order by m.created_at, m.case_code", this::open, args.toArray());
  }

  /**
   * One identity column corrected (IdentityCorrection): the old value goes, sealed, into
   * {@code identity_history} with the reason (sealed too: it may name people); the new one is sealed
   * into the column; the party's matching keys and the figures' rank fact follow. Returns the history id.
   */
  public String correct(String caseCode, String party, String field, String column, String value, String reason,
                        String userId, Instant now) {
    if (!SealedColumns.isCaseIdentityColumn(column)) {
      throw new IllegalArgumentException("not a vault column: " + column);
    }
    CaseSeal seal = seals.of(caseCode);
    if (seal.erased()) {
      throw new uk.police.daoversight.vault.seal.CaseKeys.ErasedException(caseCode);
    }
    String old = seal.open(SealedColumns.CASE_IDENTITY, column,
        jdbc.queryForObject("select " + column + " from case_identity where case_code = ?", String.class, caseCode));
    String historyId = java.util.UUID.randomUUID().toString();
    jdbc.update("insert into identity_history (id, case_code, field, old_value, reason, changed_by, changed_at) values (?,?,?,?,?,?,?)",
        historyId, caseCode, field, seal.seal(SealedColumns.IDENTITY_HISTORY, "old_value", old),
        seal.seal(SealedColumns.IDENTITY_HISTORY, "reason", reason), userId, Timestamp.from(now));
    jdbc.update("update case_identity set " + column + " = ? where case_code = ?", sealed(seal, column, value), caseCode);
    CaseIdentity corrected = find(caseCode).orElseThrow();
    Party p = "victim".equals(party) ? corrected.victim() : corrected.perpetrator();
    jdbc.update("update case_identity set " + party + "_staff_key = ?, " + party + "_person_key = ? where case_code = ?",
        referenceKeys.staffKeyOf(p), referenceKeys.personKeyOf(p), caseCode);
    String soundParty = "victim".equals(party) ? "VICTIM" : "PERPETRATOR";
    jdbc.update("delete from case_person_sound where case_code = ? and party = ?", caseCode, soundParty);
    storeSoundKeys(caseCode, soundParty, p);
    Party perpetrator = corrected.perpetrator();
    jdbc.update("update case_identity set perpetrator_above_constable = ? where case_code = ?",
        PlainRowSealer.aboveConstable(perpetrator.policeEmployee(), perpetrator.rank()), caseCode);
    return historyId;
  }

  /** A correction kept in the identity history, opened. */
  public record HistoryEntry(String id, String field, String oldValue, String reason, String changedBy, Instant changedAt) {}

  /** The case's identity history, oldest first, opened for an entitled reader. */
  public List<HistoryEntry> corrections(String caseCode) {
    CaseSeal seal = seals.of(caseCode);
    return jdbc.query("select * from identity_history where case_code = ? order by changed_at, id",
        (rs, i) -> new HistoryEntry(rs.getString("id"), rs.getString("field"),
            seal.open(SealedColumns.IDENTITY_HISTORY, "old_value", rs.getString("old_value")),
            seal.open(SealedColumns.IDENTITY_HISTORY, "reason", rs.getString("reason")),
            rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()), caseCode);
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

  /** A case_identity row, opened with its case's key; an erased case's identities read as nothing. */
  private CaseIdentity open(ResultSet rs, int row) throws SQLException {
    String caseCode = rs.getString("case_code");
    CaseSeal seal = seals.of(caseCode, rs);
    String knownTo = opened(seal, rs, "known_to");
    Set<String> known = knownTo == null || knownTo.isBlank() ? Set.of()
        : Arrays.stream(knownTo.split(",")).collect(Collectors.toCollection(LinkedHashSet::new));
    Timestamp closed = rs.getTimestamp("closed_at");
    return new CaseIdentity(caseCode, opened(seal, rs, "external_reference"), rs.getString("route"),
        sealedParty(seal, rs, "victim_", true), sealedParty(seal, rs, "perpetrator_", true), known, rs.getString("linked_case_code"),
        rs.getTimestamp("created_at").toInstant(), closed == null ? null : closed.toInstant(), seal.erased());
  }

  private static String opened(CaseSeal seal, ResultSet rs, String column) throws SQLException {
    return seal.open(SealedColumns.CASE_IDENTITY, column, rs.getString(column));
  }

  private static Party sealedParty(CaseSeal seal, ResultSet rs, String prefix, boolean withContact) throws SQLException {
    String dob = opened(seal, rs, prefix + "date_of_birth");
    return new Party(opened(seal, rs, prefix + "name"), dob == null ? null : java.time.LocalDate.parse(dob),
        rs.getBoolean(prefix + "police_employee"), opened(seal, rs, prefix + "staff_number"),
        opened(seal, rs, prefix + "rank"), opened(seal, rs, prefix + "department"),
        withContact ? opened(seal, rs, prefix + "contact") : null);
  }

  /**
   * The victim's or perpetrator's columns of a case_identity row, plain as they were before the vault
   * was sealed (V8's migration reads them so on an old database) or sealed, then opened with the
   * case's key from {@code seals} (asked only for a sealed row); the contact only when asked for.
   */
  static Party party(ResultSet rs, String prefix, boolean withContact, java.util.function.Supplier<CaseSeal> seals)
      throws SQLException {
    String dob = either(rs, prefix + "date_of_birth", seals);
    return new Party(either(rs, prefix + "name", seals), dob == null ? null : java.time.LocalDate.parse(dob.substring(0, 10)),
        rs.getBoolean(prefix + "police_employee"), either(rs, prefix + "staff_number", seals),
        either(rs, prefix + "rank", seals), either(rs, prefix + "department", seals),
        withContact ? either(rs, prefix + "contact", seals) : null);
  }

  private static String either(ResultSet rs, String column, java.util.function.Supplier<CaseSeal> seals) throws SQLException {
    String v = rs.getString(column);
    return CaseSeal.isSealed(v) ? seals.get().open(SealedColumns.CASE_IDENTITY, column, v) : v;
  }
}
