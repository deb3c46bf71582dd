package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Why a target was missed and what would fix it, written with the run's own figures. The causes
 * named here were found by reading the code and the query plans behind each figure (BENCHMARKS.md
 * keeps the figures; the plans can be reproduced with {@code -Dbench.pgDatabaseSettings}).
 */
final class Explanations {

  private Explanations() {}

  static String lifecycle(List<TargetRun> runs) {
    StringBuilder out = new StringBuilder();
    for (TargetRun run : runs) {
      out.append(run.target.label()).append(": ").append(Sections.percent(run.lifecycleRatio())).append(" of the baseline; ")
          .append("both make ").append(Samples.format(run.application.writeCommitsPerCase())).append(" and ")
          .append(Samples.format(run.baseline.writeCommitsPerCase())).append(" write commits per case, so the gap is work "
              + "inside the same transactions. The steps that add most: ").append(topSteps(run)).append(". ");
    }
    return out.append("What those steps do here that the baseline does not: the referral seals the people into the vault "
        + "and \"Search previous cases\" looks them up by their keyed staff and person indexes; "
        + "\"Review history\" is followed by the recommendation, which reads the whole roster and every SOO's open-case count; "
        + "\"Record allocation\" writes the roster, two authorizations and the access audit; closing releases the SOOs and "
        + "revokes their authorizations task by task; and every person's step is checked against their authorizations. "
        + "What would fix it: keep each SOO's open-case "
        + "count on the roster row; revoke a case's grants with one authorization query per resource type over the case's "
        + "task ids instead of a history query and two queries and deletes per task.").toString();
  }

  static String tasklist(List<TargetRun> runs) {
    StringBuilder out = new StringBuilder();
    for (TargetRun run : runs) {
      ReadsBenchmark.Result worst = run.worstTasklistRead();
      out.append(run.target.label()).append(": the slowest Tasklist request, ").append(worst.name()).append(", took ")
          .append(Samples.format(worst.authOn().p95())).append(" ms at p95 with authorization as shipped, ")
          .append(Samples.format(worst.withCamundasPrefilter().p95())).append(" ms with Camunda's own group prefilter and ")
          .append(Samples.format(worst.authOff().p95())).append(" ms without authorization. ");
      if (run.target == Target.H2) {
        out.append(h2TaskQueries(run, runs));
      }
    }
    return out.append("The application already skips Camunda's group prefilter, a read of every group id in the "
        + "authorization table before each request (GroupPrefilterThreshold, as Operaton's and CIB seven's "
        + "authGroupFilterThreshold). What is left is the authorization join itself: fewer authorization rows would shorten "
        + "it, and most are HISTORIC_TASK grants (enableHistoricInstancePermissions), which outlive their tasks until "
        + "history cleanup.").toString();
  }

  /** On H2, the slowest Tasklist read without authorization, against PostgreSQL's figure for the same read. */
  private static String h2TaskQueries(TargetRun h2, List<TargetRun> runs) {
    ReadsBenchmark.Result slowest = h2.reads.stream().filter(r -> r.name().startsWith("Tasklist"))
        .max(Comparator.comparingDouble(r -> r.authOff().p95())).orElseThrow();
    if (slowest.authOff().p95() < 20) {
      return "";
    }
    String postgres = runs.stream().filter(r -> r.target == Target.POSTGRES).flatMap(r -> r.reads.stream())
        .filter(r -> r.name().equals(slowest.name())).findFirst()
        .map(r -> " (PostgreSQL: " + Samples.format(r.authOff().p95()) + " ms without, " + Samples.format(r.authOn().p95())
            + " ms with)").orElse("");
    return "On H2, " + slowest.name() + " takes " + Samples.format(slowest.authOff().p95()) + " ms even without "
        + "authorization and " + Samples.format(slowest.authOn().p95()) + " ms with it" + postgres + ": H2's plans for "
        + "Camunda's task queries, which outer-join identity links and authorizations to the tasks, do not hold up at "
        + "this size. H2 is the embedded, single-node set-up; at this scale the answer is PostgreSQL (profile postgres). ";
  }

  static String agenda(List<TargetRun> runs) {
    StringBuilder out = new StringBuilder();
    for (TargetRun run : runs) {
      AgendaBenchmark.Result a = run.agenda;
      out.append(run.target.label()).append(": ").append(Samples.format(a.millis().p50())).append(" ms per agenda for ")
          .append(a.waiting()).append(" waiting cases. Timed on their own, its ").append(a.parts().decisions())
          .append(" decisions (one per distinct input) through the engine take ").append(Samples.format(a.parts().engineDecisions()))
          .append(" ms (each a command that writes decision history), the same decisions in a DMN engine alone ")
          .append(Samples.format(a.parts().dmnEngineOnly())).append(" ms (Camunda 7's FEEL engine does not cache parsed "
              + "expressions, camunda/feel-scala#1149), and the SOO look-up, one query for every waiting case, ")
          .append(Samples.format(a.parts().sooLookup())).append(" ms; the rest, about ")
          .append(Samples.format(Math.max(0, a.millis().p50() - a.parts().engineDecisions() - a.parts().sooLookup())))
          .append(" ms, is reading and packing the waiting cases and writing one agenda or carried-over row per waiting "
              + "case (JDBC batches). ");
      if (a.jobOutcome().startsWith("FAILED")) {
        out.append("The job itself fails (").append(a.jobOutcome().substring("FAILED: ".length())).append("). ");
      }
    }
    return out.append("H2 is the embedded, single-node set-up; a force that has thousands of cases waiting runs PostgreSQL "
        + "(profile postgres). What would fix it: keep the triage inputs coarse (days waiting in bands "
        + "rather than days, so fewer distinct inputs reach the engine), evaluate through the DMN engine without decision "
        + "history for drafts the administrator revises, and store only the cases placed plus the count carried over.")
        .toString();
  }

