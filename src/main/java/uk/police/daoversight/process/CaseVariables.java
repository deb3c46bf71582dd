package uk.police.daoversight.process;

import static io.holunda.camunda.bpm.data.CamundaBpmData.booleanVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.dateVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.intVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.stringVariable;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.util.Date;
import java.util.Set;

/**
 * Every variable of the {@code oversightCase} process, typed, in one place. Form field keys in
 * {@code forms/} and expressions in {@code processes/oversightCase.bpmn} use exactly these names
 * (the model-consistency test checks it).
 *
 * <p>None of these holds an identity: names, dates of birth, contact details, staff numbers and the
 * force's reference live only in the identity vault, keyed by {@link #CASE_CODE}. The referral
 * start form's identity fields are listed in {@link uk.police.daoversight.intake.ReferralFormFields}
 * and never outlive the start transaction.
 */
public final class CaseVariables {

  private CaseVariables() {}

  // Referral (non-identifying facts only)
  public static final VariableFactory<String> CASE_CODE = stringVariable("caseCode");
  public static final VariableFactory<String> ROUTE = stringVariable("route");
  public static final VariableFactory<String> RISK_LEVEL = stringVariable("riskLevel");
  public static final VariableFactory<Boolean> BOTH_PARTIES_POLICE = booleanVariable("bothPartiesPolice");
  public static final VariableFactory<Boolean> COUNTER_ALLEGATION = booleanVariable("counterAllegation");
  public static final VariableFactory<Boolean> SERIAL_PERPETRATOR = booleanVariable("serialPerpetrator");
  public static final VariableFactory<Boolean> PERPETRATOR_IN_POSITION_OF_POWER = booleanVariable("perpetratorInPositionOfPower");

  // Decision complexCaseRouting
  public static final VariableFactory<String> COMPLEX_ROUTE = stringVariable("complexRoute");
  public static final VariableFactory<Boolean> DUAL_SOO = booleanVariable("dualSoo");

  // Review history
  public static final VariableFactory<String> PREVIOUS_CASE_CODES = stringVariable("previousCaseCodes");
  public static final VariableFactory<String> PREVIOUS_SOO = stringVariable("previousSoo");
  public static final VariableFactory<Boolean> HISTORY_REVIEWED = booleanVariable("historyReviewed");
  public static final VariableFactory<Boolean> LINK_TO_PREVIOUS_CASE = booleanVariable("linkToPreviousCase");
  public static final VariableFactory<Integer> EARLIER_CASES = intVariable("earlierCases");
  public static final VariableFactory<String> SERIAL_FINDING = stringVariable("serialFinding");
  /** Likely matches offered for the coordinator to confirm (#19 item 5): case codes, labels, scores. */
  public static final VariableFactory<String> POSSIBLE_MATCHES = stringVariable("possibleMatches");
  /** The case codes of the likely matches the coordinator confirms, comma-separated; the others are rejected. */
  public static final VariableFactory<String> CONFIRMED_MATCHES = stringVariable("confirmedMatches");
  public static final VariableFactory<String> ROUTE_CORRECTION = stringVariable("routeCorrection");
  public static final VariableFactory<String> ROUTE_CORRECTION_REASON = stringVariable("routeCorrectionReason");

  // Allocate SOO
  public static final VariableFactory<Boolean> SOO_FOUND = booleanVariable("sooFound");
  public static final VariableFactory<String> RECOMMENDATION = stringVariable("recommendation");
  public static final VariableFactory<String> RECOMMENDED_SOOS = stringVariable("recommendedSoos");
  public static final VariableFactory<String> ELIGIBLE_SOOS = stringVariable("eligibleSoos");
  public static final VariableFactory<String> ALLOCATED_SOO = stringVariable("allocatedSoo");
  public static final VariableFactory<String> ALLOCATED_SECOND_SOO = stringVariable("allocatedSecondSoo");
  public static final VariableFactory<String> ALLOCATION_REASON = stringVariable("allocationReason");
  public static final VariableFactory<Boolean> ROSTER_UPDATED = booleanVariable("rosterUpdated");
  public static final VariableFactory<String> ALLOCATION_PROBLEM = stringVariable("allocationProblem");
  public static final VariableFactory<Date> CONTACT_DUE_DATE = dateVariable("contactDueDate");

