package uk.police.daoversight.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/**
 * A year of cases with the engine clock: referrals arrive at a rate that doubles over the year (the
 * force's growth), SOOs contact in time, at hour 71, or days late, and keep the case updated (a day before each 28-day deadline) or let
 * it lapse for a week. Every simulated day at 09:00 (and at 08:00 when a SOO contacts at hour 71)
 * the due jobs run and every deadline is checked: one that has passed has been chased once at the deadline and once per day since, one
 * met has never been chased.
 */
@IntegrationTest
class DeadlineYearSimulationTest extends EngineTest {

  static final Duration DAY = Duration.ofDays(1);
  static final Set<String> CONTACT_CHASES = Set.of("chaseOverdueContact", "escalateOverdueContact");
  static final Set<String> UPDATE_CHASES = Set.of("chaseCaseUpdate", "escalateCaseUpdate");

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;

  /** One simulated case: when its SOO makes contact (hours after allocation) and how it is updated. */
  static final class SimCase {
    final ProcessInstance pi;
    final Instant allocatedAt;
    final Instant contactDue;
    final long contactAfterHours;
    final boolean lapses;
    Instant contactedAt;
    Instant updateDue;
    boolean lapsedOnce;

    Instant plannedContact() {
      return allocatedAt.plus(Duration.ofHours(contactAfterHours));
    }

    SimCase(ProcessInstance pi, Instant allocatedAt, long contactAfterHours, boolean lapses) {
      this.pi = pi;
      this.allocatedAt = allocatedAt;
      this.contactDue = allocatedAt.plus(Duration.ofHours(72));
      this.contactAfterHours = contactAfterHours;
      this.lapses = lapses;
    }
  }

