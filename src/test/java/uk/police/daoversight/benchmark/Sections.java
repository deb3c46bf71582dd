package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;

/** The report's tables and fixed texts. */
final class Sections {

  private Sections() {}

  static String howToRun() {
    return """
        ## How to run

        ```
        %s                       # everything, the issue's sizes (about 30 min on 2 cores)
        %s -Dbench.targets=h2 -Dbench.cases=20 -Dbench.openCases=2000 -Dbench.timers=500   # a quick look
        ```

        Needs the local PostgreSQL (`DB_HOST`, `DB_PORT`, `DB_USER`, `DB_PASSWORD` as for the application;
        default 127.0.0.1:5432, user postgres); every database is created fresh and dropped afterwards.
        `-Dbench.only=lifecycle,reads,agenda,timers,startup,ceiling` picks parts (what a run leaves out is
        carried over from the BENCHMARKS.md it replaces, marked with that run's date); every size is a
        `-Dbench.*` property (table at the end). The default build (`mvn -B verify`) never runs the
        benchmarks: they are JUnit 5 tests tagged `benchmark`, which the default Surefire configuration excludes.

        How each figure is obtained:

        - **Lifecycle**: one client walks cases one after the other through the engine API: referral (as the
          coordinator), review history, allocate as recommended, the allocation's save point, case pack and
          first contact (as the SOO), the contact plan's save point, the panel's outcome with one action (as the
          panel's "Send outcome" step hands it over), the action done, closure requested, the update's save
          point, closure approved, final conversation, the closing save point: 8 user tasks, 4 jobs, 1 message.
          Each person's step runs with their authentication, so authorization is checked as for Tasklist; jobs
          run as the job executor would run them (executed by the benchmark, so no acquisition waits). The
          baseline walks the same steps on `src/test/resources/benchmark/baselineCase.bpmn` (same shape, no
          listeners, delegates, vault or authorization) on a plain engine with its own fresh database.
          Before sending each form the person reads as Tasklist does: the task and the form's variables.
          The plain engine and the application run side by side in `bench.rounds` rounds, each round walking
          `bench.cases / bench.rounds` cases through every variant of `bench.variants` in turn (the order reversed
          every other round): PLAIN (the baseline), NONE, AUDIT, SEALING (the application with only that safeguard
          on), SHIPPED (both, as shipped), UNCACHED (as shipped but no key cache). Ratios are taken round by round.
          Commits are counted at the JDBC connection, the same counter for both and for H2 and PostgreSQL (PostgreSQL's
          pg_stat_database is per database but updated lazily, and counts the plain engine's read-only transactions,
          which MyBatis rolls back, apart from Spring's, which commit): a *write* commit is a transaction that changed
          something, i.e. what the database must flush, and what its commit ceiling measures.
        - **Ceiling**: each client updates its own row and commits, for `bench.ceilingSeconds`; pgbench with the
          same one-row script on PostgreSQL.
        - **Open cases**: walking 50,000 referrals through the engine would take hours here (about ten cases a
          second, see the lifecycle), so 20 template cases per stage are walked through the engine API
          (no one logged in, so no authorization checks), and the rest are row-for-row copies of them in every runtime,
          authorization and application table (fresh ids, case codes, made-up people, SOOs spread over the roster,
          times spread over the last days), then `VACUUM ANALYZE` as autovacuum would: see `OpenCaseSeeder`, `CaseCloner`.
        - **Reads**: the engine API calls behind Tasklist's filter list (first page, newest first), its filter
          counts, a coordinator's overdue-contact list and Cockpit's process list, each as the person, in turn with
          authorization as shipped, with it and Camunda's own group prefilter (which the application skips for
          people in few groups), and without it; the three answers must agree.
        - **Agenda**: the "Draw up the agenda" work (DMN triage and slot once per distinct input of the waiting
          cases, their SOOs in one query, packing, saving, summaries) in one transaction, as the job runs it; the job
          itself is also run once.
        - **Timers**: the 72-hour timers' due dates are moved in the job table; the job executor runs as
          application.yaml configures it; firing time is the job log's success entry.
        - **Start-up**: child JVMs, same classpath and options, in-memory H2, launched alternately; ready means
          `/actuator/health/readiness` answers 200; memory is VmRSS at that moment.

        """.formatted(Report.COMMAND, Report.COMMAND);
  }

  static List<Table> tables(List<TargetRun> runs, List<StartupBenchmark.Result> startup, BenchSettings settings) {
    List<Table> tables = new ArrayList<>();
    tables.add(lifecycle(runs));
    tables.add(safeguards(runs));
    tables.add(ratios(runs));
    tables.add(lifecycleSteps(runs));
    tables.add(ceiling(runs));
    tables.add(seeding(runs));
    tables.add(reads(runs));
    tables.add(prefilter(runs));
    tables.add(referralStarts(runs));
    tables.add(agenda(runs));
    tables.add(timers(runs));
    tables.add(startup(startup));
    return tables;
  }

