package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import uk.police.daoversight.audit.CaseAnswers;
import uk.police.daoversight.vault.seal.SwitchableSeals;

/**
 * The lifecycle with each safeguard on or off, in rounds: every round walks {@code casesPerRound}
 * cases through each variant in turn (the order reversed every other round: A,B,C then C,B,A), so
 * that whatever else the machine does weighs on all of them alike. Each round gives each variant's
 * cases/s; a ratio of two variants is taken round by round, and reported as its median and spread.
 */
final class Safeguards {

  /** The plain engine, or the application with the read audit and sealing as chosen. */
  enum Variant {
    PLAIN("plain engine (baseline)", false, null),
    NONE("application, read audit off, sealing off", false, SwitchableSeals.Mode.OFF),
    AUDIT("application, read audit on, sealing off", true, SwitchableSeals.Mode.OFF),
    SEALING("application, read audit off, sealing on", false, SwitchableSeals.Mode.SHIPPED),
    SHIPPED("application as shipped (read audit and sealing on)", true, SwitchableSeals.Mode.SHIPPED),
    UNCACHED("application as shipped but no key cache (before)", true, SwitchableSeals.Mode.UNCACHED);

    final String label;
    final boolean audit;
    final SwitchableSeals.Mode sealing;

    Variant(String label, boolean audit, SwitchableSeals.Mode sealing) {
      this.label = label;
      this.audit = audit;
      this.sealing = sealing;
    }
  }

  /** One variant's figures over every round. */
  record Figures(Variant variant, LifecycleBenchmark.Result lifecycle, List<Double> roundCasesPerSecond, Samples sealMillisPerCase,
                 double sealLookupsPerCase, double unwrapsPerCase, double auditRowsPerCase) {}

  /** A ratio of two variants' cases/s, round by round. */
  record Ratio(String name, Variant numerator, Variant denominator, Samples perRound) {}

  private Safeguards() {}

