package uk.police.daoversight.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads every engine table (ACT_*) for the given strings, in text and binary columns. */
public final class EngineTables {

  private EngineTables() {}

  public static List<String> scan(JdbcTemplate jdbc, List<String> secrets) {
    List<String> tables = jdbc.queryForList(
        "select table_name from information_schema.tables where upper(table_name) like 'ACT!_%' escape '!'", String.class);
    assertThat(tables).as("engine tables found").hasSizeGreaterThan(40);
    List<String> leaks = new ArrayList<>();
    for (String table : tables) {
      jdbc.query("select * from " + table, rs -> {
        int columns = rs.getMetaData().getColumnCount();
        for (int c = 1; c <= columns; c++) {
          Object value = rs.getObject(c);
          String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
          for (String secret : secrets) {
            if (text.contains(secret)) {
              leaks.add(table + "." + rs.getMetaData().getColumnName(c) + " holds " + secret);
            }
          }
        }
      });
    }
    return leaks;
  }
}