  @Test
  void aYearOfCasesShowsNoDeadlineThatPassedWithoutAChase() {
    CaseDriver driver = new CaseDriver(runtimeService);
    Instant yearStart = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(9));
    List<SimCase> cases = new ArrayList<>();
    double arrived = 0;
    // 2 referrals a month at the start, doubling over the year: about 35 cases.
    double ratePerDay = 2.0 / 30;
    long contactedLate = 0;
    long checks = 0;
    for (int day = 0; day < 365; day++) {
      for (int hour : new int[] {8, 9}) {
        Instant now = yearStart.plus(DAY.multipliedBy(day)).plus(Duration.ofHours(hour - 9));
        if (hour == 8 && cases.stream().noneMatch(c -> c.contactedAt == null && c.plannedContact().equals(now))) {
          continue;
        }
        ClockUtil.setCurrentTime(Date.from(now));
        runDueJobs(cases);
        if (hour == 9) {
          double before = arrived;
          arrived += ratePerDay * Math.pow(2, day / 365.0);
          for (int i = (int) before; i < (int) arrived; i++) {
            cases.add(arrive(driver, cases.size(), now));
          }
        }
        for (SimCase c : cases) {
          act(driver, c, now);
        }
        coordinatorsAnswerOpenChases(cases);
        checks += check(cases, now);
      }
    }
    for (SimCase c : cases) {
      if (c.contactedAt != null && c.contactedAt.isAfter(c.contactDue)) {
        contactedLate++;
      }
    }
    Assertions.assertThat(cases).hasSizeBetween(30, 45);
    Assertions.assertThat(contactedLate).as("some deadlines were missed, so chases were due").isPositive();
    Assertions.assertThat(checks).isPositive();
  }

  SimCase arrive(CaseDriver driver, int n, Instant now) {
    ProcessInstance pi = driver.start(Referrals.policeVictim(n % 2 == 0 ? "LINE_MANAGER" : "CALL_101"));
    driver.reviewHistory(pi);
    driver.allocateAsRecommended(pi);
    long[] contactAfter = {20, 71, 144, 240};
    return new SimCase(pi, now, contactAfter[n % 4], n % 3 == 0);
  }

  /** The SOO's side: read the pack and make contact at the planned hour; update a day before each deadline. */
  void act(CaseDriver driver, SimCase c, Instant now) {
    if (c.contactedAt == null && !now.isBefore(c.plannedContact())) {
      String soo = (String) runtimeService.getVariable(c.pi.getId(), "allocatedSoo");
      driver.readCasePack(c.pi, soo);
      driver.contact(c.pi, "DECLINED", null);
      c.contactedAt = now;
      c.updateDue = now.plus(Duration.ofDays(28));
      return;
    }
    if (c.contactedAt != null) {
      // Lapsing cases let the first update run 7 days past its 28-day deadline; others update a day before each 28-day deadline.
      Instant updateAt = c.lapses && !c.lapsedOnce ? c.updateDue.plus(Duration.ofDays(7)) : c.updateDue.minus(Duration.ofDays(1));
      if (!now.isBefore(updateAt)) {
        driver.update(c.pi, false, Map.of());
        c.lapsedOnce = c.lapsedOnce || c.lapses;
        c.updateDue = now.plus(Duration.ofDays(28));
      }
    }
  }

  void runDueJobs(List<SimCase> cases) {
    Set<String> ours = cases.stream().map(c -> c.pi.getId()).collect(Collectors.toSet());
    for (int round = 0; round < 10; round++) {
      List<Job> due = managementService.createJobQuery().executable().list().stream()
          .filter(j -> ours.contains(j.getProcessInstanceId())).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(j -> managementService.executeJob(j.getId()));
    }
  }

  void coordinatorsAnswerOpenChases(List<SimCase> cases) {
    Set<String> ours = cases.stream().map(c -> c.pi.getId()).collect(Collectors.toSet());
    for (Task t : taskService.createTaskQuery().processDefinitionKey("oversightCase")
        .taskDefinitionKeyIn("chaseOverdueContact", "chaseCaseUpdate").list()) {
      if (ours.contains(t.getProcessInstanceId())) {
        complete(t, withVariables("overdueChaseNote", "Spoke to the SOO", "updateChaseNote", "Spoke to the SOO"));
      }
    }
  }

  /** Every passed deadline has had one chase at the deadline and one per day since; a met one none. */
  long check(List<SimCase> cases, Instant now) {
    if (cases.isEmpty()) {
      return 0;
    }
    Set<String> ours = cases.stream().map(c -> c.pi.getId()).collect(Collectors.toSet());
    Map<String, List<HistoricTaskInstance>> chases = historyService.createHistoricTaskInstanceQuery()
        .processDefinitionKey("oversightCase").taskDefinitionKeyIn("chaseOverdueContact", "escalateOverdueContact",
            "chaseCaseUpdate", "escalateCaseUpdate").list().stream()
        .filter(t -> ours.contains(t.getProcessInstanceId()))
        .collect(Collectors.groupingBy(t -> t.getProcessInstanceId() + "/"
            + (CONTACT_CHASES.contains(t.getTaskDefinitionKey()) ? "contact" : "update")));
    long checked = 0;
    for (SimCase c : cases) {
      Instant contactClock = c.contactedAt == null ? now : c.contactedAt;
      long contactChases = chases.getOrDefault(c.pi.getId() + "/contact", List.of()).size();
      Assertions.assertThat(contactChases).as("first-contact chases of case %s at %s", c.pi.getBusinessKey(), now)
          .isEqualTo(expected(c.contactDue, contactClock));
      if (c.contactedAt != null && c.lapses && c.lapsedOnce) {
        long updateChases = chases.getOrDefault(c.pi.getId() + "/update", List.of()).size();
        Assertions.assertThat(updateChases).as("update chases of case %s at %s", c.pi.getBusinessKey(), now).isEqualTo(8);
      } else if (c.contactedAt != null && !c.lapses) {
        Assertions.assertThat(chases.getOrDefault(c.pi.getId() + "/update", List.of())).as("case %s updates in time", c.pi.getBusinessKey()).isEmpty();
      }
      checked++;
    }
    return checked;
  }

  /** Chases due by {@code until} for a deadline: at the deadline, then one a day. */
  static long expected(Instant deadline, Instant until) {
    if (until.isBefore(deadline)) {
      return 0;
    }
    return Duration.between(deadline, until).toMillis() / DAY.toMillis() + 1;
  }
}
