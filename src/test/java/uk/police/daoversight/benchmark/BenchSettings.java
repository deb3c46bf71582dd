package uk.police.daoversight.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sizes and choices of one benchmark run, from system properties ({@code -Dbench.cases=20}); the
 * defaults are issue #9's sizes. {@link #describe()} lists every value, for the report.
 */
record BenchSettings(List<Target> targets, Set<String> parts, int warmupCases, int cases, int casesAtScale, int openCases, int soos,
                     int waitingCases, int timers, int trickleTimers, int queryWarmup, int querySamples, int readSeconds,
                     int agendaWarmup, int agendaRuns, int startupRuns, int ceilingSeconds, boolean copyHistory,
                     String startupJvmArgs, Path report, int rounds, List<Safeguards.Variant> variants) {

  /** The vault key of the benchmark's applications: outside demo mode the application needs a real one. */
  static final String VAULT_KEY = "benchmark-vault-reference-key-0123456789abcdef";

  static final List<String> ALL_PARTS = List.of("lifecycle", "reads", "agenda", "timers", "startup", "ceiling");

  static BenchSettings fromSystemProperties() {
    BenchSettings s = new BenchSettings(
        Arrays.stream(text("bench.targets", "h2,postgres").split(",")).map(String::trim).map(Target::named).toList(),
        Arrays.stream(text("bench.only", String.join(",", ALL_PARTS)).split(",")).map(String::trim)
            .collect(Collectors.toCollection(LinkedHashSet::new)),
        number("bench.warmupCases", 30),
        number("bench.cases", 300),
        number("bench.casesAtScale", 20),
        number("bench.openCases", 50_000),
        number("bench.soos", 300),
        number("bench.waitingCases", 2_000),
        number("bench.timers", 10_000),
        number("bench.trickleTimers", 10),
        number("bench.queryWarmup", 20),
        number("bench.querySamples", 200),
        number("bench.readSeconds", 60),
        number("bench.agendaWarmup", 2),
        number("bench.agendaRuns", 10),
        number("bench.startupRuns", 3),
        number("bench.ceilingSeconds", 10),
        Boolean.parseBoolean(text("bench.copyHistory", "false")),
        text("bench.startupJvmArgs", ""),
        Path.of(text("bench.report", "BENCHMARKS.md")),
        number("bench.rounds", 6),
        Arrays.stream(text("bench.variants", Arrays.stream(Safeguards.Variant.values()).map(Enum::name).collect(Collectors.joining(",")))
            .split(",")).map(String::trim).map(v -> Safeguards.Variant.valueOf(v.toUpperCase(java.util.Locale.ROOT))).toList());
    s.check();
    return s;
  }

  private void check() {
    if (!ALL_PARTS.containsAll(parts)) {
      throw new IllegalArgumentException("bench.only: choose from " + ALL_PARTS + ", not " + parts);
    }
    if (rounds < 1 || cases < rounds) {
      throw new IllegalArgumentException("bench.rounds (" + rounds + ") must be at least 1 and at most bench.cases (" + cases + ")");
    }
    if (!variants.contains(Safeguards.Variant.SHIPPED)) {
      throw new IllegalArgumentException("bench.variants must include SHIPPED (the application as shipped)");
    }
    if (contactStageCases() > openCases || waitingCases > openCases) {
      throw new IllegalArgumentException("bench.openCases (" + openCases + ") must hold the timer cases ("
          + contactStageCases() + ") and the cases waiting for the panel (" + waitingCases + ")");
    }
  }

  boolean runs(String part) {
    return parts.contains(part);
  }

  /** Open cases waiting at "Contact victim" with their 72-hour timer: the burst plus the trickle. */
  int contactStageCases() {
    return timers + trickleTimers;
  }

  /** Every setting by its property name, for the report. */
  Map<String, String> describe() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("bench.targets", targets.stream().map(Target::id).collect(Collectors.joining(",")));
    d.put("bench.only", String.join(",", parts));
    d.put("bench.warmupCases", String.valueOf(warmupCases));
    d.put("bench.cases", String.valueOf(cases));
    d.put("bench.casesAtScale", String.valueOf(casesAtScale));
    d.put("bench.openCases", String.valueOf(openCases));
    d.put("bench.soos", String.valueOf(soos));
    d.put("bench.waitingCases", String.valueOf(waitingCases));
    d.put("bench.timers", String.valueOf(timers));
    d.put("bench.trickleTimers", String.valueOf(trickleTimers));
    d.put("bench.queryWarmup", String.valueOf(queryWarmup));
    d.put("bench.querySamples", String.valueOf(querySamples));
    d.put("bench.readSeconds", String.valueOf(readSeconds));
    d.put("bench.agendaWarmup", String.valueOf(agendaWarmup));
    d.put("bench.agendaRuns", String.valueOf(agendaRuns));
    d.put("bench.startupRuns", String.valueOf(startupRuns));
    d.put("bench.ceilingSeconds", String.valueOf(ceilingSeconds));
    d.put("bench.copyHistory", String.valueOf(copyHistory));
    d.put("bench.startupJvmArgs", startupJvmArgs.isEmpty() ? "(none)" : startupJvmArgs);
    d.put("bench.report", report.toString());
    d.put("bench.rounds", String.valueOf(rounds));
    d.put("bench.variants", variants.stream().map(Enum::name).collect(Collectors.joining(",")));
    FreshDatabase.DIAGNOSTICS.forEach(name -> {
      if (System.getProperty(name) != null) {
        d.put(name, System.getProperty(name));
      }
    });
    return d;
  }

  /** Cases per variant in each lifecycle round. */
  int casesPerRound() {
    return Math.max(1, cases / rounds);
  }

  /** True when every size is the issue's: only such a run may call itself full size. */
  boolean isFullSize() {
    return cases >= 300 && openCases >= 50_000 && soos >= 300 && waitingCases >= 2_000 && timers >= 10_000;
  }

  private static String text(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int number(String name, int fallback) {
    return Integer.parseInt(text(name, String.valueOf(fallback)).replace("_", ""));
  }
}
