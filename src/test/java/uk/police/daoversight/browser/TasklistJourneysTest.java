package uk.police.daoversight.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.OpenPanels;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/**
 * The journeys people make, in a real browser (Debian's chromium) against the running application.
 * Each saves a screenshot of its last screen under target/browser/.
 */
@IntegrationTest
class TasklistJourneysTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired uk.police.daoversight.vault.ReferenceKeys referenceKeys;

  Browser browser;

  @BeforeEach
  void open() throws Exception {
    browser = new Browser(port);
  }

  @AfterEach
  void close() {
    browser.close();
  }

  @Test
  void aCoordinatorRecordsAReferralReviewsHistoryAndAllocatesTheRecommendedSoo() {
    String reference = "BROWSER-" + System.nanoTime();
    try {
      browser.login("tasklist", "coordinator");
      startReferral(reference, true);
      ProcessInstance pi = instanceOf(reference);
      Task review = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();

      browser.openTask(review.getId());
      assertThat(browser.field("caseCode").getAttribute("value")).isEqualTo(pi.getBusinessKey());
      assertThat(browser.commentActionRenderedButHidden()).as("Tasklist's Add comment action is hidden").isTrue();
      assertThat(browser.refusedControlsRenderedButHidden()).as("follow-up date, due-date editing and groups are hidden").isTrue();
      browser.claim();
      browser.tick("historyReviewed");
      browser.press("Complete");
      Task allocate = waitForTask(pi, "allocateSoo");

      browser.openTask(allocate.getId());
      assertThat(browser.field("recommendation").getAttribute("value")).startsWith("Recommended soo");
      browser.claim();
      browser.press("Complete");
      waitForJob(pi, "recordAllocation");
      assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("readCasePack").count()).isEqualTo(1);
    } finally {
      browser.screenshot("1-coordinator-referral");
    }
  }

  @Test
  void aFormWithAMissingRequiredFieldShowsTheMessageAndKeepsWhatWasTyped() {
    try {
      browser.login("tasklist", "coordinator");
      openStartForm();
      browser.type("victimName", "Typed Then Kept");
      browser.press("Start");
      browser.waitFor("Field is required");
      assertThat(browser.field("victimName").getAttribute("value")).isEqualTo("Typed Then Kept");
      assertThat(browser.page()).contains("Record a referral");
    } finally {
      browser.screenshot("3-validation");
    }
  }

  @Test
  void theAllocatedSooMakesFirstContactAndAnotherSooSeesNoTraceOfTheCase() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance pi = driver.start(Referrals.policeVictim("CALL_101"));
    driver.reviewHistory(pi);
    String soo = driver.allocateAsRecommended(pi);
    String other = java.util.List.of("soo1", "soo2", "soo3", "soo4", "soo5").stream().filter(u -> !u.equals(soo)).findFirst().orElseThrow();
    try {
      browser.login("tasklist", soo);
      browser.waitFor("Read case pack");
      browser.openTask(waitForTask(pi, "readCasePack").getId());
      browser.tick("casePackRead");
      browser.press("Complete");
      Task contact = waitForTask(pi, "contactVictim");

      browser.openTask(contact.getId());
      browser.waitForText("Due in 3 days");
      assertThat(browser.page()).contains("Contact victim").contains("Due in 3 days");
      assertThat(browser.field("caseCode").getAttribute("value")).isEqualTo(pi.getBusinessKey());
      assertThat(browser.field("contactDueDate").getAttribute("value")).isNotBlank();
      browser.pick("contactOutcome", "Victim engaged: contact schedule agreed");
      browser.choose("contactInterval", "Every two weeks");
      browser.type("safeContactChannel", "personal mobile");
      browser.type("safeContactTimes", "weekday evenings");
      browser.press("Complete");
      waitForJob(pi, "recordContactPlan");
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).activityIdIn("updateCase").count()).isEqualTo(1);
      browser.screenshot("2-soo-first-contact");

      browser.login("tasklist", other);
      browser.waitFor("My tasks");
      assertThat(browser.source()).doesNotContain(pi.getBusinessKey()).doesNotContain(contact.getId());
      browser.open("/camunda/app/tasklist/default/#/?task=" + contact.getId() + "&detailsTab=form");
      browser.waitFor("My tasks");
      browser.settle();
      browser.settle();
      assertThat(browser.source()).doesNotContain(pi.getBusinessKey()).doesNotContain("fjs-form-field");
    } finally {
      browser.screenshot("2-other-soo");
    }
  }

  @Test
  void aManagerFindsTheCaseAndItsSeventyTwoHourTimerInCockpitWithoutAnyIdentity() {
    CaseDriver driver = new CaseDriver(runtimeService);
    var referral = Referrals.policeVictim("MASH");
    ProcessInstance pi = driver.start(referral);
    driver.reviewHistory(pi);
    driver.readCasePack(pi, driver.allocateAsRecommended(pi));
    try {
      browser.login("cockpit", "manager");
      browser.open("/camunda/app/cockpit/default/#/process-instance/" + pi.getId() + "/runtime");
      browser.waitFor("contactOverdue");
      browser.waitFor("Police-related domestic abuse case");
      assertThat(browser.source()).contains("data-element-id=\"contactOverdue\"");
      assertThat(browser.page()).doesNotContain(referral.victim().name()).doesNotContain(referral.perpetrator().name())
          .doesNotContain(referral.externalReference()).doesNotContain(referral.victim().staffNumber());
      assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("contactOverdue").count()).isEqualTo(1);
      browser.open("/camunda/app/cockpit/default/#/process-definition/" + pi.getProcessDefinitionId() + "/runtime");
      browser.waitFor("Job Definitions");
      browser.js("[...document.querySelectorAll('a')].find(a => a.textContent.trim() === 'Job Definitions').click()");
      browser.waitFor("72 hours passed without contact");
      assertThat(browser.source()).doesNotContain(referral.victim().name());
    } finally {
      browser.screenshot("4-manager-cockpit");
    }
  }

  @Test
  void thePanelSetsAnActionAndClosureWaitsUntilItIsDone() {
    CaseDriver driver = new CaseDriver(runtimeService);
    var r = Referrals.policeVictim("MASH");
    ProcessInstance pi = driver.start(new uk.police.daoversight.intake.ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new uk.police.daoversight.intake.ReferralRequest.PartyRequest("Civilian Person", null, false, null, null, null, null),
        java.util.List.of(), "HIGH", false, false, false));
    driver.reviewHistory(pi);
    String soo = driver.allocateAsRecommended(pi);
    driver.readCasePack(pi, soo);
    driver.contact(pi, "DECLINED", null);
    jdbc.update("delete from panel_candidate where case_code <> ?", pi.getBusinessKey());
    OpenPanels.withdrawAll(runtimeService);
    ProcessInstance panel = runtimeService.startProcessInstanceByKey("scrutinyPanel");
    waitForJob(panel, "draftAgenda");
    try {
      browser.login("tasklist", "coordinator");
      browser.openTask(waitForTask(panel, "prepareAgenda").getId());
      browser.waitForText(pi.getBusinessKey());
      assertThat(browser.page()).as("the agenda's table").contains(pi.getBusinessKey()).contains("NEW").contains("Why it is there");
      browser.claim();
      browser.tick("agendaReady");
      browser.press("Complete");
      waitForJob(panel, "publishAgenda");

      // The SOO is told their slot, how to join, and their own case's agenda line.
      browser.login("tasklist", soo);
      Task notice = waitForTask(panel, "tellSooSlot");
      browser.openTask(notice.getId());
      browser.waitForText("Your panel slot");
      assertThat(browser.field("sooAgendaLine").getAttribute("value")).contains(pi.getBusinessKey());
      assertThat(browser.field("joiningLink").getAttribute("value")).isNotBlank();
      browser.tick("slotNoticeRead");
      browser.press("Complete");
      browser.waiting().until(d -> taskService.createTaskQuery().taskId(notice.getId()).count() == 0);

      // The administrator names who is present, from the lists.
      browser.login("tasklist", "coordinator");
      browser.openTask(waitForTask(panel, "recordAttendance").getId());
      browser.claim();
      browser.check("membersPresent", "panel1 (panel member)");
      browser.type("partnerAgenciesAttending", "1");
      browser.press("Complete");

      // The member named acknowledges confidentiality for this meeting.
      browser.login("tasklist", "panel1");
      Task acknowledgement = waitForTask(panel, "acknowledgeConfidentiality");
      assertThat(acknowledgement.getAssignee()).isEqualTo("panel1");
      browser.openTask(acknowledgement.getId());
      browser.tick("confidentialityAcknowledged");
      browser.press("Complete");
      browser.waiting().until(d -> taskService.createTaskQuery().taskId(acknowledgement.getId()).count() == 0);
      assertThat(jdbc.queryForObject("select count(*) from meeting_access where grantee = 'panel1' and case_code = ?", Integer.class,
          pi.getBusinessKey())).isEqualTo(1);

      browser.login("tasklist", "chair");
      browser.openTask(waitForTask(panel, "recordOutcome").getId());
      assertThat(browser.field("agendaCaseCode").getAttribute("value")).isEqualTo(pi.getBusinessKey());
      browser.claim();
      browser.type("directionForVictim", "Offer IDVA support again");
      browser.type("directionForInvestigation", "Review the investigation plan");
      // As many actions as the panel agrees: the chair adds a row for each, with an owner from the list and a date.
      browser.press("Add new");
      browser.typeInRow("actionWhat", 0, "Ask the OIC to update the victim weekly");
      browser.chooseInRow("actionOwner", 0, "Officer in the case (OIC)");
      browser.dateInRow("actionDue", 0, java.time.LocalDate.now().plusDays(14));
      browser.press("Add new");
      browser.typeInRow("actionWhat", 1, "Refer the victim to the IDVA service");
      browser.chooseInRow("actionOwner", 1, "Senior oversight officer (SOO)");
      browser.dateInRow("actionDue", 1, java.time.LocalDate.now().plusDays(7));
      browser.screenshot("4b-outcome-with-two-actions");
      // Tasklist 7.24 counts form-js's emptied error entries of a list's rows as errors and keeps
      // Complete disabled; Save validates the form again, which clears them.
      browser.press("Save");
      browser.settle();
      browser.press("Complete");
      waitForJob(panel, "sendOutcome");
      waitForJob(panel, "closeMeeting");
      List<Task> actions = browser.waiting().until(d -> {
        List<Task> open = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("completePanelAction")
            .orderByDueDate().asc().list();
        return open.size() == 2 ? open : null;
      });
      // due by the end of the day the chair chose (the force's time zone)
      assertThat(actions).extracting(t -> t.getDueDate().toInstant())
          .as("each action's due date is its task's").containsExactly(
              java.time.LocalDate.now().plusDays(8).atStartOfDay(uk.police.daoversight.deadline.WorkingDays.FORCE_ZONE).toInstant(),
              java.time.LocalDate.now().plusDays(15).atStartOfDay(uk.police.daoversight.deadline.WorkingDays.FORCE_ZONE).toInstant());

      // The panel's learning comes back to the SOO, who feeds it back to the investigation team.
      browser.login("tasklist", soo);
      Task feedback = waitForTask(pi, "feedBackLearning");
      browser.openTask(feedback.getId());
      assertThat(browser.field("panelDirection").getAttribute("value")).contains("Offer IDVA support again");
      browser.claim();
      browser.tick("learningFedBack");
      browser.press("Complete");
      browser.waiting().until(d -> taskService.createTaskQuery().taskId(feedback.getId()).count() == 0);

      requestClosure(pi);
      waitForJob(pi, "fileCaseUpdate");
      browser.openTask(waitForTask(pi, "updateCase").getId());
      assertThat(browser.field("closureRefusal").getAttribute("value")).contains("Ask the OIC to update the victim weekly");
      browser.screenshot("5-closure-refused");

      for (Task action : actions) {
        browser.openTask(action.getId());
        browser.claim();
        browser.tick("actionDone");
        browser.press("Complete");
        browser.waiting().until(d -> taskService.createTaskQuery().taskId(action.getId()).count() == 0);
      }
      requestClosure(pi);
      waitForJob(pi, "fileCaseUpdate");
      assertThat(waitForTask(pi, "approveClosure")).isNotNull();
    } finally {
      browser.screenshot("5-panel-and-closure");
    }
  }

  void requestClosure(ProcessInstance pi) {
    browser.openTask(waitForTask(pi, "updateCase").getId());
    browser.claim();
    browser.type("updateSummary", "Both investigations concluded; the victim is content");
    browser.choose("criminalInvestigationStatus", "Concluded");
    browser.choose("misconductInvestigationStatus", "Concluded");
    browser.choose("victimSupportsInvestigation", "Yes");
    browser.tick("requestClosure");
    browser.choose("recordedAsComplaintOrConduct", "Yes");
    browser.choose("iopcReferralConsidered", "No");
    browser.choose("otherForceConsidered", "No");
    browser.choose("abuseOfPositionChecked", "Yes");
    browser.press("Complete");
    browser.waiting().until(d -> managementService.createJobQuery().processInstanceId(pi.getId()).activityId("fileCaseUpdate").count() == 1);
  }

  // ---- steps

  void openStartForm() {
    browser.waitFor("Start process");
    browser.js("[...document.querySelectorAll('a')].find(a => a.textContent.includes('Start process')).click()");
    browser.waitFor("Police-related domestic abuse case");
    browser.js("[...document.querySelectorAll('.modal a')].find(a => a.textContent.includes('Police-related domestic abuse case')).click()");
    browser.field("victimName");
  }

  void startReferral(String reference, boolean civilianPerpetrator) {
    openStartForm();
    browser.choose("route", "Line manager");
    browser.type("externalReference", reference);
    browser.choose("riskLevel", "High");
    browser.type("victimName", "Browser Victim");
    browser.tick("victimPoliceEmployee");
    browser.type("victimStaffNumber", "BV" + reference.hashCode());
    browser.type("perpetratorName", "Browser Perpetrator");
    if (!civilianPerpetrator) {
      browser.tick("perpetratorPoliceEmployee");
    }
    browser.press("Start");
  }

  /** The case the browser just recorded, found through the vault by its reference. */
  ProcessInstance instanceOf(String reference) {
    String caseCode = browser.waiting().until(d -> jdbc.queryForList(
        "select case_code from case_identity where open_reference_key = ?", String.class, referenceKeys.keyOf(reference)).stream().findFirst().orElse(null));
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase").processInstanceBusinessKey(caseCode)
        .singleResult();
  }

  Task waitForTask(ProcessInstance pi, String key) {
    return browser.waiting().until(d -> taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key)
        .singleResult());
  }

  /** The job executor is off in tests: the test runs the job a person's completion left. */
  void waitForJob(ProcessInstance pi, String activityId) {
    Job job = browser.waiting().until(d -> managementService.createJobQuery().processInstanceId(pi.getId())
        .activityId(activityId).singleResult());
    managementService.executeJob(job.getId());
  }
}
