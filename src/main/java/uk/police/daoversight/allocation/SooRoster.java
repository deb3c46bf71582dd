package uk.police.daoversight.allocation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SOO roster and who oversees which case, in the application's own tables. */
@Repository
public class SooRoster {

  private final JdbcTemplate jdbc;

  public SooRoster(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes the allocation lock for the current transaction (a row lock on {@code allocation_lock},
   * PostgreSQL and H2 alike): a second allocation waits here until the first has committed, then
   * reads the roster and the allocations as they now are. Must run inside a transaction.
   */
  public void lockForAllocation() {
    jdbc.queryForObject("select id from allocation_lock where id = 1 for update", Integer.class);
  }

  public List<SooProfile> all() {
    return jdbc.query("select * from soo_roster order by user_id", SooRoster::map);
  }

  public Optional<SooProfile> find(String userId) {
    return jdbc.query("select * from soo_roster where user_id = ?", SooRoster::map, userId).stream().findFirst();
  }

  /** Adds or replaces a roster entry; the last allocated date is kept unless given. */
  public void save(SooProfile soo) {
    int updated = jdbc.update("""
        update soo_roster set rank = ?, department = ?, staff_number = ?, available = ?, excluded_role = ?,
          last_allocated_at = coalesce(?, last_allocated_at) where user_id = ?""",
        soo.rank(), soo.department(), soo.staffNumber(), soo.available(), soo.excludedRole(),
        timestamp(soo.lastAllocatedAt()), soo.userId());
    if (updated == 0) {
      jdbc.update("insert into soo_roster (user_id, rank, department, staff_number, available, excluded_role, last_allocated_at) values (?,?,?,?,?,?,?)",
          soo.userId(), soo.rank(), soo.department(), soo.staffNumber(), soo.available(), soo.excludedRole(),
          timestamp(soo.lastAllocatedAt()));
    }
  }

  /** Open cases per SOO now (allocations not yet released). */
  public Map<String, Integer> openCaseCounts() {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.query("select user_id, count(*) from case_soo where released_at is null group by user_id",
        rs -> { counts.put(rs.getString(1), rs.getInt(2)); });
    return counts;
  }

  /** The case codes of every open case with a SOO (allocations not yet released), in case code order. */
  public List<String> openCases() {
    return jdbc.queryForList("select distinct case_code from case_soo where released_at is null order by case_code", String.class);
  }

  /** Records the allocation and moves the SOO's last allocated date (fair rotation). */
  public void allocate(String caseCode, String userId, String party, String allocatedBy, String overrideReason, Instant now) {
    jdbc.update("insert into case_soo (case_code, user_id, party, allocated_at, allocated_by, override_reason) values (?,?,?,?,?,?)",
        caseCode, userId, party, Timestamp.from(now), allocatedBy, overrideReason);
    jdbc.update("update soo_roster set last_allocated_at = ? where user_id = ?", Timestamp.from(now), userId);
  }

  /** The SOOs currently overseeing a case, in allocation order (victim's SOO first). */
  public List<String> activeSoos(String caseCode) {
    return activeSoos(List.of(caseCode)).getOrDefault(caseCode, List.of());
  }

  /** {@link #activeSoos(String)} of many cases in one query per thousand; a case without a SOO is absent. */
  public Map<String, List<String>> activeSoos(Collection<String> caseCodes) {
    Map<String, List<String>> soos = new HashMap<>();
    List<String> codes = List.copyOf(new LinkedHashSet<>(caseCodes));
    for (int from = 0; from < codes.size(); from += 1_000) {
      List<String> chunk = codes.subList(from, Math.min(codes.size(), from + 1_000));
      String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
      jdbc.query("select case_code, user_id from case_soo where released_at is null and case_code in (" + marks + ")"
              + " order by case_code, allocated_at, party desc",
          rs -> {
            soos.computeIfAbsent(rs.getString(1), c -> new ArrayList<>()).add(rs.getString(2));
          }, chunk.toArray());
    }
    return soos;
  }

  public boolean isActiveSoo(String caseCode, String userId) {
    Integer n = jdbc.queryForObject("select count(*) from case_soo where case_code = ? and user_id = ? and released_at is null",
        Integer.class, caseCode, userId);
    return n != null && n > 0;
  }

  /** The party (VICTIM or OTHER_PARTY) the SOO oversees on the case now, if they are allocated to it. */
  public Optional<String> activePartyOf(String caseCode, String userId) {
    return jdbc.queryForList("select party from case_soo where case_code = ? and user_id = ? and released_at is null"
        + " order by allocated_at desc", String.class, caseCode, userId).stream().findFirst();
  }

  /** The SOO who oversaw a case for its victim (the latest allocation for party VICTIM). */
  public Optional<String> victimSooOf(String caseCode) {
    return jdbc.queryForList("select user_id from case_soo where case_code = ? and party = 'VICTIM' order by allocated_at desc",
        String.class, caseCode).stream().findFirst();
  }

  /** Ends one SOO's allocation to a case; returns the party they oversaw, if they were allocated. */
  public Optional<String> releaseOne(String caseCode, String userId, Instant now) {
    List<String> party = jdbc.queryForList("select party from case_soo where case_code = ? and user_id = ? and released_at is null",
        String.class, caseCode, userId);
    jdbc.update("update case_soo set released_at = ? where case_code = ? and user_id = ? and released_at is null",
        Timestamp.from(now), caseCode, userId);
    return party.stream().findFirst();
  }

  public List<String> release(String caseCode, Instant now) {
    List<String> released = activeSoos(caseCode);
    jdbc.update("update case_soo set released_at = ? where case_code = ? and released_at is null", Timestamp.from(now), caseCode);
    return released;
  }

  /** Takes a SOO off the roster (they left the force, the SOO group or the rank); their standing conflicts go with the entry. */
  public boolean remove(String userId) {
    jdbc.update("delete from soo_standing_conflict where user_id = ?", userId);
    return jdbc.update("delete from soo_roster where user_id = ?", userId) > 0;
  }

  /** The cases a SOO oversees now. */
  public List<String> openCasesOf(String userId) {
    return jdbc.queryForList("select distinct case_code from case_soo where user_id = ? and released_at is null order by case_code",
        String.class, userId);
  }

  // ---- withdrawals: a SOO taken off a case until the coordinators choose another (#19 items 2 and 3)

  /**
   * A SOO taken off one party of a case.
   *
   * @param reason the application's own words (a conflict declared, left the force), never who knows whom
   */
  public record Withdrawal(String id, String caseCode, String userId, String party, String reason, String reallocatedTo) {}

  public String recordWithdrawal(String caseCode, String userId, String party, String reason, Instant now) {
    String id = java.util.UUID.randomUUID().toString();
    jdbc.update("insert into soo_withdrawal (id, case_code, user_id, party, reason, withdrawn_at) values (?,?,?,?,?,?)",
        id, caseCode, userId, party, reason, Timestamp.from(now));
    return id;
  }

  /**
   * The withdrawal a "Reallocate the case" instance handles: the one it claimed before, else the
   * oldest of the case nobody has claimed (one message, one withdrawal).
   */
  public Optional<Withdrawal> claimWithdrawal(String caseCode, String claimant) {
    Optional<Withdrawal> mine = jdbc.query("select * from soo_withdrawal where case_code = ? and claimed_by = ?",
        SooRoster::withdrawal, caseCode, claimant).stream().findFirst();
    if (mine.isPresent()) {
      return mine;
    }
    for (Withdrawal w : jdbc.query("select * from soo_withdrawal where case_code = ? and claimed_by is null order by withdrawn_at, id",
        SooRoster::withdrawal, caseCode)) {
      if (jdbc.update("update soo_withdrawal set claimed_by = ? where id = ? and claimed_by is null", claimant, w.id()) == 1) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  public Optional<Withdrawal> withdrawal(String id) {
    return jdbc.query("select * from soo_withdrawal where id = ?", SooRoster::withdrawal, id).stream().findFirst();
  }

  public void markReallocated(String withdrawalId, String to, Instant now) {
    jdbc.update("update soo_withdrawal set reallocated_to = ?, reallocated_at = ? where id = ?", to, Timestamp.from(now), withdrawalId);
  }

  // ---- standing conflicts: people a SOO knows well, as keyed hashes (#19 item 3)

  /** Replaces a SOO's standing conflicts with these keyed hashes. */
  public void replaceStandingConflicts(String userId, java.util.Set<String> personKeys, Instant now) {
    jdbc.update("delete from soo_standing_conflict where user_id = ?", userId);
    jdbc.batchUpdate("insert into soo_standing_conflict (user_id, person_key, declared_at) values (?,?,?)",
        personKeys.stream().map(k -> new Object[] {userId, k, Timestamp.from(now)}).toList());
  }

  public int standingConflictCount(String userId) {
    Integer n = jdbc.queryForObject("select count(*) from soo_standing_conflict where user_id = ?", Integer.class, userId);
    return n == null ? 0 : n;
  }

  /** The SOOs with a standing conflict on one of the case's people (by the vault's keyed hashes of them). */
  public java.util.Set<String> soosKnowingAPartyOf(String caseCode) {
    return new java.util.TreeSet<>(jdbc.queryForList("""
        select distinct s.user_id from soo_standing_conflict s join case_identity c
          on s.person_key in (c.victim_staff_key, c.victim_person_key, c.perpetrator_staff_key, c.perpetrator_person_key)
        where c.case_code = ?""", String.class, caseCode));
  }

  private static Withdrawal withdrawal(ResultSet rs, int row) throws SQLException {
    return new Withdrawal(rs.getString("id"), rs.getString("case_code"), rs.getString("user_id"), rs.getString("party"),
        rs.getString("reason"), rs.getString("reallocated_to"));
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static SooProfile map(ResultSet rs, int row) throws SQLException {
    Timestamp last = rs.getTimestamp("last_allocated_at");
    return new SooProfile(rs.getString("user_id"), rs.getString("rank"), rs.getString("department"),
        rs.getString("staff_number"), rs.getBoolean("available"), rs.getString("excluded_role"),
        last == null ? null : last.toInstant());
  }
}
