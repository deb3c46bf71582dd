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
import uk.police.daoversight.audit.CaseAnswers;

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
    Instant finished = Instant.now();
    String markdown;
    try {
      markdown = report.render(runs, startup, finished, MachineInfo.loadAverage(), PreviousReport.read(settings.report()));
    } catch (RuntimeException carryOverFailed) {
      // The figures of this run matter more than what an earlier run measured.
      markdown = report.render(runs, startup, finished, MachineInfo.loadAverage());
    }
    System.out.println(markdown);
    Files.writeString(settings.report(), markdown);
  }

  private static TargetRun run(Target target, BenchSettings s) throws Exception {
    TargetRun run = new TargetRun(target);
    if (s.runs("ceiling")) {
      run.ceiling.addAll(DatabaseCeiling.measure(target, Duration.ofSeconds(s.ceilingSeconds())));
    }
    List<String> soos = BenchmarkPeople.sooIds(s.soos());
    boolean atScale = s.runs("reads") || s.runs("agenda") || s.runs("timers");
    if (!s.runs("lifecycle") && !atScale) {
      return run;
    }
    try (FreshDatabase db = target.freshDatabase("app"); OversightApp app = OversightApp.start(db, "bench" + target.id())) {
      run.jobExecution = app.jobExecution();
      BenchmarkPeople.add(app, s.soos());
      TimedStarts starts = new TimedStarts(new OversightCaseModel(app, new BenchmarkReferrals("L")));
      CaseAnswers caseAnswers = app.bean(CaseAnswers.class);
      // At scale, the application as shipped: each person reads as Tasklist does, every answer audited.
      CaseWalk asPeople = new CaseWalk(app.engine(), starts, true, (user, groups, method, path, entity) ->
          caseAnswers.record(new CaseAnswers.Answer(user, groups, method, path, 200, entity, null, java.util.Map.of())));
      int walked = 0;
      if (s.runs("lifecycle")) {
        // The plain engine and the application side by side, in rounds, each safeguard on and off (Safeguards).
        try (FreshDatabase baseDb = target.freshDatabase("base"); BaselineEngine base = new BaselineEngine(baseDb, "baseline" + target.id())) {
          run.safeguards = Safeguards.run(s.variants(), base,
              new CaseWalk(base.engine(), base.caseModel(soos), true, CaseWalk.Answers.UNRECORDED), app, starts,
              s.warmupCases(), s.rounds(), s.casesPerRound());
        }
        run.ratios = Safeguards.ratios(run.safeguards);
        Safeguards.Figures plain = run.safeguards.get(Safeguards.Variant.PLAIN);
        run.baseline = plain == null ? null : plain.lifecycle();
        run.application = run.safeguards.get(Safeguards.Variant.SHIPPED).lifecycle();
        run.referralStartFresh = starts.last(s.cases());
        walked = starts.count();
      }
      if (atScale) {
        CaseWalk seeding = new CaseWalk(app.engine(), new OversightCaseModel(app, new BenchmarkReferrals("S")), false);
        run.seeded = OpenCaseSeeder.seed(app, db, seeding, soos, s.contactStageCases(), s.openCases() - s.contactStageCases(), 0,
            s.copyHistory());
        if (s.runs("lifecycle")) {
          run.applicationAtScale = LifecycleBenchmark.run("application at scale", app.engine(), asPeople, app.commits(),
              walked, 0, s.casesAtScale());
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