  // Reach the victim (local to each SOO's instance of the subprocess)
  public static final VariableFactory<String> ASSIGNED_SOO = stringVariable("assignedSoo");
  public static final VariableFactory<Boolean> CASE_PACK_READ = booleanVariable("casePackRead");
  /** The SOO hands the case back from the case pack: a conflict of interest (#19 item 3). */
  public static final VariableFactory<Boolean> CONFLICT_DECLARED = booleanVariable("conflictDeclared");
  /** Which kind of conflict, one of the form's values (never who): see AllocationDesk.CONFLICT_REASONS. */
  public static final VariableFactory<String> CONFLICT_REASON = stringVariable("conflictReason");
  public static final VariableFactory<String> CONTACT_OUTCOME = stringVariable("contactOutcome");
  public static final VariableFactory<String> CONTACT_INTERVAL = stringVariable("contactInterval");
  public static final VariableFactory<String> SAFE_CONTACT_CHANNEL = stringVariable("safeContactChannel");
  public static final VariableFactory<String> SAFE_CONTACT_TIMES = stringVariable("safeContactTimes");
  public static final VariableFactory<Boolean> VOICEMAIL_SAFE = booleanVariable("voicemailSafe");
  public static final VariableFactory<Boolean> MESSAGE_SAFE = booleanVariable("messageSafe");
  public static final VariableFactory<Boolean> WORK_CONTACT_AGREED = booleanVariable("workContactAgreed");
  public static final VariableFactory<Boolean> MANAGER_COPY_AGREED = booleanVariable("managerCopyAgreed");
  public static final VariableFactory<String> SAFE_CONTACT_SUMMARY = stringVariable("safeContactSummary");
  public static final VariableFactory<String> OVERDUE_CHASE_NOTE = stringVariable("overdueChaseNote");
  public static final VariableFactory<String> ESCALATION_NOTE = stringVariable("escalationNote");

  // A chase of a missed deadline (local to the chase's event subprocess instance, see CountChaseDelegate)
  public static final VariableFactory<Integer> CHASE_NUMBER = intVariable("chaseNumber");
  public static final VariableFactory<Boolean> CHASE_ESCALATED = booleanVariable("chaseEscalated");
  public static final VariableFactory<String> CHASE_SUMMARY = stringVariable("chaseSummary");
  public static final VariableFactory<Date> CHASE_DUE_DATE = dateVariable("chaseDueDate");
  public static final VariableFactory<String> CHASE_NOTE = stringVariable("chaseNote");
  // Deadlines of the watched stages (local to each stage's instance)
  public static final VariableFactory<Date> UPDATE_DUE_DATE = dateVariable("updateDueDate");
  public static final VariableFactory<Date> SCHEDULED_CONTACT_DUE_DATE = dateVariable("scheduledContactDueDate");
  public static final VariableFactory<Date> ACTION_DUE_DATE = dateVariable("actionDueDate");
  /** The Victims' Code referral to support services (process supportReferral, see victimscode.SupportReferralProcess). */
  public static final VariableFactory<Date> SUPPORT_REFERRAL_DUE_DATE = dateVariable("supportReferralDueDate");

  // Reallocate the case (local to each instance of the event subprocess: one withdrawn SOO each)
  public static final VariableFactory<String> WITHDRAWAL_ID = stringVariable("withdrawalId");
  public static final VariableFactory<String> WITHDRAWN_SOO = stringVariable("withdrawnSoo");
  public static final VariableFactory<String> WITHDRAWAL_REASON = stringVariable("withdrawalReason");
  public static final VariableFactory<String> NEW_SOO = stringVariable("newSoo");
  public static final VariableFactory<String> REALLOCATION_REASON = stringVariable("reallocationReason");
  public static final VariableFactory<String> REALLOCATION_PROBLEM = stringVariable("reallocationProblem");

