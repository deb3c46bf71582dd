package uk.police.daoversight.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue #9: every benchmark against every target database in one run; prints the tables and writes
 * BENCHMARKS.md. Tagged {@code benchmark}, so only {@code mvn -B -Pbenchmarks test} runs it; sizes
 * and parts are chosen with {@code -Dbench.*} (see {@link BenchSettings}). Each benchmark checks
 * that what it timed really happened (cases closed, timers fired, reads answered) and fails otherwise.
 */
@Tag("benchmark")
class BenchmarkSuiteTest {

  @Test
  void measuresEverythingAndWritesBenchmarksMd() throws Exception {
    BenchSettings settings = BenchSettings.fromSystemProperties();
    // The plain baseline engine starts before any Spring context has configured logging.
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    Report report = new Report(settings, MachineInfo.describe(settings.targets()), Instant.now(), MachineInfo.loadAverage());
    List<TargetRun> runs = new ArrayList<>();
    for (Target target : settings.targets()) {
      runs.add(run(target, settings));
    }
    List<StartupBenchmark.Result> startup = settings.runs("startup")
        ? StartupBenchmark.run(settings.startupRuns(), settings.startupJvmArgs(), Path.of("target", "benchmark"))
        : List.of();
    String markdown = report.render(runs, startup, Instant.now(), MachineInfo.loadAverage());
    System.out.println(markdown);
    Files.writeString(settings.report(), markdown);
  }

  private static TargetRun run(Target target, BenchSettings s) throws Exception {
    TargetRun run = new TargetRun(target);
    if (s.runs("ceiling")) {
      run.ceiling.addAll(DatabaseCeiling.measure(target, Duration.ofSeconds(s.ceilingSeconds())));
    }
    List<String> soos = BenchmarkPeople.sooIds(s.soos());
    if (s.runs("lifecycle")) {
      try (FreshDatabase db = target.freshDatabase("base"); BaselineEngine base = new BaselineEngine(db, "baseline" + target.id())) {
        run.baseline = LifecycleBenchmark.run("baseline", base.engine(), new CaseWalk(base.engine(), base.caseModel(soos), true),
            base.commits(), 0, s.warmupCases(), s.cases());
      }
    }
    boolean atScale = s.runs("reads") || s.runs("agenda") || s.runs("timers");
    if (!s.runs("lifecycle") && !atScale) {
      return run;
    }
    try (FreshDatabase db = target.freshDatabase("app"); OversightApp app = OversightApp.start(db, "bench" + target.id())) {
      run.jobExecution = app.jobExecution();
      BenchmarkPeople.add(app, s.soos());
      TimedStarts starts = new TimedStarts(new OversightCaseModel(app, new BenchmarkReferrals("L")));
      CaseWalk asPeople = new CaseWalk(app.engine(), starts, true);
      if (s.runs("lifecycle")) {
        run.application = LifecycleBenchmark.run("application", app.engine(), asPeople, app.commits(), 0, s.warmupCases(), s.cases());
        run.referralStartFresh = starts.last(s.cases());
      }
      if (atScale) {
        CaseWalk seeding = new CaseWalk(app.engine(), new OversightCaseModel(app, new BenchmarkReferrals("S")), false);
        run.seeded = OpenCaseSeeder.seed(app, db, seeding, soos, s.contactStageCases(), s.openCases() - s.contactStageCases(), 0,
            s.copyHistory());
        if (s.runs("lifecycle")) {
          run.applicationAtScale = LifecycleBenchmark.run("application at scale", app.engine(), asPeople, app.commits(),
              s.warmupCases() + s.cases(), 0, s.casesAtScale());
          run.referralStartAtScale = starts.last(s.casesAtScale());
        }
        if (s.runs("reads")) {
          run.reads = ReadsBenchmark.run(app, soos, s.queryWarmup(), s.querySamples(), Duration.ofSeconds(s.readSeconds()));
          run.prefilter = ReadsBenchmark.prefilter(app, run.seeded.open(), s.queryWarmup(), s.querySamples());
        }
        if (s.runs("agenda")) {
          run.agenda = AgendaBenchmark.run(app, s.waitingCases(), s.agendaWarmup(), s.agendaRuns());
        }
        if (s.runs("timers")) {
          run.timers = TimerBenchmark.run(app, s.trickleTimers(), s.timers());
        }
      }
    }
    return run;
  }
}
