package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/** Issue #9's targets, judged on the figures of one run, with the reasons for any miss. */
final class Verdicts {

  private Verdicts() {}

  static List<Report.Verdict> of(BenchSettings settings, List<TargetRun> runs, List<StartupBenchmark.Result> startup) {
    List<Report.Verdict> verdicts = new ArrayList<>();
    verdicts.add(judge(runs, "Case lifecycle throughput", "≥ 60 % of the baseline's cases/s",
        TargetRun::lifecycleRatio, r -> r >= 0.6, Sections::percent, Explanations::lifecycle));
    verdicts.add(judge(runs, "Read audit's cost (#16)", "≤ 10 % of the lifecycle's cases/s (median of the rounds)",
        TargetRun::readAuditCost, c -> c <= 0.10, c -> Sections.percent(c) + " " + spread(runs, c), Explanations::readAudit));
    verdicts.add(judge(runs, "Sealing and opening a case's identity (#17)", "< 2 ms per case at p95",
        TargetRun::sealP95, ms -> ms < 2, ms -> Samples.format(ms) + " ms", Explanations::sealing));
    verdicts.add(judge(runs, "Tasklist at " + settings.openCases() + " open cases, authorization on", "p95 < 100 ms",
        r -> r.worstTasklistRead() == null ? null : r.worstTasklistRead().authOn().p95(), p95 -> p95 < 100,
        p95 -> "worst p95 " + Samples.format(p95) + " ms", Explanations::tasklist));
    verdicts.add(judge(runs, "Agenda for " + settings.waitingCases() + " waiting cases", "< 200 ms per agenda (median), and the job succeeds",
        r -> r.agenda == null ? null : r.agenda.jobOutcome().startsWith("FAILED") ? -1.0 : r.agenda.millis().p50(),
        ms -> ms >= 0 && ms < 200, ms -> ms < 0 ? "job fails" : Samples.format(ms) + " ms", Explanations::agenda));
    verdicts.add(judge(runs, "72-hour timers, " + settings.timers() + " due at once", "fire within 5 s of due time (p99)",
        r -> r.timers == null ? null : r.timers.burstLatenessMillis().p99(), ms -> ms <= 5000,
        ms -> "p99 " + Samples.format(ms / 1000) + " s late", Explanations::timers));
    verdicts.add(startup(startup));
    return verdicts;
  }

  /** The rounds' spread of the read audit's cost, for the target table (the run whose median this is). */
  private static String spread(List<TargetRun> runs, double cost) {
    for (TargetRun run : runs) {
      Safeguards.Ratio r = run.ratio(Safeguards.Variant.SHIPPED, Safeguards.Variant.SEALING);
      if (r != null && run.readAuditCost() == cost) {
        return "(rounds " + Sections.percent(1 - r.perRound().max()) + " to " + Sections.percent(1 - r.perRound().min()) + ")";
      }
    }
    return "";
  }

  /** Things the run showed beyond the targets. */
  static String findings(BenchSettings settings, List<TargetRun> runs) {
    List<BiFunction<List<TargetRun>, BenchSettings, String>> findings = List.of(Explanations::referralAtScale,
        Explanations::agendaJob, Explanations::longestStrings, Explanations::authorizationRows);
    List<String> found = findings.stream().map(f -> f.apply(runs, settings)).filter(Objects::nonNull).toList();
    if (found.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("## Other findings\n\n");
    found.forEach(f -> md.append("- ").append(f).append('\n'));
    return md.append('\n').toString();
  }

  private static Report.Verdict judge(List<TargetRun> runs, String target, String goal, Function<TargetRun, Double> figure,
                                      Predicate<Double> good, Function<Double, String> format,
                                      Function<List<TargetRun>, String> explanation) {
    List<TargetRun> measured = runs.stream().filter(r -> figure.apply(r) != null).toList();
    if (measured.isEmpty()) {
      return new Report.Verdict(target, goal, "–", null, null);
    }
    boolean met = measured.stream().map(figure).allMatch(good);
    return new Report.Verdict(target, goal, Report.perTarget(measured, r -> format.apply(figure.apply(r))), met,
        met ? null : explanation.apply(measured));
  }

  private static Report.Verdict startup(List<StartupBenchmark.Result> startup) {
    String target = "Start-up to HTTP ready";
    String goal = "≤ 1.3 × the bare Camunda application";
    if (startup.size() < 2) {
      return new Report.Verdict(target, goal, "–", null, null);
    }
    double ratio = startup.get(0).seconds().p50() / startup.get(1).seconds().p50();
    boolean met = ratio <= 1.3;
    return new Report.Verdict(target, goal, String.format(Locale.ROOT, "%.2f × (%s s vs %s s)", ratio,
        Samples.format(startup.get(0).seconds().p50()), Samples.format(startup.get(1).seconds().p50())), met,
        met ? null : Explanations.startup(startup));
  }
}
