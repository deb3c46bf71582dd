package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;

/** Everything measured against one target database; a part not run stays null (or empty). */
final class TargetRun {

  final Target target;
  final List<DatabaseCeiling.Result> ceiling = new ArrayList<>();
  LifecycleBenchmark.Result application;
  LifecycleBenchmark.Result baseline;
  /** The lifecycle with each safeguard on or off, in rounds, and the ratios between them. */
  java.util.Map<Safeguards.Variant, Safeguards.Figures> safeguards = java.util.Map.of();
  List<Safeguards.Ratio> ratios = List.of();
  /** Referral start transactions of the timed fresh cases, and of the cases at scale. */
  Samples referralStartFresh;
  Samples referralStartAtScale;
  LifecycleBenchmark.Result applicationAtScale;
  OpenCaseSeeder.Seeded seeded;
  List<ReadsBenchmark.Result> reads = List.of();
  ReadsBenchmark.Prefilter prefilter;
  AgendaBenchmark.Result agenda;
  TimerBenchmark.Result timers;
  JobExecutionProperty jobExecution;

  TargetRun(Target target) {
    this.target = target;
  }

  /** The application's cases/s as a share of the baseline's. */
  Double lifecycleRatio() {
    return application == null || baseline == null ? null : application.casesPerSecond() / baseline.casesPerSecond();
  }

  /** A ratio of the rounds by its numerator and denominator, if measured. */
  Safeguards.Ratio ratio(Safeguards.Variant numerator, Safeguards.Variant denominator) {
    return ratios.stream().filter(r -> r.numerator() == numerator && r.denominator() == denominator).findFirst().orElse(null);
  }

  /** What the read audit costs: 1 − (as shipped ÷ sealing only), the median of the rounds. */
  Double readAuditCost() {
    Safeguards.Ratio r = ratio(Safeguards.Variant.SHIPPED, Safeguards.Variant.SEALING);
    return r == null ? null : 1 - r.perRound().p50();
  }

  /** Sealing and opening per case, p95, as shipped. */
  Double sealP95() {
    Safeguards.Figures f = safeguards.get(Safeguards.Variant.SHIPPED);
    return f == null || f.sealMillisPerCase() == null ? null : f.sealMillisPerCase().p95();
  }

  /** The single-client commit ceiling (pgbench where it ran, else the Java loop). */
  DatabaseCeiling.Result singleClientCeiling() {
    return ceiling.stream().filter(c -> c.clients() == 1)
        .reduce((a, b) -> b.method().equals("pgbench") ? b : a).orElse(null);
  }

  /** The slowest Tasklist read's p95 with authorization on. */
  ReadsBenchmark.Result worstTasklistRead() {
    return reads.stream().filter(r -> r.name().startsWith("Tasklist"))
        .max((a, b) -> Double.compare(a.authOn().p95(), b.authOn().p95())).orElse(null);
  }
}
