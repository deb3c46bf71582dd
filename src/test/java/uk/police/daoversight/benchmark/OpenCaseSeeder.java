package uk.police.daoversight.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import uk.police.daoversight.intake.CaseCodeGenerator;

/**
 * Fills the database with open cases, fast and honestly. Walking 50,000 cases through the engine
 * would take hours here (some ten cases a second on 2 cores, one client), so
 * a few template cases per stage are walked through the engine API (authorization checks off: no one
 * is logged in) and the rest are row-for-row copies of them ({@link CaseCloner}), each with its own
 * SOO, spread over the roster, and its own age:
 * <ul>
 *   <li>"Contact victim" stage (the 72-hour timer pending): allocated up to 96 hours ago, so about a
 *       quarter are past their contact deadline, as the coordinator's overdue list expects;</li>
 *   <li>oversight stage ("Update case", 28-day reminder pending): allocated up to 27 days ago.</li>
 * </ul>
 * Copies carry every runtime, authorization and application row; their history (ACT_HI_*, which
 * none of the measured reads or jobs reads) only with {@code bench.copyHistory=true}, which triples
 * the rows (and, in H2's memory, outgrows a 6 GB heap at 50,000 cases). The copies are written on
 * two connections at once; then the database's statistics are refreshed (VACUUM ANALYZE on
 * PostgreSQL), as autovacuum would after such growth.
 */
final class OpenCaseSeeder {

  static final int TEMPLATES_PER_STAGE = 20;
  private static final int COPIES_PER_COMMIT = 250;
  private static final int LOADERS = 2;

  /** How the open cases came to be. */
  record Seeded(int contactStage, int oversightStage, int templates, double templateSeconds, long rowsCopied,
                boolean historyCopied, double copySeconds, List<String> longestStrings) {
    int open() {
      return contactStage + oversightStage;
    }
  }

  private OpenCaseSeeder() {}

  static Seeded seed(OversightApp app, FreshDatabase database, CaseWalk walk, List<String> soos, int contactStage,
                     int oversightStage, int firstIndex, boolean history) throws SQLException {
    long t0 = System.nanoTime();
    List<CaseWalk.OpenCase> contactTemplates = new ArrayList<>();
    List<CaseWalk.OpenCase> oversightTemplates = new ArrayList<>();
    int index = firstIndex;
    for (int i = 0; i < Math.min(TEMPLATES_PER_STAGE, contactStage); i++) {
      contactTemplates.add(walk.toContact(index++));
    }
    for (int i = 0; i < Math.min(TEMPLATES_PER_STAGE, oversightStage); i++) {
      CaseWalk.OpenCase c = walk.toContact(index++);
      walk.toOversight(c);
      oversightTemplates.add(c);
    }
    double templateSeconds = (System.nanoTime() - t0) / 1e9;

    long t1 = System.nanoTime();
    Queue<Load> loads = new ConcurrentLinkedQueue<>();
    try (Connection connection = database.connect()) {
      CaseCloner cloner = new CaseCloner(connection);
      Set<String> codes = existingCaseCodes(connection);
      CaseCodeGenerator generator = app.bean(CaseCodeGenerator.class);
      plan(loads, connection, cloner, contactTemplates, contactStage - contactTemplates.size(), soos, codes, generator,
          Duration.ofHours(96));
      plan(loads, connection, cloner, oversightTemplates, oversightStage - oversightTemplates.size(), soos, codes, generator,
          Duration.ofDays(27));
      long rows = load(database, cloner, loads, history);
      try (Statement sql = connection.createStatement()) {
        // What autovacuum would do after such growth: statistics, and PostgreSQL's visibility map.
        sql.execute(database.target() == Target.POSTGRES ? "vacuum analyze" : "analyze");
      }
      double copySeconds = (System.nanoTime() - t1) / 1e9;
      Seeded seeded = new Seeded(contactStage, oversightStage, contactTemplates.size() + oversightTemplates.size(),
          templateSeconds, rows, history, copySeconds, longestStrings(app));
      assertSeeded(app, seeded);
      return seeded;
    }
  }

  /** Some copies of one template, written and committed together. */
  private record Load(CaseCloner.Template template, List<CaseCloner.Copy> copies) {}

