package uk.police.daoversight.panel;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The maintained taxonomy of learning themes (analysts add, rename and retire them). */
@Repository
public class Themes {

  public record Theme(String id, String name) {}

  private final JdbcTemplate jdbc;

  public Themes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Theme> active() {
    return jdbc.query("select id, name from theme where active = true order by name",
        (rs, i) -> new Theme(rs.getString("id"), rs.getString("name")));
  }

  /** The active themes as Camunda Forms options: [{"label": name, "value": id}]. */
  public List<Map<String, String>> formOptions() {
    return active().stream().map(t -> Map.of("label", t.name(), "value", t.id())).toList();
  }

  public boolean isActive(String id) {
    Integer n = jdbc.queryForObject("select count(*) from theme where id = ? and active = true", Integer.class, id);
    return n != null && n > 0;
  }
}
