package uk.police.daoversight.benchmark;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.panel.AgendaBuilder;
import uk.police.daoversight.panel.AgendaCandidate;
import uk.police.daoversight.panel.AgendaDesk;
import uk.police.daoversight.panel.PanelCandidates;
import uk.police.daoversight.panel.PanelRules;

/**
 * Benchmark 3: the panel's draft agenda for every waiting case (DMN triage and slot per distinct input,
 * packing, the agenda and carried-over lists saved, the summaries the administrator reads), in one
 * transaction as the "Draw up the agenda" job runs it. The job itself is run once too, and whether
 * it succeeds is reported: it also stores the summaries as process variables.
 */
final class AgendaBenchmark {

  static final int PART_RUNS = 3;

  record Result(int waiting, int placed, int carriedOver, Samples millis, String jobOutcome, Parts parts) {}

  /**
   * Median milliseconds of the agenda's parts, each timed on its own over all waiting cases: what
   * a faster agenda would have to change.
   */
  record Parts(double sooLookup, int decisions, double engineDecisions, double dmnEngineOnly) {}

  private AgendaBenchmark() {}

  static Result run(OversightApp app, int waiting, int warmup, int runs) {
    JdbcTemplate jdbc = app.jdbc();
    // The panel has seen the other open cases: the newest {@code waiting} still wait.
    jdbc.update("delete from panel_candidate where case_code not in (select case_code from (select case_code from panel_candidate "
        + "order by waiting_since desc, case_code limit " + waiting + ") newest)");
    Integer candidates = jdbc.queryForObject("select count(*) from panel_candidate", Integer.class);
    if (candidates == null || candidates != waiting) {
      throw new AssertionError(candidates + " cases wait for the panel; the benchmark needs " + waiting);
    }

    RuntimeService runtime = app.bean(RuntimeService.class);
    ProcessInstance panel = runtime.startProcessInstanceByKey("scrutinyPanel");
    String jobOutcome = runDraftJob(app.bean(ManagementService.class), panel);

    AgendaDesk desk = app.bean(AgendaDesk.class);
    TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
    long[] nanos = new long[runs];
    int placed = 0;
    int carried = 0;
    for (int i = -warmup; i < runs; i++) {
      String meeting = UUID.randomUUID().toString();
      long t = System.nanoTime();
      transaction.executeWithoutResult(status -> {
        desk.draft(meeting, panel.getId());
        desk.summary(meeting);
        desk.carriedOverSummary(meeting);
      });
      long elapsed = System.nanoTime() - t;
      placed = count(jdbc, "panel_agenda_item", meeting);
      carried = count(jdbc, "panel_carried_over", meeting);
      if (placed == 0 || placed + carried != waiting) {
        throw new AssertionError("Agenda " + meeting + ": " + placed + " placed and " + carried + " carried over of "
            + waiting + " waiting");
      }
      if (i >= 0) {
        nanos[i] = elapsed;
      }
    }
    runtime.deleteProcessInstance(panel.getId(), "benchmark: panel not held");
    return new Result(waiting, placed, carried, Samples.ofNanos(nanos), jobOutcome, parts(app, transaction));
  }

  /**
   * The per-case work of an agenda, part by part, each the median of {@value #PART_RUNS} runs after one
   * untimed, in a transaction that is rolled back.
   */
  private static Parts parts(OversightApp app, TransactionTemplate transaction) {
    SooRoster roster = app.bean(SooRoster.class);
    AgendaBuilder.Rules rules = app.bean(PanelRules.class).latest();
    List<PanelCandidates.Waiting> waiting = app.bean(PanelCandidates.class).waiting();
    Instant now = Instant.now();
    // As AgendaBuilder asks: once per distinct triage input, once per review type for the slot.
    List<AgendaCandidate> candidates = waiting.stream().map(w -> new AgendaCandidate("any", w.reviewType(),
        w.requestedBack(), w.riskLevel(), w.daysWaiting(now), List.of())).distinct().toList();
    List<String> reviewTypes = candidates.stream().map(AgendaCandidate::reviewType).distinct().toList();
    List<String> codes = waiting.stream().map(PanelCandidates.Waiting::caseCode).toList();
    DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision triage = deployed(app, dmn, PanelRules.TRIAGE);
    DmnDecision slot = deployed(app, dmn, PanelRules.SLOT_MINUTES);
    return new Parts(
        medianMillis(transaction, () -> roster.activeSoos(codes)),
        candidates.size() + reviewTypes.size(),
        medianMillis(transaction, () -> {
          candidates.forEach(rules::triage);
          reviewTypes.forEach(type -> rules.slotMinutes(type, false));
        }),
        medianMillis(transaction, () -> {
          candidates.forEach(c -> dmn.evaluateDecision(triage, Variables.createVariables()
              .putValue("requestedBack", c.requestedBack()).putValue("riskLevel", c.riskLevel())
              .putValue("reviewType", c.reviewType()).putValue("daysWaiting", c.daysWaiting())));
          reviewTypes.forEach(type -> dmn.evaluateDecision(slot, Variables.createVariables().putValue("reviewType", type)
              .putValue("complex", false)));
        }));
  }

  /** The latest deployed version of a decision, parsed by a standalone DMN engine (no history, no database). */
  private static DmnDecision deployed(OversightApp app, DmnEngine dmn, String key) {
    RepositoryService repository = app.bean(RepositoryService.class);
    String id = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult().getId();
    return dmn.parseDecision(key, repository.getDecisionModel(id));
  }

  private static double medianMillis(TransactionTemplate transaction, Runnable part) {
    long[] nanos = new long[PART_RUNS];
    for (int i = -1; i < PART_RUNS; i++) {
      long t = System.nanoTime();
      transaction.executeWithoutResult(status -> {
        part.run();
        status.setRollbackOnly();
      });
      if (i >= 0) {
        nanos[i] = System.nanoTime() - t;
      }
    }
    return Samples.ofNanos(nanos).p50();
  }

  /** Runs the real "Draw up the agenda" job once: "succeeded in … ms", or why it failed. */
  private static String runDraftJob(ManagementService management, ProcessInstance panel) {
    Job job = management.createJobQuery().processInstanceId(panel.getId()).activityId("draftAgenda").singleResult();
    if (job == null) {
      throw new AssertionError("The scrutiny panel did not wait at \"Draw up the agenda\"");
    }
    long t = System.nanoTime();
    try {
      management.executeJob(job.getId());
      return "succeeded in " + Samples.format((System.nanoTime() - t) / 1e6) + " ms";
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String why = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
      return "FAILED: " + (why.length() > 200 ? why.substring(0, 200) + "…" : why);
    }
  }

  private static int count(JdbcTemplate jdbc, String table, String meeting) {
    Integer n = jdbc.queryForObject("select count(*) from " + table + " where meeting_id = ?", Integer.class, meeting);
    return n == null ? 0 : n;
  }
}
