package uk.police.daoversight.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import uk.police.daoversight.intake.ReferralFormFields;
import uk.police.daoversight.intake.ReferralRequest;

/**
 * The steps people take on a case, as the tests drive them through the engine API. Each step
 * asserts where the case stands first, so a test that goes wrong says where.
 */
public class CaseDriver {

  private final RuntimeService runtimeService;

  public CaseDriver(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  public ProcessInstance start(ReferralRequest referral) {
    return runtimeService.createProcessInstanceByKey("oversightCase")
        .setVariables(ReferralFormFields.toTransientVariables(referral)).execute();
  }

  public void reviewHistory(ProcessInstance pi) {
    complete(task("reviewHistory", pi), withVariables("historyReviewed", true));
  }

  public String allocateAsRecommended(ProcessInstance pi) {
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "sooFound"))
        .as("recommendation: %s", runtimeService.getVariable(pi.getId(), "recommendation")).isEqualTo(true);
    assertThat(pi).isWaitingAt("allocateSoo");
    String soo = (String) runtimeService.getVariable(pi.getId(), "allocatedSoo");
    complete(task("allocateSoo", pi));
    execute(job("recordAllocation", pi));
    return soo;
  }

  public void readCasePack(ProcessInstance pi, String soo) {
    Task pack = task("readCasePack", pi);
    Assertions.assertThat(pack.getAssignee()).isEqualTo(soo);
    complete(pack, withVariables("casePackRead", true));
  }

  public ProcessInstance toFirstContact(ReferralRequest referral) {
    ProcessInstance pi = start(referral);
    reviewHistory(pi);
    readCasePack(pi, allocateAsRecommended(pi));
    assertThat(pi).isWaitingAt("contactVictim");
    return pi;
  }

  public void contact(ProcessInstance pi, String outcome, String interval) {
    complete(task("contactVictim", pi), contactAnswers(outcome, interval));
    execute(job("recordContactPlan", pi));
  }

  /** The SOO's answers on the contact form: the outcome, the schedule and safe-contact preferences. */
  public static Map<String, Object> contactAnswers(String outcome, String interval) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("contactOutcome", outcome);
    answers.put("contactInterval", interval);
    answers.put("safeContactChannel", "personal mobile");
    answers.put("safeContactTimes", "weekday evenings");
    answers.put("voicemailSafe", false);
    answers.put("messageSafe", true);
    answers.put("workContactAgreed", false);
    answers.put("managerCopyAgreed", false);
    return answers;
  }

  public ProcessInstance toOversight(ReferralRequest referral) {
    ProcessInstance pi = toFirstContact(referral);
    contact(pi, "DECLINED", null);
    assertThat(pi).isWaitingAt("updateCase");
    return pi;
  }

  /** The SOO's case update; {@code extra} answers (assurance, bring back, …) override the defaults. */
  public void update(ProcessInstance pi, boolean requestClosure, Map<String, Object> extra) {
    complete(task("updateCase", pi), updateAnswers(requestClosure, extra));
    execute(job("fileCaseUpdate", pi));
  }

  /** The SOO's answers on the case update form; {@code extra} answers override the defaults. */
  public static Map<String, Object> updateAnswers(boolean requestClosure, Map<String, Object> extra) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("victimContacted", true);
    answers.put("updateSummary", "Investigation ongoing; victim updated");
    answers.put("criminalInvestigationStatus", requestClosure ? "CONCLUDED" : "UNDER_INVESTIGATION");
    answers.put("misconductInvestigationStatus", requestClosure ? "CONCLUDED" : "UNDER_INVESTIGATION");
    answers.put("victimSupportsInvestigation", "YES");
    answers.put("requestClosure", requestClosure);
    answers.putAll(extra);
    return answers;
  }

  /** From oversight to a closed case: closure requested, approved, final conversation held. */
  public void close(ProcessInstance pi) {
    update(pi, true, assurance());
    complete(task("approveClosure", pi), withVariables("closureDecision", "APPROVE"));
    complete(task("recordFinalConversation", pi), withVariables("finalConversation", "HELD"));
    execute(job("closeCase", pi));
    assertThat(pi).isEnded();
  }

  public static Map<String, Object> assurance() {
    return Map.of("recordedAsComplaintOrConduct", "YES", "iopcReferralConsidered", "YES", "iopcDecision", "NOT_REFERRED",
        "iopcDecisionReason", "Did not meet the mandatory referral criteria", "otherForceConsidered", "NO",
        "abuseOfPositionChecked", "YES");
  }
}