  // Case update form
  public static final VariableFactory<Boolean> VICTIM_CONTACTED = booleanVariable("victimContacted");
  public static final VariableFactory<String> UPDATE_SUMMARY = stringVariable("updateSummary");
  public static final VariableFactory<String> CRIMINAL_INVESTIGATION_STATUS = stringVariable("criminalInvestigationStatus");
  public static final VariableFactory<String> MISCONDUCT_INVESTIGATION_STATUS = stringVariable("misconductInvestigationStatus");
  public static final VariableFactory<Boolean> CONCERN_LACK_OF_UPDATES = booleanVariable("concernLackOfUpdates");
  public static final VariableFactory<Boolean> CONCERN_INVESTIGATOR_CHANGED = booleanVariable("concernInvestigatorChanged");
  public static final VariableFactory<Boolean> CONCERN_LENGTHY_INVESTIGATION = booleanVariable("concernLengthyInvestigation");
  public static final VariableFactory<Boolean> SUPPORT_WELLBEING = booleanVariable("supportWellbeing");
  public static final VariableFactory<Boolean> SUPPORT_IDVA = booleanVariable("supportIdva");
  public static final VariableFactory<Boolean> SUPPORT_DA_SERVICE = booleanVariable("supportDaService");
  public static final VariableFactory<String> UPDATE_CHASE_NOTE = stringVariable("updateChaseNote");
  public static final VariableFactory<String> VICTIM_SUPPORTS_INVESTIGATION = stringVariable("victimSupportsInvestigation");
  public static final VariableFactory<Boolean> BRING_TO_PANEL = booleanVariable("bringToPanel");
  public static final VariableFactory<Boolean> REQUEST_CLOSURE = booleanVariable("requestClosure");
  public static final VariableFactory<Boolean> CLOSURE_REQUESTED = booleanVariable("closureRequested");
  // Assurance record (super-complaint findings), answered before closure
  public static final VariableFactory<String> RECORDED_AS_COMPLAINT_OR_CONDUCT = stringVariable("recordedAsComplaintOrConduct");
  public static final VariableFactory<String> IOPC_REFERRAL_CONSIDERED = stringVariable("iopcReferralConsidered");
  public static final VariableFactory<String> IOPC_DECISION = stringVariable("iopcDecision");
  public static final VariableFactory<String> IOPC_DECISION_REASON = stringVariable("iopcDecisionReason");
  public static final VariableFactory<String> OTHER_FORCE_CONSIDERED = stringVariable("otherForceConsidered");
  public static final VariableFactory<String> ABUSE_OF_POSITION_CHECKED = stringVariable("abuseOfPositionChecked");

  // Scheduled victim contact
  public static final VariableFactory<Boolean> SCHEDULED_CONTACT_MADE = booleanVariable("scheduledContactMade");
  public static final VariableFactory<String> CONTACT_NOTE = stringVariable("contactNote");

  // Panel outcome and its actions
  public static final VariableFactory<String> PANEL_OUTCOME_ID = stringVariable("panelOutcomeId");
  public static final VariableFactory<Boolean> PANEL_REQUESTED_RETURN = booleanVariable("panelRequestedReturn");
  // The panel's learning back to the SOO (#20 item 7)
  /** The outcome whose direction, learning and good practice the SOO feeds back (message PanelLearningRecorded). */
  public static final VariableFactory<String> LEARNING_OUTCOME_ID = stringVariable("learningOutcomeId");
  /** The latest panel or conference direction, learning and good practice, shown on the case update form. */
  public static final VariableFactory<String> PANEL_LEARNING = stringVariable("panelLearning");
  public static final VariableFactory<String> PANEL_DIRECTION = stringVariable("panelDirection");
  public static final VariableFactory<String> PANEL_INDIVIDUAL_LEARNING = stringVariable("panelIndividualLearning");
  public static final VariableFactory<String> PANEL_GOOD_PRACTICE = stringVariable("panelGoodPractice");
  public static final VariableFactory<Boolean> LEARNING_FED_BACK = booleanVariable("learningFedBack");
  public static final VariableFactory<String> LEARNING_FEEDBACK_NOTE = stringVariable("learningFeedbackNote");
  public static final VariableFactory<String> ACTION_ID = stringVariable("actionId");
  public static final VariableFactory<String> ACTION_DESCRIPTION = stringVariable("actionDescription");
  public static final VariableFactory<Boolean> ACTION_DONE = booleanVariable("actionDone");
  public static final VariableFactory<String> ACTION_NOTE = stringVariable("actionNote");

  // Closure
  public static final VariableFactory<Boolean> CLOSURE_READY = booleanVariable("closureReady");
  public static final VariableFactory<String> CLOSURE_REFUSAL = stringVariable("closureRefusal");
  public static final VariableFactory<String> CLOSURE_DECISION = stringVariable("closureDecision");
  public static final VariableFactory<String> CLOSURE_RETURN_REASON = stringVariable("closureReturnReason");
  public static final VariableFactory<String> FINAL_CONVERSATION = stringVariable("finalConversation");

  /** All declared names, for the model-consistency test. */
  public static Set<String> names() {
    return VariableNames.of(CaseVariables.class);
  }
}
