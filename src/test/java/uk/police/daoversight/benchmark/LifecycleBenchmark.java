package uk.police.daoversight.benchmark;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * Benchmark 1: cases from referral to approved closure, one after the other through the engine API
 * ({@link CaseWalk#whole}), after a warm-up; cases per second and database commits per case.
 */
final class LifecycleBenchmark {

  record Result(String engine, int cases, double seconds, CommitCountingDataSource.Counts commits, Samples perCaseMillis,
                Map<String, Double> meanStepMillis) {
    double casesPerSecond() {
      return cases / seconds;
    }

    double commitsPerCase() {
      return (double) commits.commits() / cases;
    }

    double writeCommitsPerCase() {
      return (double) commits.writeCommits() / cases;
    }

    /** Write commits the database had to make durable per second, while this ran. */
    double writeCommitsPerSecond() {
      return commits.writeCommits() / seconds;
    }
  }

  private LifecycleBenchmark() {}

  /**
   * Walks {@code warmup} cases untimed, then {@code cases} timed (case numbers from
   * {@code firstIndex}); checks every timed case ended at "Case closed" and fails the benchmark otherwise.
   */
  static Result run(String engineLabel, ProcessEngine engine, CaseWalk walk, CommitCountingDataSource counter,
                    int firstIndex, int warmup, int cases) {
    for (int i = 0; i < warmup; i++) {
      walk.whole(firstIndex + i);
    }
    walk.resetStepTimes();
    Set<String> timed = new HashSet<>();
    long[] perCase = new long[cases];
    CommitCountingDataSource.Counts before = counter.counts();
    long start = System.nanoTime();
    for (int i = 0; i < cases; i++) {
      long t = System.nanoTime();
      timed.add(walk.whole(firstIndex + warmup + i).processInstanceId());
      perCase[i] = System.nanoTime() - t;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    CommitCountingDataSource.Counts commits = counter.counts().minus(before);
    assertAllClosed(engine.getHistoryService(), walk.model().processDefinitionKey(), timed);
    return new Result(engineLabel, cases, seconds, commits, Samples.ofNanos(perCase), walk.meanStepMillis());
  }

  static void assertAllClosed(HistoryService history, String process, Set<String> ids) {
    long closed = history.createHistoricProcessInstanceQuery().processDefinitionKey(process).processInstanceIds(ids)
        .completed().executedActivityIdIn("caseClosed").count();
    if (closed != ids.size()) {
      throw new AssertionError(process + ": " + closed + " of " + ids.size() + " timed cases reached \"Case closed\"");
    }
  }
}
