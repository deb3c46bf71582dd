package uk.police.daoversight.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Staff as HR knows them: staff number, department and line manager, by user id. */
@Repository
public class StaffDirectory {

  public record Staff(String userId, String staffNumber, String department, String lineManager) {}

  private final JdbcTemplate jdbc;

  public StaffDirectory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void save(Staff staff) {
    jdbc.update("delete from staff_directory where user_id = ?", staff.userId());
    jdbc.update("insert into staff_directory (user_id, staff_number, department, line_manager) values (?,?,?,?)",
        staff.userId(), staff.staffNumber(), staff.department(), staff.lineManager());
  }

  public Optional<Staff> find(String userId) {
    return jdbc.query("select * from staff_directory where user_id = ?", (rs, i) -> map(rs), userId).stream().findFirst();
  }

  public Optional<Staff> byStaffNumber(String staffNumber) {
    if (staffNumber == null || staffNumber.isBlank()) {
      return Optional.empty();
    }
    return jdbc.query("select * from staff_directory where upper(staff_number) = upper(?)", (rs, i) -> map(rs), staffNumber.trim())
        .stream().findFirst();
  }

  /** The rank the force's directory gives someone (from the HR feed's {@code rank} column); empty when not known. */
  public Optional<String> rankOf(String userId) {
    return jdbc.queryForList("select staff_rank from staff_directory where user_id = ?", String.class, userId).stream()
        .filter(java.util.Objects::nonNull).findFirst();
  }

  /** Sets someone's rank in the directory (the demo's chief inspectors; the HR feed sets it on import). */
  public void setRank(String userId, String rank) {
    jdbc.update("update staff_directory set staff_rank = ? where user_id = ?", rank, userId);
  }

  /** The line of command above someone: their line manager, that manager's, and so on. */
  public List<String> lineOfCommand(String userId) {
    List<String> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String current = find(userId).map(Staff::lineManager).orElse(null);
    while (current != null && seen.add(current) && chain.size() < 20) {
      chain.add(current);
      current = find(current).map(Staff::lineManager).orElse(null);
    }
    return chain;
  }

  private static Staff map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Staff(rs.getString("user_id"), rs.getString("staff_number"), rs.getString("department"), rs.getString("line_manager"));
  }
}