  static String timers(List<TargetRun> runs) {
    StringBuilder out = new StringBuilder();
    for (TargetRun run : runs) {
      TimerBenchmark.Result r = run.timers;
      out.append(run.target.label()).append(": ");
      if (r.trickleLatenessMillis() != null) {
        out.append("a single timer on an idle executor fired ").append(Samples.format(r.trickleLatenessMillis().p50()))
            .append(" ms late (p50, max ").append(Samples.format(r.trickleLatenessMillis().max())).append(" ms): well within "
                + "5 s. ");
      }
      out.append(r.burst()).append(" timers due at once drained at ").append(Samples.format(r.jobsPerSecond()))
          .append(" jobs/s, so the last fired ").append(Samples.format(r.drainSeconds())).append(" s late. ");
    }
    JobExecutionSettings j = JobExecutionSettings.of(runs);
    return out.append("A burst is bound by throughput, not by waiting: the idle executor polls at most every ")
        .append(j.maxWait()).append(" ms (max-wait), but then takes ").append(j.perAcquisition())
        .append(" jobs per acquisition and runs them on ").append(j.pool()).append(" threads, each job its own transaction "
            + "(create the chase task, its authorization and history). Acquisition reads only the due and the locked jobs "
            + "(indexes oversight_job_due and, on PostgreSQL, oversight_job_locked), so it does not grow with the open cases' "
            + "future timers; the rest is the jobs' own work on the machine's cores. What would fix it: more executors on the same "
            + "tables (the cluster of issue #10: each node adds its own rate), a larger max-jobs-per-acquisition with a pool "
            + "and queue to match; and the target read as \"within 5 s of due time when due times are spread as allocations "
            + "are\" (10,000 deadlines in the same second need 10,000 allocations in the same second 72 hours earlier).")
        .toString();
  }

  static String startup(List<StartupBenchmark.Result> startup) {
    StartupBenchmark.Result app = startup.get(0);
    StartupBenchmark.Result bare = startup.get(1);
    return String.format(Locale.ROOT, "%s s against %s s (%.2f×), %s MB against %s MB resident. ",
        Samples.format(app.seconds().p50()), Samples.format(bare.seconds().p50()),
        app.seconds().p50() / bare.seconds().p50(), Samples.format(app.rssMegabytes().p50()),
        Samples.format(bare.rssMegabytes().p50()))
        + "At start the application also runs its Flyway migrations, applies the engine schema additions, deploys five "
        + "processes, three decisions and nineteen forms (here on a fresh database each time, so every resource is parsed "
        + "and stored), creates groups, grants and Tasklist filters, and sets up JDBC sessions and its own filters; the "
        + "bare application does none of this. The harness does not break the difference down. Where to look: a restart "
        + "on a database that already holds the deployment skips it (deploy-changed-only), which this first-start "
        + "measurement does not show; Spring Boot's start-up steps (BufferingApplicationStartup and the actuator's "
        + "startup endpoint) would show which of the rest weighs most. The extra work is CPU, so the ratio also depends on "
        + "the cores.";
  }

  /** At scale, the referral's start transaction against a fresh database. */
  static String referralAtScale(List<TargetRun> runs, BenchSettings settings) {
    List<TargetRun> measured = runs.stream().filter(r -> r.referralStartFresh != null && r.referralStartAtScale != null).toList();
    if (measured.isEmpty()) {
      return null;
    }
    return "A referral's start transaction took " + Report.perTarget(measured, r -> Samples.format(r.referralStartAtScale.p50())
        + " ms") + " (p50) with " + settings.openCases() + " cases open, against " + Report.perTarget(measured,
        r -> Samples.format(r.referralStartFresh.p50()) + " ms") + " on a fresh database. \"Search previous cases\" "
        + "(IdentityVault.previousCases) looks people up through the vault's keyed staff-number and name-and-birth-date "
        + "indexes (Flyway V8, PersonKeysMigration), so it reads only the cases of the same people.";
  }

  static String agendaJob(List<TargetRun> runs, BenchSettings settings) {
    List<TargetRun> failed = runs.stream().filter(r -> r.agenda != null && r.agenda.jobOutcome().startsWith("FAILED")).toList();
    if (failed.isEmpty()) {
      return null;
    }
    return "The real \"Draw up the agenda\" job fails with " + settings.waitingCases() + " cases waiting, on "
        + failed.stream().map(r -> r.target.label()).collect(Collectors.joining(" and ")) + " ("
        + failed.get(failed.size() - 1).agenda.jobOutcome().substring("FAILED: ".length()).trim()
        + "): the panel cannot be drafted at all at this size (see the agenda target).";
  }

