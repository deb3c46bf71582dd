package uk.police.daoversight.benchmark;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark 4: the seeded cases' 72-hour contact timers fire under the job executor exactly as
 * application.yaml configures it. First a trickle (single timers a few seconds apart: how late one
 * timer fires on an idle executor), then the burst: every other one due at the same instant. Due
 * dates are moved in the job table (one UPDATE), not by moving the engine's clock, so that due
 * time and firing time are both wall-clock times; firing time is the job log's success entry.
 */
final class TimerBenchmark {

  static final Duration LEAD = Duration.ofSeconds(5);
  static final Duration TRICKLE_SPACING = Duration.ofSeconds(3);
  static final Duration DRAIN_LIMIT = Duration.ofMinutes(20);

  record Result(int trickle, Samples trickleLatenessMillis, int burst, Samples burstLatenessMillis, double drainSeconds,
                int failedAttempts) {
    double jobsPerSecond() {
      return burst / drainSeconds;
    }
  }

  private TimerBenchmark() {}

  static Result run(OversightApp app, int trickle, int burst) throws InterruptedException {
    ClockUtil.reset();
    JdbcTemplate jdbc = app.jdbc();
    String definition = jdbc.queryForObject("select id_ from act_ru_jobdef where act_id_ = 'contactOverdue'", String.class);
    List<String> timers = jdbc.queryForList("select id_ from act_ru_job where job_def_id_ = ? order by id_", String.class, definition);
    if (timers.size() != trickle + burst) {
      throw new AssertionError(timers.size() + " 72-hour timers pending; expected " + (trickle + burst));
    }
    long chasesBefore = chases(jdbc);
    // A quarter of the seeded cases are past their deadline already: nothing may fire before it is measured.
    jdbc.update("update act_ru_job set duedate_ = ? where job_def_id_ = ?",
        new Timestamp(System.currentTimeMillis() + Duration.ofDays(1).toMillis()), definition);
    app.jobExecutor().start();
    try {
      long start = System.currentTimeMillis() + LEAD.toMillis();
      for (int k = 0; k < trickle; k++) {
        jdbc.update("update act_ru_job set duedate_ = ? where id_ = ?",
            new Timestamp(start + k * TRICKLE_SPACING.toMillis()), timers.get(k));
      }
      waitUntilFired(jdbc, definition, burst);
      Timestamp due = new Timestamp(System.currentTimeMillis() + LEAD.toMillis());
      jdbc.update("update act_ru_job set duedate_ = ? where job_def_id_ = ?", due, definition);
      waitUntilFired(jdbc, definition, 0);
    } finally {
      app.jobExecutor().shutdown();
    }

    List<String> trickleIds = timers.subList(0, trickle);
    Samples trickleLateness = trickle == 0 ? null : lateness(jdbc, definition, trickleIds, true);
    Samples burstLateness = lateness(jdbc, definition, trickleIds, false);
    long fired = chases(jdbc) - chasesBefore;
    if (burstLateness.count() != burst || fired != trickle + burst) {
      throw new AssertionError("Timers: " + burstLateness.count() + " of the burst's " + burst + " fired successfully; "
          + fired + " overdue-contact chases created for " + (trickle + burst) + " timers");
    }
    Integer failed = jdbc.queryForObject("select count(*) from act_hi_job_log where job_def_id_ = ? and job_state_ = 1",
        Integer.class, definition);
    return new Result(trickle, trickleLateness, burst, burstLateness, burstLateness.max() / 1000.0, failed == null ? 0 : failed);
  }

  private static long chases(JdbcTemplate jdbc) {
    Long n = jdbc.queryForObject("select count(*) from act_ru_task where task_def_key_ = 'chaseOverdueContact'", Long.class);
    return n == null ? 0 : n;
  }

  /** Polls until only {@code remaining} timers are left (the job executor deletes a timer that fired). */
  private static void waitUntilFired(JdbcTemplate jdbc, String definition, int remaining) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    while (count(jdbc, definition) > remaining) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(count(jdbc, definition) + " timers still pending after " + DRAIN_LIMIT);
      }
      Thread.sleep(200);
    }
  }

  private static int count(JdbcTemplate jdbc, String definition) {
    Integer n = jdbc.queryForObject("select count(*) from act_ru_job where job_def_id_ = ?", Integer.class, definition);
    return n == null ? 0 : n;
  }

  /** Milliseconds from due date to the successful execution, from the job log. */
  private static Samples lateness(JdbcTemplate jdbc, String definition, List<String> trickleIds, boolean ofTrickle) {
    List<Double> late = jdbc.query("select job_id_, job_duedate_, timestamp_ from act_hi_job_log where job_def_id_ = ? and job_state_ = 2",
        (rs, i) -> trickleIds.contains(rs.getString(1)) == ofTrickle
            ? (double) (rs.getTimestamp(3).getTime() - rs.getTimestamp(2).getTime()) : null, definition)
        .stream().filter(v -> v != null).toList();
    return Samples.of(late.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