  /** Runs the variants in rounds; the plain engine is left out when {@code plain} is null. */
  static Map<Variant, Figures> run(List<Variant> variants, BaselineEngine plain, CaseWalk plainWalk, OversightApp app,
                                   CaseWalk.CaseModel appModel, int warmup, int rounds, int casesPerRound) {
    SwitchableSeals seals = app.bean(SwitchableSeals.class);
    CaseAnswers caseAnswers = app.bean(CaseAnswers.class);
    boolean[] auditOn = {true};
    CaseWalk.Answers audited = (user, groups, method, path, entity) -> {
      if (auditOn[0]) {
        caseAnswers.record(new CaseAnswers.Answer(user, groups, method, path, 200, entity, null, Map.of()));
      }
    };
    int[] nextApp = {0};
    int[] nextPlain = {0};
    Map<Variant, Lane> lanes = new EnumMap<>(Variant.class);
    for (Variant v : variants) {
      lanes.put(v, v == Variant.PLAIN
          ? new Lane(plain.engine(), plainWalk, plain.commits(), () -> nextPlain[0]++)
          : new Lane(app.engine(), new CaseWalk(app.engine(), appModel, true, audited), app.commits(), () -> nextApp[0]++));
    }
    for (Variant v : variants) {
      set(v, seals, auditOn);
      Lane lane = lanes.get(v);
      for (int i = 0; i < warmup; i++) {
        lane.walk.whole(lane.next.getAsInt());
      }
      lane.walk.resetStepTimes();
    }
    for (int round = 0; round < rounds; round++) {
      List<Variant> order = new ArrayList<>(variants);
      if (round % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (Variant v : order) {
        set(v, seals, auditOn);
        lanes.get(v).round(casesPerRound, v == Variant.PLAIN ? null : seals, v == Variant.PLAIN ? null : app);
      }
    }
    set(Variant.SHIPPED, seals, auditOn);
    Map<Variant, Figures> figures = new LinkedHashMap<>();
    for (Variant v : variants) {
      figures.put(v, lanes.get(v).figures(v));
    }
    return figures;
  }

  /** The ratios the report judges: each safeguard's cost, and the application against the plain engine. */
  static List<Ratio> ratios(Map<Variant, Figures> figures) {
    List<Ratio> ratios = new ArrayList<>();
    ratio(ratios, figures, "read audit, with sealing on (as shipped ÷ sealing only)", Variant.SHIPPED, Variant.SEALING);
    ratio(ratios, figures, "read audit, with sealing off (audit only ÷ neither)", Variant.AUDIT, Variant.NONE);
    ratio(ratios, figures, "sealing, with the read audit on (as shipped ÷ audit only)", Variant.SHIPPED, Variant.AUDIT);
    ratio(ratios, figures, "sealing, with the read audit off (sealing only ÷ neither)", Variant.SEALING, Variant.NONE);
    ratio(ratios, figures, "key cache (no key cache ÷ as shipped)", Variant.UNCACHED, Variant.SHIPPED);
    ratio(ratios, figures, "application as shipped ÷ plain engine", Variant.SHIPPED, Variant.PLAIN);
    return ratios;
  }

  private static void ratio(List<Ratio> into, Map<Variant, Figures> figures, String name, Variant a, Variant b) {
    Figures fa = figures.get(a);
    Figures fb = figures.get(b);
    if (fa == null || fb == null) {
      return;
    }
    double[] perRound = new double[Math.min(fa.roundCasesPerSecond().size(), fb.roundCasesPerSecond().size())];
    for (int i = 0; i < perRound.length; i++) {
      perRound[i] = fa.roundCasesPerSecond().get(i) / fb.roundCasesPerSecond().get(i);
    }
    into.add(new Ratio(name, a, b, Samples.of(perRound)));
  }

  private static void set(Variant v, SwitchableSeals seals, boolean[] auditOn) {
    if (v.sealing != null) {
      seals.mode(v.sealing);
    }
    auditOn[0] = v.audit;
  }

  /** One variant's engine, walk and what it measured so far. */
  private static final class Lane {
    final ProcessEngine engine;
    final CaseWalk walk;
    final CommitCountingDataSource counter;
    final IntSupplier next;
    final List<Long> perCaseNanos = new ArrayList<>();
    final List<Long> sealNanos = new ArrayList<>();
    final List<Double> roundCasesPerSecond = new ArrayList<>();
    final Set<String> timed = new HashSet<>();
    CommitCountingDataSource.Counts commits;
    double seconds;
    long lookups;
    long unwraps;
    long auditRows;

    Lane(ProcessEngine engine, CaseWalk walk, CommitCountingDataSource counter, IntSupplier next) {
      this.engine = engine;
      this.walk = walk;
      this.counter = counter;
      this.next = next;
    }

    void round(int cases, SwitchableSeals seals, OversightApp app) {
      CommitCountingDataSource.Counts before = counter.counts();
      long lookupsBefore = seals == null ? 0 : seals.lookups();
      long unwrapsBefore = seals == null ? 0 : seals.unwraps();
      long rowsBefore = app == null ? 0 : auditRows(app);
      long start = System.nanoTime();
      for (int i = 0; i < cases; i++) {
        long t = System.nanoTime();
        long s = seals == null ? 0 : seals.timeSpentNanos();
        timed.add(walk.whole(next.getAsInt()).processInstanceId());
        perCaseNanos.add(System.nanoTime() - t);
        if (seals != null) {
          sealNanos.add(seals.timeSpentNanos() - s);
        }
      }
      double s = (System.nanoTime() - start) / 1e9;
      CommitCountingDataSource.Counts used = counter.counts().minus(before);
      if (app != null) {
        // Counted outside the timed span.
        auditRows += auditRows(app) - rowsBefore;
        lookups += seals.lookups() - lookupsBefore;
        unwraps += seals.unwraps() - unwrapsBefore;
      }
      seconds += s;
      commits = commits == null ? used : commits.plus(used);
      roundCasesPerSecond.add(cases / s);
    }

    Figures figures(Variant v) {
      LifecycleBenchmark.assertAllClosed(engine.getHistoryService(), walk.model().processDefinitionKey(), timed);
      int cases = perCaseNanos.size();
      LifecycleBenchmark.Result result = new LifecycleBenchmark.Result(v.label, cases, seconds, commits,
          Samples.ofNanos(perCaseNanos.stream().mapToLong(Long::longValue).toArray()), walk.meanStepMillis());
      Samples seal = sealNanos.isEmpty() ? null : Samples.ofNanos(sealNanos.stream().mapToLong(Long::longValue).toArray());
      return new Figures(v, result, roundCasesPerSecond, seal, (double) lookups / cases, (double) unwraps / cases,
          (double) auditRows / cases);
    }

    private static long auditRows(OversightApp app) {
      Long n = app.jdbc().queryForObject("select count(*) from access_audit", Long.class);
      return n == null ? 0 : n;
    }
  }
}
