package uk.police.daoversight.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import uk.police.daoversight.allocation.SooProfile;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.closure.PanelActions;
import uk.police.daoversight.closure.PanelOutcomes;
import uk.police.daoversight.intake.ReferralFormFields;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.intake.Route;
import uk.police.daoversight.access.DirectoryImport;
import uk.police.daoversight.panel.PanelCandidates;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.vault.IdentityVault;

/**
 * Walks every path of {@code oversightCase} with the real delegates, vault and roster. Jobs are
 * executed by the test; timers are reached by moving the engine clock, never by waiting.
 */
@IntegrationTest
class OversightCaseProcessTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired AuthorizationService authorizationService;
  @Autowired SooRoster roster;
  @Autowired IdentityVault vault;
  @Autowired PanelOutcomes panelOutcomes;
  @Autowired PanelCandidates candidates;
  @Autowired uk.police.daoversight.allocation.AllocationDesk desk;
  @Autowired uk.police.daoversight.vault.IdentityAccess identityAccess;
  @Autowired uk.police.daoversight.access.DirectoryImport directoryImport;
  @Autowired uk.police.daoversight.access.StaffDirectory directory;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;

  CaseDriver driver;

  @BeforeEach
  void init() {
    driver = new CaseDriver(runtimeService);
    ClockUtil.setCurrentTime(new Date());
  }

  // ---- intake

  @ParameterizedTest
  @EnumSource(Route.class)
  void everyRouteLandsWithTheCoordinators(Route route) {
    ProcessInstance pi = start(Referrals.policeVictim(route.name()));

    assertThat(pi).isWaitingAt("reviewHistory").hasPassed("referralReceived", "decideComplexity", "findPreviousCases");
    assertThat(pi).task().hasCandidateGroup("case-coordinators");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "route")).isEqualTo(route.name());
    Assertions.assertThat(pi.getBusinessKey()).matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "caseCode")).isEqualTo(pi.getBusinessKey());
    Assertions.assertThat(runtimeService.getVariables(pi.getId())).doesNotContainKeys(
        ReferralFormFields.IDENTITY.toArray(String[]::new));
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "complexRoute")).isEqualTo("CASE_CONFERENCE");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "dualSoo")).isEqualTo(false);
  }

  @Test
  void referralWithOnlyOnePoliceEmployeeRoutesToThePanel() {
    ReferralRequest r = Referrals.policeVictim("MASH");
    ReferralRequest civilianPerpetrator = new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest("Civilian Person", null, false, null, null, null, null),
        List.of(), "STANDARD", false, false, false);
    ProcessInstance pi = start(civilianPerpetrator);
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "complexRoute")).isEqualTo("PANEL");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "bothPartiesPolice")).isEqualTo(false);
  }

  @Test
  void reReferralOfAVictimIsLinkedAndGoesToTheirEarlierSoo() {
    ReferralRequest first = Referrals.policeVictim("COLLEAGUE");
    ProcessInstance earlier = start(first);
    reviewHistory(earlier);
    String earlierSoo = allocateAsRecommended(earlier);

    ProcessInstance again = start(Referrals.sameVictim(first));
    assertThat(again).isWaitingAt("reviewHistory");
    Assertions.assertThat((String) runtimeService.getVariable(again.getId(), "previousCaseCodes"))
        .contains(earlier.getBusinessKey()).contains("same victim");
    Assertions.assertThat(runtimeService.getVariable(again.getId(), "previousSoo")).isEqualTo(earlierSoo);

    complete(task("reviewHistory", again), withVariables("historyReviewed", true, "linkToPreviousCase", true));
    assertThat(again).isWaitingAt("allocateSoo");
    Assertions.assertThat(runtimeService.getVariable(again.getId(), "allocatedSoo")).isEqualTo(earlierSoo);
    Assertions.assertThat((String) runtimeService.getVariable(again.getId(), "recommendation")).contains("earlier case");
    Assertions.assertThat(vault.find(again.getBusinessKey()).orElseThrow().linkedCaseCode()).isEqualTo(earlier.getBusinessKey());
  }

  // ---- history before routing (#19 items 4 and 7)

  /** A referral of a civilian victim of a police perpetrator: on its own it goes to the panel. */
  static ReferralRequest civilianVictimOf(ReferralRequest.PartyRequest perpetrator) {
    String id = java.util.UUID.randomUUID().toString().substring(0, 8);
    return new ReferralRequest("CALL_999", Referrals.uniqueReference(),
        new ReferralRequest.PartyRequest("Vera Civilian-" + id, "1991-02-03", false, null, null, null, "07700 900111"),
        perpetrator, List.of(), "MEDIUM", false, false, false);
  }

  static ReferralRequest.PartyRequest policePerpetrator() {
    String id = java.util.UUID.randomUUID().toString().substring(0, 8);
    return new ReferralRequest.PartyRequest("Perry Serial-" + id, "1979-05-06", true, "SP" + id, "Sergeant", "Response North", null);
  }

  @Test
  void aSerialPerpetratorsThirdCaseGoesToACaseConference() {
    ReferralRequest.PartyRequest perpetrator = policePerpetrator();
    ProcessInstance first = start(civilianVictimOf(perpetrator));
    assertThat(first).isWaitingAt("reviewHistory").hasPassedInOrder("findPreviousCases", "decideComplexity");
    Assertions.assertThat(runtimeService.getVariable(first.getId(), "complexRoute")).isEqualTo("PANEL");
    Assertions.assertThat(runtimeService.getVariable(first.getId(), "serialPerpetrator")).isEqualTo(false);
    Assertions.assertThat(runtimeService.getVariable(first.getId(), "serialFinding")).isEqualTo("None found");
    later();
    ProcessInstance second = start(civilianVictimOf(perpetrator));
    later();

    ProcessInstance third = start(civilianVictimOf(perpetrator));

    Assertions.assertThat(runtimeService.getVariable(third.getId(), "serialPerpetrator")).isEqualTo(true);
    Assertions.assertThat(runtimeService.getVariable(third.getId(), "complexRoute")).isEqualTo("CASE_CONFERENCE");
    Assertions.assertThat((String) runtimeService.getVariable(third.getId(), "serialFinding"))
        .startsWith("Serial perpetrator: the perpetrator is the perpetrator in 2 earlier cases with 2 other victims")
        .contains(first.getBusinessKey()).contains(second.getBusinessKey());
    Assertions.assertThat((String) runtimeService.getVariable(third.getId(), "previousCaseCodes"))
        .isEqualTo("2 earlier cases, newest first: " + second.getBusinessKey() + " (same perpetrator, open); "
            + first.getBusinessKey() + " (same perpetrator, open)");
    Assertions.assertThat(runtimeService.getVariables(third.getId()).values())
        .noneMatch(v -> v instanceof String text && (text.contains(perpetrator.name()) || text.contains(perpetrator.staffNumber())));
    reviewHistory(third);
    allocateAsRecommended(third);
    assertThat(third).hasPassed("requestCaseConference").hasNotPassed("listForPanel");
  }

  /** The engine clock a minute on, so that cases referred one after the other are ordered by their referral time. */
  static void later() {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
  }

  @Test
  void aVictimSeenWithAnotherPerpetratorIsASerialVictim() {
    ReferralRequest first = civilianVictimOf(policePerpetrator());
    ProcessInstance earlier = start(first);
    ReferralRequest again = new ReferralRequest("IDVA", Referrals.uniqueReference(), first.victim(), policePerpetrator(),
        List.of(), "MEDIUM", false, false, false);

    ProcessInstance pi = start(again);

    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "serialPerpetrator")).isEqualTo(true);
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "complexRoute")).isEqualTo("CASE_CONFERENCE");
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "serialFinding"))
        .isEqualTo("Serial victim: the victim is the victim in 1 earlier case with 1 other perpetrator: " + earlier.getBusinessKey() + ".");
  }

  @Test
  void theSamePerpetratorAndVictimAgainIsNotSerial() {
    ReferralRequest first = civilianVictimOf(policePerpetrator());
    start(first);
    ProcessInstance pi = start(new ReferralRequest("IDVA", Referrals.uniqueReference(), first.victim(), first.perpetrator(),
        List.of(), "MEDIUM", false, false, false));

    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "serialPerpetrator")).isEqualTo(false);
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "complexRoute")).isEqualTo("PANEL");
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "previousCaseCodes")).contains("(same victim, same perpetrator, open)");
  }

  @Test
  void theCoordinatorCorrectsTheRouteAtReviewHistoryOnlyWithAReason() {
    ProcessInstance pi = start(Referrals.policeVictim("PSD"));
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "complexRoute")).isEqualTo("CASE_CONFERENCE");
    Task review = task("reviewHistory", pi);

    Assertions.assertThatThrownBy(() -> taskService.complete(review.getId(), Map.of("historyReviewed", true, "routeCorrection", "PANEL")))
        .hasRootCauseInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class)
        .hasRootCauseMessage("Give a reason for changing the route from a case conference to the panel");
    assertThat(pi).isWaitingAt("reviewHistory");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "complexRoute")).isEqualTo("CASE_CONFERENCE");
    Assertions.assertThatThrownBy(() -> taskService.complete(review.getId(), Map.of("historyReviewed", true, "routeCorrection", "ELSEWHERE",
        "routeCorrectionReason", "because"))).hasRootCauseInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class);

    complete(review, withVariables("historyReviewed", true, "routeCorrection", "PANEL",
        "routeCorrectionReason", "Both work for the force but in different counties; no complexity"));
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "complexRoute")).isEqualTo("PANEL");
    allocateAsRecommended(pi);
    assertThat(pi).hasPassed("listForPanel").hasNotPassed("requestCaseConference");
  }

  @Test
  void keepingTheDecidedRouteNeedsNoReason() {
    ProcessInstance pi = toOversightAfterReview(Referrals.policeVictim("PSD"), Map.of("historyReviewed", true, "routeCorrection", "KEEP"));
    assertThat(pi).hasPassed("requestCaseConference");
  }

  ProcessInstance toOversightAfterReview(ReferralRequest referral, Map<String, Object> review) {
    ProcessInstance pi = start(referral);
    complete(task("reviewHistory", pi), review);
    allocateAsRecommended(pi);
    return pi;
  }

  @Test
  void aPersonWithTwoHundredEarlierCasesCanStillBeReferredAndTheirHistoryIsPagedNewestFirst() {
    ReferralRequest.PartyRequest perpetrator = policePerpetrator();
    uk.police.daoversight.intake.Party vaultPerpetrator = new uk.police.daoversight.intake.Party(perpetrator.name(),
        LocalDate.parse(perpetrator.dateOfBirth()), true, perpetrator.staffNumber(), perpetrator.rank(), perpetrator.department(), null);
    java.time.Instant first = java.time.Instant.now().minus(Duration.ofDays(2000));
    List<String> codes = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String code = String.format("H%03d-%s", i, java.util.UUID.randomUUID().toString().substring(0, 4).toUpperCase());
      vault.store(code, new uk.police.daoversight.intake.Referral(Route.CALL_101, Referrals.uniqueReference(),
          new uk.police.daoversight.intake.Party("Victim " + i + " " + code, LocalDate.of(1990, 1, 1).plusDays(i), false, null, null, null, null),
          vaultPerpetrator, java.util.Set.of(), uk.police.daoversight.intake.RiskLevel.MEDIUM, false, false, false), first.plus(Duration.ofDays(i)));
      codes.add(0, code);
    }

    ProcessInstance pi = start(civilianVictimOf(perpetrator));

    assertThat(pi).isWaitingAt("reviewHistory");
    String shown = (String) runtimeService.getVariable(pi.getId(), "previousCaseCodes");
    Assertions.assertThat(shown).hasSizeLessThan(EngineText.MAX_CHARS)
        .startsWith("200 earlier cases, newest first: " + codes.get(0) + " (same perpetrator, open); " + codes.get(1))
        .endsWith(" older (open the case's full history)");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "earlierCases")).isEqualTo(200);
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "serialFinding")).hasSizeLessThan(EngineText.MAX_CHARS)
        .contains("200 earlier cases with 200 other victims").contains(codes.get(0)).contains(" more");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "complexRoute")).isEqualTo("CASE_CONFERENCE");

    var page0 = desk.historyPage(pi.getBusinessKey(), 0, 20);
    var page9 = desk.historyPage(pi.getBusinessKey(), 9, 20);
    var beyond = desk.historyPage(pi.getBusinessKey(), 10, 20);
    Assertions.assertThat(page0.total()).isEqualTo(200);
    Assertions.assertThat(page0.cases()).extracting(uk.police.daoversight.vault.CaseHistory.EarlierCase::caseCode)
        .containsExactlyElementsOf(codes.subList(0, 20));
    Assertions.assertThat(page9.cases()).extracting(uk.police.daoversight.vault.CaseHistory.EarlierCase::caseCode)
        .containsExactlyElementsOf(codes.subList(180, 200));
    Assertions.assertThat(beyond.cases()).isEmpty();
    reviewHistory(pi);
    assertThat(pi).isWaitingAt("allocateSoo");
  }

  // ---- allocation

  @Test
  void aNewCaseWaitsForThePanelOnceItsSooIsAllocated() {
    ReferralRequest r = Referrals.policeVictim("MASH");
    ProcessInstance pi = start(new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest("Civilian Person", null, false, null, null, null, null),
        List.of(), "HIGH", false, false, false));
    reviewHistory(pi);
    Assertions.assertThat(candidates.isWaiting(pi.getBusinessKey())).isFalse();
    allocateAsRecommended(pi);

    assertThat(pi).hasPassed("isComplexCase", "listForPanel").hasNotPassed("requestCaseConference");
    Assertions.assertThat(candidates.isWaiting(pi.getBusinessKey())).isTrue();
  }

  @Test
  void aComplexCaseGoesToACaseConferenceNotThePanel() {
    ProcessInstance pi = start(Referrals.policeVictim("PSD"));
    reviewHistory(pi);
    allocateAsRecommended(pi);

    assertThat(pi).hasPassed("requestCaseConference").hasNotPassed("listForPanel").isWaitingAt("reachVictim");
    Assertions.assertThat(candidates.isWaiting(pi.getBusinessKey())).isFalse();
    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("caseConference")
        .processInstanceBusinessKey(pi.getBusinessKey()).count()).isEqualTo(1);
  }

  @Test
  void theSooCanBringTheCaseBackToThePanelWithAnUpdate() {
    ProcessInstance pi = toOversight(Referrals.policeVictim("COLLEAGUE"));
    Assertions.assertThat(candidates.isWaiting(pi.getBusinessKey())).isFalse();
    update(pi, false, Map.of("bringToPanel", true));
    Assertions.assertThat(candidates.waiting()).filteredOn(w -> w.caseCode().equals(pi.getBusinessKey()))
        .singleElement().extracting(PanelCandidates.Waiting::reviewType).isEqualTo("UPDATE");
  }

  @Test
  void noEligibleSooIsAVisibleTaskForTheCoordinatorsUntilTheRosterChanges() {
    List<String> everyone = roster.all().stream().map(SooProfile::userId).toList();
    ProcessInstance pi = start(Referrals.with(Referrals.policeVictim("PSD"), false, everyone));
    reviewHistory(pi);

    assertThat(pi).isWaitingAt("findEligibleSoo").hasPassed("recommendSoo");
    assertThat(pi).task().hasCandidateGroup("case-coordinators");
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "recommendation")).contains("No eligible SOO");

    String newcomer = "soo-new-" + System.nanoTime() % 100000;
    roster.save(new SooProfile(newcomer, "Chief Inspector", "Operations", null, true, null, null));
    try {
      complete(task("findEligibleSoo", pi), withVariables("rosterUpdated", true));
      assertThat(pi).isWaitingAt("allocateSoo");
      Assertions.assertThat(runtimeService.getVariable(pi.getId(), "allocatedSoo")).isEqualTo(newcomer);
    } finally {
      roster.save(new SooProfile(newcomer, "Chief Inspector", "Operations", null, false, null, null));
    }
  }

  @Test
  void theAllocationFormShowsEachEligibleSooWithNameRankDepartmentLoadAndLastAllocation() {
    ProcessInstance pi = start(Referrals.policeVictim("CALL_101"));
    reviewHistory(pi);
    String eligible = (String) runtimeService.getVariable(pi.getId(), "eligibleSoos");
    Assertions.assertThat(eligible.split("\n")).allMatch(line -> line.matches(
        "soo\\d+: SOO Number \\d+, Chief Inspector, [^;]+; \\d+ open cases?( \\(at the load limit of 3\\))?; "
            + "(never allocated|last allocated \\d{4}-\\d{2}-\\d{2})"));
    Assertions.assertThat(eligible).contains("soo1: SOO Number 1, Chief Inspector, Response North; ").doesNotContain("soo6");
  }

  @Test
  void anIneligibleChoiceGoesBackToTheCoordinatorWithTheReason() {
    ProcessInstance pi = start(Referrals.policeVictim("CALL_101"));
    reviewHistory(pi);
    complete(task("allocateSoo", pi), withVariables("allocatedSoo", "soo6", "allocationReason", "available today"));
    execute(job("recordAllocation", pi));

    assertThat(pi).isWaitingAt("allocateSoo").hasPassed("allocationRefused");
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "allocationProblem")).contains("soo6").contains("excluded role");
  }

  @Test
  void choosingOtherThanTheRecommendationNeedsAReason() {
    ProcessInstance pi = start(Referrals.policeVictim("CALL_101"));
    reviewHistory(pi);
    String recommended = (String) runtimeService.getVariable(pi.getId(), "allocatedSoo");
    String other = List.of("soo1", "soo2", "soo3", "soo4", "soo5").stream().filter(s -> !s.equals(recommended)).findFirst().orElseThrow();

    complete(task("allocateSoo", pi), withVariables("allocatedSoo", other));
    execute(job("recordAllocation", pi));
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "allocationProblem")).contains("reason");

    complete(task("allocateSoo", pi), withVariables("allocatedSoo", other, "allocationReason", "Recommended SOO is on leave"));
    execute(job("recordAllocation", pi));
    assertThat(pi).isWaitingAt("reachVictim");
    Assertions.assertThat(roster.find(other).orElseThrow().lastAllocatedAt()).isEqualTo(ClockUtil.getCurrentTime().toInstant());
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskAssignee(other).count()).isEqualTo(1);
  }

  @Test
  void aCounterAllegationGetsASooForEachParty() {
    ProcessInstance pi = start(Referrals.with(Referrals.policeVictim("IDVA"), true, List.of()));
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "dualSoo")).isEqualTo(true);
    reviewHistory(pi);
    String first = (String) runtimeService.getVariable(pi.getId(), "allocatedSoo");
    String second = (String) runtimeService.getVariable(pi.getId(), "allocatedSecondSoo");
    Assertions.assertThat(second).isNotNull().isNotEqualTo(first);

    complete(task("allocateSoo", pi));
    execute(job("recordAllocation", pi));

    List<Task> packs = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("readCasePack").list();
    Assertions.assertThat(packs).extracting(Task::getAssignee).containsExactlyInAnyOrder(first, second);
    for (String soo : List.of(first, second)) {
      Assertions.assertThat(authorizationService.createAuthorizationQuery().userIdIn(soo)
          .resourceType(Resources.PROCESS_INSTANCE).resourceId(pi.getId()).count()).isEqualTo(1);
    }
  }

  // ---- the 72-hour contact

  @Test
  void contactIsDueSeventyTwoHoursAfterAllocationAndTheTimerChasesWithoutClosingTheTask() {
    ProcessInstance pi = start(Referrals.policeVictim("LINE_MANAGER"));
    reviewHistory(pi);
    Date allocatedAt = ClockUtil.getCurrentTime();
    String soo = allocateAsRecommended(pi);
    readCasePack(pi, soo);

    Task contact = task("contactVictim", pi);
    Date due = new Date(allocatedAt.getTime() + Duration.ofHours(72).toMillis());
    Assertions.assertThat(contact.getDueDate()).isEqualTo(due);
    Assertions.assertThat(contact.getAssignee()).isEqualTo(soo);
    Job timer = job("contactOverdue", pi);
    Assertions.assertThat(timer.getDuedate()).isEqualTo(due);

    ClockUtil.setCurrentTime(new Date(due.getTime() + 60_000));
    execute(timer);

    assertThat(pi).isWaitingAt("contactVictim", "chaseOverdueContact");
    assertThat(pi).task("chaseOverdueContact").hasCandidateGroup("case-coordinators");
    complete(task("chaseOverdueContact", pi), withVariables("overdueChaseNote", "SOO on a course, contact tomorrow"));
    assertThat(pi).isWaitingAt("contactVictim").hasPassed("overdueContactChased");
  }

  @Test
  void contactInTimeCancelsTheTimer() {
    ProcessInstance pi = toFirstContact(Referrals.policeVictim("CALL_999"));
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(20).toMillis()));
    contact(pi, "ENGAGED", "P14D");

    assertThat(pi).hasNotPassed("contactOverdue", "chaseOverdueContact");
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("contactOverdue").count()).isZero();
  }

  @Test
  void anUnreachableVictimIsTriedAgainUnderTheSameDeadline() {
    ProcessInstance pi = toFirstContact(Referrals.policeVictim("ANTI_CORRUPTION"));
    Date due = task("contactVictim", pi).getDueDate();

    complete(task("contactVictim", pi), withVariables("contactOutcome", "UNREACHABLE"));

    assertThat(pi).isWaitingAt("contactVictim");
    Assertions.assertThat(task("contactVictim", pi).getDueDate()).isEqualTo(due);
    Assertions.assertThat(job("contactOverdue", pi).getDuedate()).isEqualTo(due);
  }

  @Test
  void aDecliningVictimIsStillOverseenButGetsNoScheduledContact() {
    ProcessInstance pi = toFirstContact(Referrals.policeVictim("OTHER_FORCE_TRANSFER"));
    contact(pi, "DECLINED", null);

    assertThat(pi).isWaitingAt("updateCase").hasPassed("noContactSchedule");
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("nextContactDue").count()).isZero();
  }

  @Test
  void anAgreedScheduleRaisesScheduledContactsShowingTheSafeContactPreferences() {
    ProcessInstance pi = toFirstContact(Referrals.policeVictim("IOPC"));
    contact(pi, "ENGAGED", "P7D");

    assertThat(pi).isWaitingAt("updateCase", "nextContactDue");
    Job due = job("nextContactDue", pi);
    Assertions.assertThat(due.getDuedate()).isEqualTo(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(7).toMillis()));
    ClockUtil.setCurrentTime(due.getDuedate());
    execute(due);

    Task scheduled = task("makeScheduledContact", pi);
    String summary = (String) taskService.getVariable(scheduled.getId(), "safeContactSummary");
    Assertions.assertThat(summary).contains("personal mobile").contains("Voicemail NOT safe").contains("work contact NOT agreed");
    complete(scheduled, withVariables("scheduledContactMade", true, "contactNote", "Victim updated on bail conditions"));
    execute(job("fileScheduledContact", pi));
    assertThat(pi).isWaitingAt("updateCase", "nextContactDue");
  }

  @Test
  void twentyEightDaysWithoutAnUpdateRemindsTheCoordinators() {
    ProcessInstance pi = toOversight(Referrals.policeVictim("COLLEAGUE"));
    Job reminder = job("updateOverdue", pi);
    Assertions.assertThat(reminder.getDuedate()).isEqualTo(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(28).toMillis()));
    ClockUtil.setCurrentTime(reminder.getDuedate());
    execute(reminder);

    assertThat(pi).isWaitingAt("updateCase", "chaseCaseUpdate");
    complete(task("chaseCaseUpdate", pi), withVariables("updateChaseNote", "SOO will update today"));
    assertThat(pi).hasPassed("updateChased");
  }

  @Test
  void anUpdateRestartsTheTwentyEightDayClock() {
    ProcessInstance pi = toOversight(Referrals.policeVictim("COLLEAGUE"));
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(20).toMillis()));
    update(pi, false, Map.of());

    Assertions.assertThat(job("updateOverdue", pi).getDuedate())
        .isEqualTo(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(28).toMillis()));
    assertThat(pi).isWaitingAt("updateCase").hasNotPassed("chaseCaseUpdate");
  }

  // ---- closure

  @Test
  void closureIsRefusedWhileAPanelActionIsOpenAndApprovedOnceItIsDone() {
    ProcessInstance pi = toOversight(Referrals.policeVictim("MASH"));
    panelOutcomes.record(PanelOutcomes.Outcome.of(pi.getBusinessKey(),
        List.of(new PanelActions.NewAction("Ask the investigator to update the victim weekly", "OIC", LocalDate.now().plusDays(14))), false));
    assertThat(pi).isWaitingAt("updateCase", "completePanelAction");

    update(pi, true, assurance());
    assertThat(pi).isWaitingAt("updateCase", "completePanelAction").hasPassed("checkClosure");
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "closureRefusal"))
        .contains("Open panel action: Ask the investigator to update the victim weekly");

    Task action = task("completePanelAction", pi);
    Assertions.assertThat((String) taskService.getVariable(action.getId(), "actionDescription")).contains("owner: OIC");
    complete(action, withVariables("actionDone", true, "actionNote", "Weekly updates agreed"));
    assertThat(pi).hasPassed("panelActionsComplete");

    update(pi, true, assurance());
    assertThat(pi).isWaitingAt("approveClosure");
    assertThat(pi).task().hasCandidateGroup("case-coordinators");
  }

  @Test
  void closureNeedsTheAssuranceRecordAnswered() {
    ProcessInstance pi = toOversight(Referrals.policeVictim("PSD"));
    update(pi, true, Map.of("recordedAsComplaintOrConduct", "YES"));

    assertThat(pi).isWaitingAt("updateCase");
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "closureRefusal"))
        .contains("IOPC referral was considered").contains("another force").contains("abuse of police position");
  }

  @Test
  void aReturnedClosureGoesBackToTheSooWithTheReason() {
    ProcessInstance pi = toOversight(Referrals.policeVictim("CALL_999"));
    update(pi, true, assurance());
    complete(task("approveClosure", pi), withVariables("closureDecision", "RETURN", "closureReturnReason", "Misconduct hearing still pending"));

    assertThat(pi).isWaitingAt("updateCase").hasPassed("approveClosure", "isClosureApproved").hasNotPassed("recordFinalConversation");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "closureReturnReason")).isEqualTo("Misconduct hearing still pending");
  }

  @Test
  void whenThePanelAskedForTheCaseBackTheChairApprovesClosure() {
    ProcessInstance pi = toOversight(Referrals.policeVictim("CALL_101"));
    panelOutcomes.record(PanelOutcomes.Outcome.of(pi.getBusinessKey(), List.of(), true));
    update(pi, true, assurance());

    assertThat(pi).isWaitingAt("approveClosureAsChair");
    assertThat(pi).task().hasCandidateGroup("panel-chair");
  }

  @Test
  void anApprovedClosureEndsTheCaseAndTheSoosAccess() {
    ProcessInstance pi = toOversight(Referrals.policeVictim("LINE_MANAGER"));
    String soo = (String) runtimeService.getVariable(pi.getId(), "allocatedSoo");
    update(pi, false, Map.of("bringToPanel", true));
    Assertions.assertThat(candidates.isWaiting(pi.getBusinessKey())).isTrue();
    update(pi, true, assurance());
    complete(task("approveClosure", pi), withVariables("closureDecision", "APPROVE"));
    complete(task("recordFinalConversation", pi), withVariables("finalConversation", "HELD"));
    execute(job("closeCase", pi));

    assertThat(pi).isEnded().hasPassed("caseClosed");
    Assertions.assertThat(authorizationService.createAuthorizationQuery().userIdIn(soo).resourceId(pi.getId()).count()).isZero();
    Assertions.assertThat(roster.isActiveSoo(pi.getBusinessKey(), soo)).isFalse();
    Assertions.assertThat(vault.find(pi.getBusinessKey()).orElseThrow().closedAt()).isNotNull();
    Assertions.assertThat(candidates.isWaiting(pi.getBusinessKey())).isFalse();
  }

  // ---- likely matches (#19 item 5)

  /** A surname of letters only, new to the vault. */
  static String surname() {
    StringBuilder b = new StringBuilder("Zed");
    for (char c : java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8).toCharArray()) {
      b.append((char) ('a' + Character.digit(c, 16) % 26));
    }
    return b.toString();
  }

  /** A police victim of a civilian perpetrator without a staff number: on its own it goes to the panel. */
  static ReferralRequest policeVictimOfCivilian(String perpetratorName, String perpetratorBorn) {
    ReferralRequest r = Referrals.policeVictim("CALL_999");
    return new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest(perpetratorName, perpetratorBorn, false, null, null, null, null),
        List.of(), "MEDIUM", false, false, false);
  }

  @Test
  void aLikelyMatchIsOfferedWithItsScoreAndCountsForSerialPerpetratorOnlyOnceConfirmed() {
    String surname = surname();
    ProcessInstance first = start(policeVictimOfCivilian("Perry " + surname, "1979-05-06"));
    later();
    ProcessInstance second = start(policeVictimOfCivilian(surname + " Perrie", "1979-05-06"));

    assertThat(second).isWaitingAt("reviewHistory");
    Assertions.assertThat(runtimeService.getVariable(second.getId(), "possibleMatches"))
        .isEqualTo(first.getBusinessKey() + ": likely same perpetrator (score 97)");
    Assertions.assertThat(runtimeService.getVariable(second.getId(), "serialPerpetrator")).isEqualTo(false);
    Assertions.assertThat(runtimeService.getVariable(second.getId(), "complexRoute")).isEqualTo("PANEL");
    Assertions.assertThat(runtimeService.getVariables(second.getId()).values().toString()).doesNotContainIgnoringCase(surname);

    // Only a code that was offered can be confirmed.
    Task review = task("reviewHistory", second);
    Assertions.assertThatThrownBy(() -> taskService.complete(review.getId(),
            Map.of("historyReviewed", true, "confirmedMatches", "ABCD-EFGH")))
        .hasMessageContaining("ABCD-EFGH is not one of the possible matches offered for this case");
    Assertions.assertThatThrownBy(() -> taskService.complete(review.getId(),
            Map.of("historyReviewed", true, "confirmedMatches", "Perry " + surname)))
        .hasMessageContaining("give the case codes offered");
    assertThat(second).isWaitingAt("reviewHistory");

    complete(task("reviewHistory", second), withVariables("historyReviewed", true, "confirmedMatches", first.getBusinessKey()));

    Assertions.assertThat(runtimeService.getVariable(second.getId(), "serialPerpetrator")).isEqualTo(true);
    Assertions.assertThat(runtimeService.getVariable(second.getId(), "complexRoute")).isEqualTo("CASE_CONFERENCE");
    Assertions.assertThat((String) runtimeService.getVariable(second.getId(), "serialFinding"))
        .isEqualTo("Serial perpetrator: the perpetrator is the perpetrator in 1 earlier case with 1 other victim: "
            + first.getBusinessKey() + ".");
    Assertions.assertThat(desk.historyPage(second.getBusinessKey(), 0, 20).cases())
        .extracting(uk.police.daoversight.vault.CaseHistory.EarlierCase::describe)
        .containsExactly(first.getBusinessKey() + " (same perpetrator, open)");
    allocateAsRecommended(second);
    assertThat(second).hasPassed("requestCaseConference").hasNotPassed("listForPanel");
  }

  @Test
  void aLikelyMatchTheCoordinatorLeavesOutIsRejectedAndNeverCounts() {
    String surname = surname();
    ProcessInstance first = start(policeVictimOfCivilian("Perry " + surname, "1979-05-06"));
    ProcessInstance second = start(policeVictimOfCivilian("Perry " + surname, "1979-06-05"));
    Assertions.assertThat(runtimeService.getVariable(second.getId(), "possibleMatches"))
        .isEqualTo(first.getBusinessKey() + ": likely same perpetrator (score 92)");

    reviewHistory(second);

    Assertions.assertThat(runtimeService.getVariable(second.getId(), "serialPerpetrator")).isEqualTo(false);
    Assertions.assertThat(runtimeService.getVariable(second.getId(), "complexRoute")).isEqualTo("PANEL");
    Assertions.assertThat(desk.historyPage(second.getBusinessKey(), 0, 20).cases()).isEmpty();
    // A different person of the same surname born the same day (near miss) is not offered at all.
    ProcessInstance third = start(policeVictimOfCivilian("Mary " + surname, "1979-05-06"));
    Assertions.assertThat(runtimeService.getVariable(third.getId(), "possibleMatches")).isEqualTo("None found");
  }

  // ---- conflicts declared by the SOO, leavers (#19 items 2 and 3)

  @Test
  void aSooWhoDeclaresAConflictOnTheCasePackHandsTheCaseBackAndKeepsNoAccess() {
    ProcessInstance pi = start(Referrals.policeVictim("CALL_101"));
    reviewHistory(pi);
    String conflicted = allocateAsRecommended(pi);
    String code = pi.getBusinessKey();
    Assertions.assertThat(identityAccess.read(conflicted, List.of(Groups.SENIOR_OVERSIGHT_OFFICERS), code, "ALLOCATION", null))
        .isNotNull();

    Task pack = task("readCasePack", pi);
    Assertions.assertThat(pack.getAssignee()).isEqualTo(conflicted);
    complete(pack, withVariables("conflictDeclared", true, "conflictReason", "knowsVictim"));
    execute(job("handCaseBack", pi));

    // Back to allocation with the reason; the SOO's allocation and access ended at once.
    assertThat(pi).hasPassed("isConflictDeclared", "handCaseBack").hasNotPassed("firstContact")
        .isWaitingAt("newSooAllocated", "chooseNewSoo");
    Assertions.assertThat(roster.isActiveSoo(code, conflicted)).isFalse();
    Assertions.assertThat(authorizationService.createAuthorizationQuery().userIdIn(conflicted).resourceId(pi.getId()).count()).isZero();
    Assertions.assertThatThrownBy(() -> identityAccess.read(conflicted, List.of(Groups.SENIOR_OVERSIGHT_OFFICERS), code,
        "ALLOCATION", null)).isInstanceOf(uk.police.daoversight.security.ForbiddenException.class);
    Assertions.assertThat(vault.find(code).orElseThrow().knownTo()).contains(conflicted);
    Task choose = task("chooseNewSoo", pi);
    assertThat(choose).hasCandidateGroup("case-coordinators");
    Assertions.assertThat((String) taskService.getVariable(choose.getId(), "withdrawalReason"))
        .isEqualTo(conflicted + " was taken off the case: the SOO declared a conflict of interest on the case pack (knows the victim).");
    Assertions.assertThat((String) taskService.getVariable(choose.getId(), "eligibleSoos")).doesNotContain(conflicted + ":");
    String recommended = (String) taskService.getVariable(choose.getId(), "newSoo");
    Assertions.assertThat(recommended).isNotNull().isNotEqualTo(conflicted);

    // The conflicted SOO cannot be chosen again: back to the coordinator with the reason.
    complete(choose, withVariables("newSoo", conflicted, "reallocationReason", "they asked to keep it"));
    execute(job("recordReallocation", pi));
    choose = task("chooseNewSoo", pi);
    Assertions.assertThat((String) taskService.getVariable(choose.getId(), "reallocationProblem"))
        .isEqualTo(conflicted + " cannot be allocated: declared conflict of interest");

    complete(choose, withVariables("newSoo", recommended));
    execute(job("recordReallocation", pi));
    assertThat(pi).hasPassed("caseReallocated").isWaitingAt("readCasePack");
    Assertions.assertThat(task("readCasePack", pi).getAssignee()).isEqualTo(recommended);
    Assertions.assertThat(roster.activeSoos(code)).containsExactly(recommended);
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "allocatedSoo")).isEqualTo(recommended);
    readCasePack(pi, recommended);
    assertThat(pi).isWaitingAt("contactVictim");
    Assertions.assertThat(task("contactVictim", pi).getAssignee()).isEqualTo(recommended);
    Assertions.assertThat(runtimeService.getVariables(pi.getId()).values().toString())
        .doesNotContain(vault.find(code).orElseThrow().victim().name());
  }

  @Test
  void aSooTheDirectoryNoLongerShowsAsAChiefInspectorLeavesTheRosterAndTheirCasesGoToReallocation() {
    String leaver = realSoo("soo-leaver-");
    ProcessInstance pi = toOversightWith(leaver);
    String code = pi.getBusinessKey();

    // Promoted: the HR feed now lists them as a superintendent.
    DirectoryImport.Report report = directoryImport.load("T" + Math.abs(leaver.hashCode()) + "," + leaver + ",Operations,manager,Superintendent", "admin");
    Assertions.assertThat(report.loaded()).isEqualTo(1);

    Assertions.assertThat(roster.find(leaver)).isEmpty();
    Assertions.assertThat(roster.isActiveSoo(code, leaver)).isFalse();
    Assertions.assertThat(authorizationService.createAuthorizationQuery().userIdIn(leaver).resourceId(pi.getId()).count()).isZero();
    Task choose = task("chooseNewSoo", pi);
    Assertions.assertThat((String) taskService.getVariable(choose.getId(), "withdrawalReason"))
        .isEqualTo(leaver + " was taken off the case: left the SOO roster: not a chief inspector in the force's staff directory.");
    String recommended = (String) taskService.getVariable(choose.getId(), "newSoo");
    complete(choose);
    execute(job("recordReallocation", pi));

    assertThat(pi).hasPassed("caseReallocated").isWaitingAt("updateCase");
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("updateCase")
        .taskCandidateUser(recommended).count()).isEqualTo(1);
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskCandidateUser(leaver).count()).isZero();
    Assertions.assertThat(roster.activeSoos(code)).containsExactly(recommended);
  }

  @Test
  void aDeletedUsersCasesGoToReallocation() {
    String leaver = realSoo("soo-deleted-");
    ProcessInstance pi = toOversightWith(leaver);

    identityService.deleteUser(leaver);

    Assertions.assertThat(roster.find(leaver)).isEmpty();
    Assertions.assertThat(roster.isActiveSoo(pi.getBusinessKey(), leaver)).isFalse();
    Assertions.assertThat((String) taskService.getVariable(task("chooseNewSoo", pi).getId(), "withdrawalReason"))
        .endsWith("left the SOO roster: the user was deleted.");
  }

  /** A chief inspector as the force knows them: a user, in the SOO group, in the directory with the rank, on the roster. */
  String realSoo(String prefix) {
    String id = prefix + java.util.UUID.randomUUID().toString().substring(0, 8);
    org.camunda.bpm.engine.identity.User user = identityService.newUser(id);
    user.setFirstName("Test");
    user.setLastName("Chief Inspector");
    user.setPassword("Leaver-Check-2026!");
    identityService.saveUser(user);
    identityService.createMembership(id, Groups.SENIOR_OVERSIGHT_OFFICERS);
    directory.save(new uk.police.daoversight.access.StaffDirectory.Staff(id, "T" + Math.abs(id.hashCode()), "Operations", "manager"));
    directory.setRank(id, "Chief Inspector");
    roster.save(new SooProfile(id, "Chief Inspector", "Operations", null, true, null, null));
    return id;
  }

  /** A case in oversight with this SOO, chosen by the coordinator over the recommendation. */
  ProcessInstance toOversightWith(String soo) {
    ProcessInstance pi = start(Referrals.policeVictim("COLLEAGUE"));
    reviewHistory(pi);
    complete(task("allocateSoo", pi), withVariables("allocatedSoo", soo, "allocationReason", "continuity with the team"));
    execute(job("recordAllocation", pi));
    readCasePack(pi, soo);
    contact(pi, "DECLINED", null);
    assertThat(pi).isWaitingAt("updateCase");
    Assertions.assertThat(roster.isActiveSoo(pi.getBusinessKey(), soo)).isTrue();
    return pi;
  }

  // ---- steps shared by the paths above (see CaseDriver)

  ProcessInstance start(ReferralRequest referral) {
    return driver.start(referral);
  }

  void reviewHistory(ProcessInstance pi) {
    driver.reviewHistory(pi);
  }

  String allocateAsRecommended(ProcessInstance pi) {
    return driver.allocateAsRecommended(pi);
  }

  void readCasePack(ProcessInstance pi, String soo) {
    driver.readCasePack(pi, soo);
  }

  ProcessInstance toFirstContact(ReferralRequest referral) {
    return driver.toFirstContact(referral);
  }

  void contact(ProcessInstance pi, String outcome, String interval) {
    driver.contact(pi, outcome, interval);
  }

  ProcessInstance toOversight(ReferralRequest referral) {
    return driver.toOversight(referral);
  }

  void update(ProcessInstance pi, boolean requestClosure, Map<String, Object> assurance) {
    driver.update(pi, requestClosure, assurance);
  }

  static Map<String, Object> assurance() {
    return CaseDriver.assurance();
  }
}
