package uk.police.daoversight.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.police.daoversight.support.LocalPostgres;

/** What the figures were measured on, for the report. */
final class MachineInfo {

  private MachineInfo() {}

  static Map<String, String> describe(List<Target> targets) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CPU", firstLine("/proc/cpuinfo", "model name").replaceFirst("^model name\\s*:\\s*", "") + ", "
        + Runtime.getRuntime().availableProcessors() + " cores available");
    m.put("Memory", firstLine("/proc/meminfo", "MemTotal").replaceFirst("^MemTotal:\\s*", ""));
    m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + ", benchmark JVM max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    m.put("H2", org.h2.engine.Constants.VERSION);
    if (targets.contains(Target.POSTGRES)) {
      m.put("PostgreSQL", postgres());
    }
    return m;
  }

  /** The 1, 5 and 15 minute load averages: the machine is shared, so say how busy it was. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String postgres() {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + LocalPostgres.HOST + ":"
        + LocalPostgres.PORT + "/postgres", LocalPostgres.USER, LocalPostgres.PASSWORD);
         Statement sql = c.createStatement()) {
      StringBuilder out = new StringBuilder();
      try (ResultSet rs = sql.executeQuery("show server_version")) {
        rs.next();
        out.append(rs.getString(1)).append(" at ").append(LocalPostgres.HOST).append(":").append(LocalPostgres.PORT);
      }
      try (ResultSet rs = sql.executeQuery("select name, setting, unit from pg_settings where name in "
          + "('shared_buffers', 'synchronous_commit', 'fsync', 'wal_sync_method', 'work_mem', 'random_page_cost') order by name")) {
        while (rs.next()) {
          out.append(", ").append(rs.getString(1)).append("=").append(rs.getString(2))
              .append(rs.getString(3) == null ? "" : " × " + rs.getString(3));
        }
      }
      return out.toString();
    } catch (SQLException e) {
      return "not reachable: " + e.getMessage();
    }
  }

  private static String firstLine(String file, String prefix) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