  private static Table lifecycle(List<TargetRun> runs) {
    Table t = new Table("1. Case lifecycle, referral to approved closure", "database", "engine", "cases", "cases/s",
        "ms/case p50", "ms/case p95", "commits/case", "write commits/case", "write commits/s", "of 1-client ceiling");
    for (TargetRun run : runs) {
      DatabaseCeiling.Result ceiling = run.singleClientCeiling();
      for (LifecycleBenchmark.Result r : new LifecycleBenchmark.Result[] {run.baseline, run.application, run.applicationAtScale}) {
        if (r != null) {
          String engine = r == run.applicationAtScale ? "application, " + run.seeded.open() + " cases open" : r.engine();
          t.row(run.target.label(), engine, r.cases(), r.casesPerSecond(), r.perCaseMillis().p50(), r.perCaseMillis().p95(),
              r.commitsPerCase(), r.writeCommitsPerCase(), r.writeCommitsPerSecond(),
              ceiling == null ? "–" : percent(r.writeCommitsPerSecond() / ceiling.commitsPerSecond()));
        }
      }
      if (run.lifecycleRatio() != null) {
        t.note(run.target.label() + ": the application runs at " + percent(run.lifecycleRatio()) + " of the baseline's cases/s.");
      }
    }
    return t.note("The plain engine rolls back read-only transactions where Spring commits them, so only write commits compare.");
  }

  /** Issues #16 and #17: the lifecycle with each safeguard on or off, from the same rounds. */
  private static Table safeguards(List<TargetRun> runs) {
    Table t = new Table("1a. Safeguards one at a time (the same rounds, interleaved)", "database", "variant", "cases",
        "cases/s (all rounds)", "cases/s per round, min–max", "ms/case p50", "ms/case p95", "write commits/case",
        "audit rows/case", "key look-ups/case", "KEK unwraps/case", "seal+open ms/case p50", "seal+open ms/case p95");
    for (TargetRun run : runs) {
      for (Safeguards.Figures f : run.safeguards.values()) {
        LifecycleBenchmark.Result r = f.lifecycle();
        Samples rounds = Samples.of(f.roundCasesPerSecond().stream().mapToDouble(Double::doubleValue).toArray());
        boolean app = f.variant() != Safeguards.Variant.PLAIN;
        boolean sealed = app && f.variant().sealing != uk.police.daoversight.vault.seal.SwitchableSeals.Mode.OFF;
        t.row(run.target.label(), f.variant().label, r.cases(), r.casesPerSecond(),
            Samples.format(rounds.min()) + "–" + Samples.format(rounds.max()), r.perCaseMillis().p50(), r.perCaseMillis().p95(),
            r.writeCommitsPerCase(), app ? (Object) f.auditRowsPerCase() : "–",
            sealed ? (Object) f.sealLookupsPerCase() : "–", sealed ? (Object) f.unwrapsPerCase() : "–",
            sealed ? (Object) f.sealMillisPerCase().p50() : "–", sealed ? (Object) f.sealMillisPerCase().p95() : "–");
      }
    }
    return t.note("Each round walks the same number of cases through every variant in turn, the order reversed every other "
            + "round (A,B,C, then C,B,A), so that the machine's other work weighs on all alike; one application serves every "
            + "application variant, switched between rounds (SwitchableSeals, and the audit of the reads on or off).")
        .note("Every person's step reads as Tasklist does before sending the form: the task (as a task list answer) and the "
            + "form's variables; with the read audit on, each answer goes to the access record exactly as engine-rest's "
            + "response filter hands it over (CaseAnswers: the cases it carried, one row per case in one batch, the chain, "
            + "the suspicious-access checks). HTTP itself is left out: it would add the same time to both sides of each ratio.")
        .note("Sealing off stores values unencrypted, with no case key (a benchmark-only seal); \"no key cache\" unwraps the "
            + "case's data key through the KEK on every use, as before the key cache. \"seal+open\" is the time spent in "
            + "VaultSeals (the case_key row, the key, AES-GCM) while walking one case: every seal and open of the case and "
            + "of the checks made for it.");
  }

  private static Table ratios(List<TargetRun> runs) {
    Table t = new Table("1b. Ratios of cases/s, round by round", "database", "ratio", "rounds", "median", "min", "max",
        "cost (1 − median)");
    for (TargetRun run : runs) {
      for (Safeguards.Ratio r : run.ratios) {
        t.row(run.target.label(), r.name(), r.perRound().count(), percent(r.perRound().p50()), percent(r.perRound().min()),
            percent(r.perRound().max()), percent(1 - r.perRound().p50()));
      }
    }
    return t.note("A ratio is taken within each round (both variants walked minutes apart at most), then summarised: the "
        + "spread is the rounds' lowest and highest.");
  }