  static String longestStrings(List<TargetRun> runs, BenchSettings settings) {
    TargetRun run = runs.stream().filter(r -> r.seeded != null && !r.seeded.longestStrings().isEmpty()).findFirst().orElse(null);
    if (run == null) {
      return null;
    }
    return "The longest string variables of the open cases are " + String.join(", ", run.seeded.longestStrings())
        + " characters long, of the engine's 4,000 (ACT_RU_VARIABLE.TEXT_). The lists that grow with the roster or the "
        + "backlog are bounded: eligibleSoos shows the fairest SOOs up to 1,000 characters and then counts the rest "
        + "(RecommendSooDelegate), the agenda's summaries stop at 3,800 characters and count the rest (EngineText).";
  }

  static String authorizationRows(List<TargetRun> runs, BenchSettings settings) {
    ReadsBenchmark.Prefilter p = runs.stream().map(r -> r.prefilter).filter(Objects::nonNull).findFirst().orElse(null);
    if (p == null) {
      return null;
    }
    return p.authorizations() + " authorization rows for " + p.openCases() + " open cases ("
        + Samples.format((double) p.authorizations() / p.openCases()) + " each), "
        + Sections.percent((double) p.historicTaskAuthorizations() / p.authorizations())
        + " of them HISTORIC_TASK grants. Every request with authorization checks pays for this table's size (see the "
        + "Tasklist target).";
  }

  /** The steps with the largest mean difference from the baseline, e.g. "job closeCase +5.0 ms". */
  private static String topSteps(TargetRun run) {
    Map<String, Double> app = run.application.meanStepMillis();
    Map<String, Double> base = run.baseline.meanStepMillis();
    List<Map.Entry<String, Double>> differences = new ArrayList<>();
    app.forEach((step, ms) -> {
      if (base.containsKey(step)) {
        differences.add(Map.entry(step, ms - base.get(step)));
      }
    });
    return differences.stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(4)
        .map(e -> e.getKey() + " +" + Samples.format(e.getValue()) + " ms").collect(Collectors.joining(", "));
  }

  /** The job executor's settings in words, from the first run that read them. */
  private record JobExecutionSettings(long maxWait, int perAcquisition, String pool) {
    static JobExecutionSettings of(List<TargetRun> runs) {
      var j = runs.stream().map(r -> r.jobExecution).filter(Objects::nonNull).findFirst().orElseThrow();
      return new JobExecutionSettings(j.getMaxWait() == null ? 60_000 : j.getMaxWait(),
          j.getMaxJobsPerAcquisition() == null ? 3 : j.getMaxJobsPerAcquisition(),
          j.getCorePoolSize() + " to " + j.getMaxPoolSize());
    }
  }

  static String readAudit(List<TargetRun> runs) {
    StringBuilder out = new StringBuilder();
    for (TargetRun run : runs) {
      Safeguards.Figures on = run.safeguards.get(Safeguards.Variant.SHIPPED);
      Safeguards.Figures off = run.safeguards.get(Safeguards.Variant.SEALING);
      if (on == null || off == null) {
        continue;
      }
      out.append(run.target.label()).append(": the read audit costs ").append(Sections.percent(run.readAuditCost()))
          .append(" of the cases/s; it writes ").append(Samples.format(on.auditRowsPerCase())).append(" rows per case in ")
          .append(Samples.format(on.lifecycle().writeCommitsPerCase() - off.lifecycle().writeCommitsPerCase()))
          .append(" more write commits (one per audited answer: the record must be durable before the answer leaves). ");
    }
    return out.append("What would cut it further: fewer answers per step (Tasklist reads the task and its form variables "
        + "separately), or one commit for several people's answers at once (group commit), which needs concurrent clients.")
        .toString();
  }

  static String sealing(List<TargetRun> runs) {
    StringBuilder out = new StringBuilder();
    for (TargetRun run : runs) {
      Safeguards.Figures f = run.safeguards.get(Safeguards.Variant.SHIPPED);
      if (f == null || f.sealMillisPerCase() == null) {
        continue;
      }
      out.append(run.target.label()).append(": ").append(Samples.format(f.sealLookupsPerCase())).append(" key look-ups and ")
          .append(Samples.format(f.unwrapsPerCase())).append(" KEK unwraps per case, p50 ")
          .append(Samples.format(f.sealMillisPerCase().p50())).append(" ms, p95 ")
          .append(Samples.format(f.sealMillisPerCase().p95())).append(" ms. ");
    }
    return out.append("Each look-up checks the case_key row (read in the same statement as the sealed values where the vault "
        + "reads them), so that shredding counts at once on every node; the p95 is the sum of some forty sections of tens of "
        + "microseconds each, which the machine's other processes preempt (compare the p50). Fewer look-ups per case (one "
        + "per request rather than one per check) would cut it.").toString();
  }
}
