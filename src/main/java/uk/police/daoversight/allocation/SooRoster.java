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
