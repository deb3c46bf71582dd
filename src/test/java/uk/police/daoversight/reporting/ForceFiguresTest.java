package uk.police.daoversight.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.OpenPanels;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/**
 * The force's figures on a known scenario, counted by hand. The scenario is set in 2031 (the engine
 * clock moved there) so that nothing else in the shared test database falls into its period.
 */
@IntegrationTest
class ForceFiguresTest extends EngineTest {

  static final Instant T0 = Instant.parse("2031-03-03T09:00:00Z");

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired ForceFigures forceFigures;

  @Test
  void figuresOfAKnownYearEqualTheHandCountAndSmallCountsAreSuppressed() {
    seedTheYear2031();

    ResponseEntity<Map<String, Object>> answer = rest.withBasicAuth("manager", "demo").exchange(
        "/api/reports/outputs?from=2031-01-01&to=2032-01-01", HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Object> values = new HashMap<>();
    Map<String, Object> previous = new HashMap<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> figures = (List<Map<String, Object>>) answer.getBody().get("figures");
    figures.forEach(f -> {
      values.put((String) f.get("key"), f.get("value"));
      previous.put((String) f.get("key"), f.get("previousYear"));
    });
    assertThat(values).containsEntry("casesReferred", 12).containsEntry("perpetratorsAboveConstable", 3)
        .containsEntry("panelsHeld", "<3").containsEntry("casesSeenPerPanel", "<3").containsEntry("partnerAgenciesAttending", "<3")
        .containsEntry("soosInvolved", 4).containsEntry("casesPerSooPerYear", 1.0)
        .containsEntry("contactWithin72HoursPercent", 75.0).containsEntry("contactHoursLate", "<3")
        .containsEntry("hoursToFirstContact", 38.0)
        .containsEntry("supportReferralsOnTimePercent", 0.0)
        .containsEntry("contactsPerCase", 1.8).containsEntry("victimsEngaging", 3).containsEntry("victimsSupportingInvestigation", 3)
        .containsEntry("actionsSet", 4).containsEntry("actionsCompleted", 3).containsEntry("actionsOverdue", "<3")
        .containsEntry("themesArising", 4).containsEntry("daysReferralToClosure", 30.0);
    assertThat(values).hasSize(ForceFigures.DEFINITIONS.size());
    assertThat(previous.values()).as("2030 had nothing: every count suppressed").allMatch("<3"::equals);
    Map<String, Object> byRoute = new HashMap<>();
    for (String route : List.of("CALL_999", "CALL_101", "LINE_MANAGER", "COLLEAGUE", "PSD", "ANTI_CORRUPTION",
        "OTHER_FORCE_TRANSFER", "IOPC", "IDVA")) {
      byRoute.put(route, "<3");
    }
    byRoute.put("MASH", 3);
    assertThat(answer.getBody().get("breakdowns")).isEqualTo(Map.of(
        "casesReferredByRoute", byRoute, "casesReferredByMonth", Map.of("2031-03", 12)));

    ResponseEntity<String> csv = rest.withBasicAuth("analyst", "demo").getForEntity(
        "/api/reports/outputs?from=2031-01-01&to=2032-01-01&format=csv&recipient=Force Executive Board", String.class);
    assertThat(csv.getBody()).contains("casesReferred,\"Cases referred\",12,<3,").contains("panelsHeld,\"Scrutiny panels held\",<3,<3,")
        .contains("casesReferredByRoute.IDVA,\"casesReferredByRoute IDVA\",<3");

    ResponseEntity<String> recurrence = rest.withBasicAuth("chair", "demo").getForEntity("/api/themes/recurrence", String.class);
    assertThat(recurrence.getBody()).contains("\"themeId\":\"updatesWithheld\"").contains("2031-Q1");
  }

  @Test
  void aDeadlineStillRunningIsNeitherMetNorMissedAndEachFigureIsAsKnownWhenAsked() {
    Instant t0 = Instant.parse("2033-06-06T09:00:00Z");
    Instant from = Instant.parse("2033-06-01T00:00:00Z");
    Instant to = Instant.parse("2033-07-01T00:00:00Z");
    at(t0);
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance slow = driver.start(Referrals.policeVictim("MASH"));
    ProcessInstance quick = driver.start(Referrals.policeVictim("MASH"));
    String slowSoo = allocate(driver, slow);
    String quickSoo = allocate(driver, quick);

    at(t0.plus(Duration.ofHours(1)));
    Map<String, ForceFigures.Measure> early = forceFigures.compute(from, to);
    assertThat(early.get("contactWithin72HoursPercent").base()).as("two deadlines running, none passed").isZero();
    assertThat(early.get("hoursToFirstContact").base()).isZero();

    at(t0.plus(Duration.ofHours(71)));
    driver.readCasePack(quick, quickSoo);
    driver.contact(quick, "ENGAGED", "P14D");
    Map<String, ForceFigures.Measure> atHour71 = forceFigures.compute(from, to);
    assertThat(atHour71.get("contactWithin72HoursPercent")).as("the contact at hour 71 met its deadline; the other still runs")
        .isEqualTo(new ForceFigures.Measure(100.0, 1, false));
    assertThat(atHour71.get("hoursToFirstContact")).isEqualTo(new ForceFigures.Measure(71.0, 1, false));

    at(t0.plus(Duration.ofHours(73)));
    Map<String, ForceFigures.Measure> atHour73 = forceFigures.compute(from, to);
    assertThat(atHour73.get("contactWithin72HoursPercent")).as("the uncontacted case's 72 hours have run out: missed")
        .isEqualTo(new ForceFigures.Measure(50.0, 2, false));

    at(t0.plus(Duration.ofHours(80)));
    driver.readCasePack(slow, slowSoo);
    driver.contact(slow, "ENGAGED", "P14D");
    assertThat(forceFigures.compute(from, to).get("contactHoursLate")).isEqualTo(new ForceFigures.Measure(8.0, 1, false));
    assertThat(forceFigures.compute(from, to, t0.plus(Duration.ofHours(2))).get("contactWithin72HoursPercent").base())
        .as("asked as at hour 2, the later contacts had not happened and no deadline had passed").isZero();

    List<ForceFigures.Month> trend = forceFigures.trend(Instant.parse("2033-05-01T00:00:00Z"), to);
    assertThat(trend).extracting(ForceFigures.Month::month).containsExactly("2033-05", "2033-06");
    assertThat(trend.get(0).figures().get("contactWithin72HoursPercent").base()).isZero();
    assertThat(trend.get(1).figures().get("contactWithin72HoursPercent")).isEqualTo(new ForceFigures.Measure(50.0, 2, false));
    assertThat(trend.get(1).figures()).containsOnlyKeys(ForceFigures.TREND);
  }

  private String allocate(CaseDriver driver, ProcessInstance pi) {
    driver.reviewHistory(pi);
    return driver.allocateAsRecommended(pi);
  }

  @Test
  void onlyManagersTheChairAndAnalystsSeeTheFiguresAndTheDashboard() {
    for (String user : List.of("manager", "chair", "analyst")) {
      assertThat(rest.withBasicAuth(user, "demo").getForEntity("/api/reports/outputs", String.class).getStatusCode()).as(user)
          .isEqualTo(HttpStatus.OK);
      ResponseEntity<String> page = rest.withBasicAuth(user, "demo").getForEntity("/dashboard", String.class);
      assertThat(page.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(page.getBody()).contains("/webjars/chart.js/4.4.1/dist/chart.umd.js");
    }
    for (String user : List.of("soo1", "coordinator", "panel1", "partner1", "auditor")) {
      assertThat(rest.withBasicAuth(user, "demo").getForEntity("/api/reports/outputs", String.class).getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(rest.withBasicAuth(user, "demo").getForEntity("/dashboard", String.class).getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(rest.getForEntity("/dashboard", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/webjars/chart.js/4.4.1/dist/chart.umd.js", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("manager", "demo").getForEntity("/api/reports/outputs?from=last+year", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  /**
   * March 2031: twelve referrals, one through each route and three more by MASH; four allocated and
   * contacted (one late), updated, seen at one panel with an action and a theme each; three actions
   * done and those three cases closed after 30 days.
   */
  private void seedTheYear2031() {
    at(T0);
    CaseDriver driver = new CaseDriver(runtimeService);
    List<ProcessInstance> cases = new ArrayList<>();
    String[][] facts = {{"MASH", "Inspector"}, {"MASH", "Sergeant"}, {"MASH", "Constable"}, {"IDVA", "Chief Inspector"}};
    for (String[] f : facts) {
      ReferralRequest r = Referrals.policeVictim(f[0]);
      ProcessInstance pi = driver.start(new ReferralRequest(r.route(), r.externalReference(),
          new ReferralRequest.PartyRequest(r.victim().name(), null, false, null, null, null, "contact"),
          new ReferralRequest.PartyRequest("Perpetrator " + f[1], null, true, "X" + System.nanoTime() % 100000, f[1], "Firearms", null),
          List.of(), "MEDIUM", false, false, false));
      driver.reviewHistory(pi);
      driver.allocateAsRecommended(pi);
      cases.add(pi);
    }
    // One referral through each of the other eight routes, still with the coordinators.
    for (String route : List.of("CALL_999", "CALL_101", "LINE_MANAGER", "COLLEAGUE", "PSD", "ANTI_CORRUPTION",
        "OTHER_FORCE_TRANSFER", "IOPC")) {
      ReferralRequest r = Referrals.policeVictim(route);
      driver.start(new ReferralRequest(r.route(), r.externalReference(),
          new ReferralRequest.PartyRequest(r.victim().name(), null, false, null, null, null, null),
          new ReferralRequest.PartyRequest("Perpetrator PC", null, true, "Y" + System.nanoTime() % 100000, "PC", "Custody", null),
          List.of(), "STANDARD", false, false, false));
    }
    for (int i = 0; i < 4; i++) {
      ProcessInstance pi = cases.get(i);
      at(T0.plus(Duration.ofHours(i == 3 ? 80 : 24)));
      driver.readCasePack(pi, (String) runtimeService.getVariable(pi.getId(), "allocatedSoo"));
      driver.contact(pi, i == 2 ? "DECLINED" : "ENGAGED", i == 2 ? null : "P14D");
    }
    at(T0.plus(Duration.ofDays(5)));
    for (int i = 0; i < 4; i++) {
      driver.update(cases.get(i), false, Map.of("victimSupportsInvestigation", i == 3 ? "NO" : "YES"));
    }
    at(T0.plus(Duration.ofDays(7)));
    jdbc.update("delete from panel_candidate where case_code not in (?,?,?,?)", cases.stream().map(ProcessInstance::getBusinessKey).toArray());
    OpenPanels.withdrawAll(runtimeService);
    ProcessInstance panel = runtimeService.startProcessInstanceByKey("scrutinyPanel");
    execute(job("draftAgenda", panel));
    complete(task("prepareAgenda", panel), withVariables("agendaReady", true));
    execute(job("publishAgenda", panel));
    complete(task("recordAttendance", panel), withVariables("partnerAgenciesAttending", 2L));
    List<Task> reviews = taskService.createTaskQuery().processInstanceId(panel.getId()).taskDefinitionKey("recordOutcome").list();
    assertThat(reviews).hasSize(4);
    for (int i = 0; i < reviews.size(); i++) {
      Map<String, Object> outcome = new HashMap<>();
      outcome.put("directionForVictim", "Keep the victim updated");
      outcome.put("directionForInvestigation", "Review the plan");
      outcome.put("agreedActions", uk.police.daoversight.panel.ScrutinyPanelProcessTest.agreedActions("Update the victim weekly", "OIC",
          "2031-03-24"));
      outcome.put("themes", List.of(i == 0 ? "inexperiencedInvestigator" : "updatesWithheld"));
      complete(reviews.get(i), outcome);
    }
    for (Job send : managementService.createJobQuery().processInstanceId(panel.getId()).activityId("sendOutcome").list()) {
      execute(send);
    }
    execute(job("closeMeeting", panel));
    at(T0.plus(Duration.ofDays(10)));
    for (int i = 0; i < 3; i++) {
      complete(task("completePanelAction", cases.get(i)), withVariables("actionDone", true));
    }
    at(T0.plus(Duration.ofDays(30)));
    for (int i = 0; i < 3; i++) {
      driver.close(cases.get(i));
    }
  }

  private static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }
}
