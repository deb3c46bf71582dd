package uk.police.daoversight.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.police.daoversight.support.LocalPostgres;

/**
 * The database's own ceiling for what the engine needs most: small write transactions. Each
 * client updates its own row and commits, as fast as it can, on a fresh database: a Java loop over
 * JDBC on every target, and PostgreSQL's pgbench with the same one-row script where it is installed.
 */
final class DatabaseCeiling {

  static final Path PGBENCH = Path.of("/usr/bin/pgbench");
  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

  record Result(String method, int clients, double commitsPerSecond) {}

  private DatabaseCeiling() {}

  static List<Result> measure(Target target, Duration duration) throws Exception {
    List<Result> results = new ArrayList<>();
    try (FreshDatabase db = target.freshDatabase("ceiling")) {
      try (Connection c = db.connect(); Statement sql = c.createStatement()) {
        sql.execute("create table ceiling (id int primary key, n bigint not null)");
        sql.execute("insert into ceiling (id, n) values (1, 0), (2, 0)");
      }
      for (int clients = 1; clients <= 2; clients++) {
        results.add(new Result("Java JDBC loop", clients, javaLoop(db, clients, duration)));
      }
      if (target == Target.POSTGRES && Files.isExecutable(PGBENCH)) {
        for (int clients = 1; clients <= 2; clients++) {
          results.add(new Result("pgbench", clients, pgbench(db, clients, duration)));
        }
      }
    }
    return results;
  }

  private static double javaLoop(FreshDatabase db, int clients, Duration duration) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      long end = System.nanoTime() + duration.toNanos();
      for (int client = 1; client <= clients; client++) {
        int row = client;
        counts.add(pool.submit(() -> commitLoop(db, row, end)));
      }
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total / (duration.toNanos() / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long commitLoop(FreshDatabase db, int row, long end) throws SQLException {
    try (Connection c = db.connect(); PreparedStatement update = c.prepareStatement("update ceiling set n = n + 1 where id = ?")) {
      c.setAutoCommit(false);
      update.setInt(1, row);
      long commits = 0;
      while (System.nanoTime() < end) {
        update.executeUpdate();
        c.commit();
        commits++;
      }
      return commits;
    }
  }

  private static double pgbench(FreshDatabase db, int clients, Duration duration) throws IOException, InterruptedException {
    Path script = Files.createTempFile("ceiling", ".sql");
    try {
      Files.writeString(script, "update ceiling set n = n + 1 where id = :client_id + 1;\n");
      ProcessBuilder builder = new ProcessBuilder(PGBENCH.toString(), "-n", "-c", String.valueOf(clients), "-j",
          String.valueOf(clients), "-T", String.valueOf(duration.toSeconds()), "-f", script.toString(),
          "-h", LocalPostgres.HOST, "-p", LocalPostgres.PORT, "-U", LocalPostgres.USER, db.name())
          .redirectErrorStream(true);
      if (!LocalPostgres.PASSWORD.isEmpty()) {
        builder.environment().put("PGPASSWORD", LocalPostgres.PASSWORD);
      }
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("pgbench failed: " + output);
      }
      Matcher tps = TPS.matcher(output);
      if (!tps.find()) {
        throw new IllegalStateException("No tps in pgbench's output: " + output);
      }
      return Double.parseDouble(tps.group(1));
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