  /** Where the application's time goes: each step's mean, against the baseline's same step. */
  private static Table lifecycleSteps(List<TargetRun> runs) {
    List<TargetRun> measured = runs.stream().filter(r -> r.application != null && r.baseline != null).toList();
    List<String> header = new ArrayList<>(List.of("step"));
    measured.forEach(r -> {
      String db = r.target.label().replaceFirst(" .*", "");
      header.addAll(List.of(db + " baseline", db + " application", db + " difference"));
    });
    Table t = new Table("Case lifecycle step by step (mean ms per case; each step includes finding the task or job)",
        header.toArray(String[]::new));
    if (measured.isEmpty()) {
      return t;
    }
    Set<String> steps = new LinkedHashSet<>(measured.get(0).application.meanStepMillis().keySet());
    measured.forEach(r -> steps.addAll(r.baseline.meanStepMillis().keySet()));
    for (String step : steps) {
      List<Object> cells = new ArrayList<>(List.of(step));
      for (TargetRun r : measured) {
        Double base = r.baseline.meanStepMillis().get(step);
        Double app = r.application.meanStepMillis().get(step);
        cells.add(base == null ? "–" : base);
        cells.add(app == null ? "–" : app);
        cells.add(base == null || app == null ? "–" : (Object) (app - base));
      }
      t.row(cells.toArray());
    }
    return t;
  }

  private static Table ceiling(List<TargetRun> runs) {
    Table t = new Table("Database commit ceiling (one-row update and commit per transaction)", "database", "method",
        "clients", "commits/s", "cases/s it would allow at the application's write commits/case");
    for (TargetRun run : runs) {
      for (DatabaseCeiling.Result c : run.ceiling) {
        t.row(run.target.label(), c.method(), c.clients(), c.commitsPerSecond(),
            run.application == null ? "–" : Samples.format(c.commitsPerSecond() / run.application.writeCommitsPerCase()));
      }
    }
    return t;
  }

  private static Table seeding(List<TargetRun> runs) {
    Table t = new Table("Open cases for benchmarks 2 to 4", "database", "open cases", "at Contact victim",
        "at Update case", "walked by the engine", "engine walk s", "rows copied", "history copied", "copying s");
    for (TargetRun run : runs) {
      OpenCaseSeeder.Seeded s = run.seeded;
      if (s != null) {
        t.row(run.target.label(), s.open(), s.contactStage(), s.oversightStage(), s.templates(), s.templateSeconds(),
            s.rowsCopied(), s.historyCopied() ? "yes" : "no", s.copySeconds());
      }
    }
    return t.note("The copies' history (ACT_HI_*) is copied only with -Dbench.copyHistory=true: no measured read or job "
        + "reads it, and it triples the rows to write. Runtime, authorization and application rows are always copied.");
  }

  private static Table reads(List<TargetRun> runs) {
    Table t = new Table("2. Reads at scale (ms)", "database", "read", "as", "rounds", "rows", "auth on p50", "p95", "p99",
        "auth on, Camunda's group prefilter p50", "p95 ", "auth off p50", "p95  ", "p99 ");
    for (TargetRun run : runs) {
      for (ReadsBenchmark.Result r : run.reads) {
        t.row(run.target.label() + (run.seeded == null ? "" : ", " + run.seeded.open() + " open"), r.name(), r.who(),
            r.authOn().count(), r.meanRows(),
            r.authOn().p50(), r.authOn().p95(), r.authOn().p99(), r.withCamundasPrefilter().p50(), r.withCamundasPrefilter().p95(),
            r.authOff().p50(), r.authOff().p95(), r.authOff().p99());
      }
    }
    return t.note("\"rows\" is the mean answer: tasks listed, tasks counted, or running instances counted; a read stops "
        + "sampling after bench.readSeconds (at least " + ReadsBenchmark.MIN_ROUNDS + " rounds), hence \"rounds\".")
        .note("\"auth on\" is the application as shipped, which skips Camunda's group prefilter for people in 20 groups "
            + "or fewer (GroupPrefilterThreshold); \"Camunda's group prefilter\" is the same with the engine's prefilter for "
            + "everyone, as Camunda ships it (see the next table); neither changes an answer.");
  }

  private static Table prefilter(List<TargetRun> runs) {
    Table t = new Table("Where authorization's time goes: Camunda's group prefilter, run by every request with authorization checks (ms)",
        "database", "authorization rows", "per open case", "as Camunda issues it p50", "p95", "with GROUP_ID_ IS NOT NULL p50", "p95 ");
    for (TargetRun run : runs) {
      ReadsBenchmark.Prefilter p = run.prefilter;
      if (p != null) {
        t.row(run.target.label(), p.authorizations(), (double) p.authorizations() / p.openCases(), p.asIssued().p50(),
            p.asIssued().p95(), p.notNull().p50(), p.notNull().p95());
      }
    }
    return t.note("SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A, once per engine command that checks "
        + "authorizations (camunda/camunda-bpm-platform#5485); no index can shorten a scan of every row. The application "
        + "skips it for people in 20 groups or fewer (GroupPrefilterThreshold), since it changes no answer.");
  }