  /** Captures the templates and divides their copies into loads, each copy with its code, SOO and age. */
  private static void plan(Queue<Load> loads, Connection connection, CaseCloner cloner, List<CaseWalk.OpenCase> templates,
                           int copies, List<String> soos, Set<String> codes, CaseCodeGenerator generator, Duration maxAge)
      throws SQLException {
    List<CaseCloner.Template> captured = new ArrayList<>();
    List<List<CaseCloner.Copy>> perTemplate = new ArrayList<>();
    for (CaseWalk.OpenCase t : templates) {
      captured.add(cloner.capture(connection, t.processInstanceId(), t.businessKey(), t.soo()));
      perTemplate.add(new ArrayList<>());
    }
    long maxAgeMinutes = maxAge.toMinutes();
    for (int k = 0; k < copies; k++) {
      // A fixed scatter (7919 is prime) spreads the ages evenly without a random source.
      long ageMinutes = (k * 7919L) % maxAgeMinutes;
      perTemplate.get(k % captured.size()).add(new CaseCloner.Copy(uniqueCode(codes, generator),
          soos.get(k % soos.size()), -Duration.ofMinutes(ageMinutes).toMillis()));
    }
    for (int t = 0; t < captured.size(); t++) {
      List<CaseCloner.Copy> all = perTemplate.get(t);
      for (int from = 0; from < all.size(); from += COPIES_PER_COMMIT) {
        loads.add(new Load(captured.get(t), all.subList(from, Math.min(all.size(), from + COPIES_PER_COMMIT))));
      }
    }
  }

  /** Writes the loads on {@value #LOADERS} connections at once (the database uses both cores); returns the rows written. */
  private static long load(FreshDatabase database, CaseCloner cloner, Queue<Load> loads, boolean history)
      throws SQLException {
    ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
    try {
      List<Future<Long>> written = new ArrayList<>();
      for (int i = 0; i < LOADERS; i++) {
        written.add(loaders.submit(() -> {
          long rows = 0;
          try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            for (Load load = loads.poll(); load != null; load = loads.poll()) {
              rows += cloner.insert(connection, load.template(), load.copies(), history);
              connection.commit();
            }
          }
          return rows;
        }));
      }
      long rows = 0;
      for (Future<Long> w : written) {
        rows += w.get();
      }
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      loaders.shutdownNow();
    }
  }

  private static String uniqueCode(Set<String> codes, CaseCodeGenerator generator) {
    String code = generator.next();
    while (!codes.add(code)) {
      code = generator.next();
    }
    return code;
  }

  private static Set<String> existingCaseCodes(Connection connection) throws SQLException {
    Set<String> codes = new HashSet<>();
    try (Statement sql = connection.createStatement(); var rs = sql.executeQuery("select case_code from case_identity")) {
      while (rs.next()) {
        codes.add(rs.getString(1));
      }
    }
    return codes;
  }

  /**
   * The string variables closest to the engine's limit (4,000 characters in ACT_RU_VARIABLE.TEXT_), as
   * "name: longest length"; names and lengths only, never values.
   */
  private static List<String> longestStrings(OversightApp app) {
    return app.jdbc().query("select name_, max(length(text_)) from act_ru_variable where type_ = 'string' and text_ is not null "
        + "group by name_ order by 2 desc limit 3", (rs, i) -> rs.getString(1) + ": " + rs.getInt(2));
  }

  /** The engine sees every seeded case: open instances, their tasks and their timers. */
  private static void assertSeeded(OversightApp app, Seeded seeded) {
    var runtime = app.engine().getRuntimeService();
    var tasks = app.engine().getTaskService();
    long open = runtime.createProcessInstanceQuery().processDefinitionKey(OversightCaseModel.PROCESS).count();
    long contact = tasks.createTaskQuery().taskDefinitionKey("contactVictim").count();
    long update = tasks.createTaskQuery().taskDefinitionKey("updateCase").count();
    long timers = app.engine().getManagementService().createJobQuery().activityId("contactOverdue").count();
    if (open != seeded.open() || contact != seeded.contactStage() || update != seeded.oversightStage()
        || timers != seeded.contactStage()) {
      throw new AssertionError("Seeding: " + open + " open cases (expected " + seeded.open() + "), " + contact
          + " at Contact victim (" + seeded.contactStage() + "), " + update + " at Update case ("
          + seeded.oversightStage() + "), " + timers + " 72-hour timers (" + seeded.contactStage() + ")");
    }
  }
}