  private static Table referralStarts(List<TargetRun> runs) {
    Table t = new Table("Referral start transaction (ms): on a fresh database and with the open cases", "database",
        "fresh p50", "fresh p95", "open cases", "at scale p50", "at scale p95");
    for (TargetRun run : runs) {
      if (run.referralStartFresh != null && run.referralStartAtScale != null) {
        t.row(run.target.label(), run.referralStartFresh.p50(), run.referralStartFresh.p95(), run.seeded.open(),
            run.referralStartAtScale.p50(), run.referralStartAtScale.p95());
      }
    }
    return t;
  }

  private static Table agenda(List<TargetRun> runs) {
    Table t = new Table("3. Draft agenda (ms)", "database", "waiting", "placed", "carried over", "runs", "p50", "p95", "max",
        "of which SOO look-up", "distinct decision inputs", "their decisions via the engine (with history)",
        "same decisions, DMN engine alone",
        "the real \"Draw up the agenda\" job");
    for (TargetRun run : runs) {
      AgendaBenchmark.Result a = run.agenda;
      if (a != null) {
        t.row(run.target.label(), a.waiting(), a.placed(), a.carriedOver(), a.millis().count(), a.millis().p50(),
            a.millis().p95(), a.millis().max(), a.parts().sooLookup(), a.parts().decisions(), a.parts().engineDecisions(),
            a.parts().dmnEngineOnly(), a.jobOutcome());
      }
    }
    return t.note("The parts are timed on their own (medians), in a transaction rolled back afterwards: the one query for "
        + "every waiting case's SOOs, and the decisions the agenda asks for (triage and slot once per distinct input, as "
        + "AgendaBuilder does); the DMN engine alone evaluates the same deployed decisions without writing decision history.");
  }

  private static Table timers(List<TargetRun> runs) {
    Table t = new Table("4. 72-hour timers under the job executor", "database", "phase", "timers", "late p50 ms",
        "late p99 ms", "late max ms", "drained in s", "jobs/s", "failed attempts");
    for (TargetRun run : runs) {
      TimerBenchmark.Result r = run.timers;
      if (r != null) {
        if (r.trickleLatenessMillis() != null) {
          Samples s = r.trickleLatenessMillis();
          t.row(run.target.label(), "trickle: one due every " + TimerBenchmark.TRICKLE_SPACING.toSeconds() + " s", r.trickle(),
              s.p50(), s.p99(), s.max(), "–", "–", "–");
        }
        Samples s = r.burstLatenessMillis();
        t.row(run.target.label(), "burst: all due at once", r.burst(), s.p50(), s.p99(), s.max(), r.drainSeconds(),
            r.jobsPerSecond(), r.failedAttempts());
      }
    }
    return t;
  }

  private static Table startup(List<StartupBenchmark.Result> startup) {
    Table t = new Table("5. Start-up to HTTP ready, and resident memory (H2 in memory)", "application", "runs",
        "seconds median", "min", "max", "VmRSS MB median", "time vs bare", "memory vs bare");
    if (startup.isEmpty()) {
      return t;
    }
    StartupBenchmark.Result bare = startup.get(startup.size() - 1);
    for (StartupBenchmark.Result r : startup) {
      t.row(r.name(), r.seconds().count(), r.seconds().p50(), r.seconds().min(), r.seconds().max(), r.rssMegabytes().p50(),
          String.format(Locale.ROOT, "%.2f×", r.seconds().p50() / bare.seconds().p50()),
          String.format(Locale.ROOT, "%.2f×", r.rssMegabytes().p50() / bare.rssMegabytes().p50()));
    }
    return t;
  }

  static String jobExecutor(JobExecutionProperty j) {
    return "Job executor as the application configured it (application.yaml, read at run time): "
        + "wait-time-in-millis " + j.getWaitTimeInMillis() + ", max-wait " + j.getMaxWait()
        + ", max-jobs-per-acquisition " + j.getMaxJobsPerAcquisition() + ", core-pool-size " + j.getCorePoolSize()
        + ", max-pool-size " + j.getMaxPoolSize() + ", queue-capacity " + j.getQueueCapacity()
        + ", lock-time-in-millis " + j.getLockTimeInMillis() + ", backoff-time-in-millis " + j.getBackoffTimeInMillis()
        + ", max-backoff " + j.getMaxBackoff() + ".\n";
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }
}
