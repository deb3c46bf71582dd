package uk.police.daoversight.process;

import static io.holunda.camunda.bpm.data.CamundaBpmData.booleanVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.dateVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.intVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.longVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.stringVariable;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

/**
 * Every variable of the {@code scrutinyPanel} and {@code caseConference} processes, typed, in one
 * place. Form field keys in {@code forms/} use exactly these names. Anonymous: case codes and user
 * ids only.
 */
public final class PanelVariables {

  private PanelVariables() {}

  // The meeting
  public static final VariableFactory<String> PANEL_ID = stringVariable("panelId");
  /** The meeting's date and time as the administrator's form gives it, e.g. 2027-01-05T10:00. */
  public static final VariableFactory<String> MEETING_START = stringVariable("meetingStart");
  /** The calendar's proposal, shown beside the administrator's choice. */
  public static final VariableFactory<String> PROPOSED_MEETING_START = stringVariable("proposedMeetingStart");
  /** Why the chosen time was refused (past, unreadable, date held by another open panel). */
  public static final VariableFactory<String> MEETING_PROBLEM = stringVariable("meetingProblem");
  /** When the calendar draws the agenda: the meeting's start less oversight.panel.agenda-lead. */
  public static final VariableFactory<Date> AGENDA_DUE_AT = dateVariable("agendaDueAt");
  /** An emergency panel takes only urgent (high-risk) cases and those the administrator adds. */
  public static final VariableFactory<Boolean> EMERGENCY_PANEL = booleanVariable("emergencyPanel");
  public static final VariableFactory<String> AGENDA_SUMMARY = stringVariable("agendaSummary");
  public static final VariableFactory<String> CARRIED_OVER_SUMMARY = stringVariable("carriedOverSummary");
  public static final VariableFactory<String> DEFER_CASES = stringVariable("deferCases");
  public static final VariableFactory<String> ADD_CASES = stringVariable("addCases");
  public static final VariableFactory<String> CASE_ORDER = stringVariable("caseOrder");
  public static final VariableFactory<Boolean> AGENDA_READY = booleanVariable("agendaReady");
  /** The agenda as the form's table: a JSON list of {time, caseCode, type, minutes, soo, why}. */
  public static final String AGENDA_SLOTS = "agendaSlots";
  /** The cases carried over as the form's table: a JSON list of {caseCode, type, reason}. */
  public static final String CARRIED_OVER_CASES = "carriedOverCases";
  /** Every case waiting for this panel, as options ({label, value}) to put first or defer. */
  public static final String WAITING_CASE_OPTIONS = "waitingCaseOptions";
  /** The open cases the administrator may add, as options ({label, value}). */
  public static final String ADD_CASE_OPTIONS = "addCaseOptions";
  /** The administrator's choices on "Prepare agenda": JSON lists of case codes (checklists). */
  public static final String PUT_FIRST = "putFirst";
  public static final String ADD_CASE_CODES = "addCaseCodes";
  /** Up to three deferrals, each a case chosen from the list and its reason. */
  public static final VariableFactory<String> DEFER_CASE_1 = stringVariable("deferCase1");
  public static final VariableFactory<String> DEFER_REASON_1 = stringVariable("deferReason1");
  public static final VariableFactory<String> DEFER_CASE_2 = stringVariable("deferCase2");
  public static final VariableFactory<String> DEFER_REASON_2 = stringVariable("deferReason2");
  public static final VariableFactory<String> DEFER_CASE_3 = stringVariable("deferCase3");
  public static final VariableFactory<String> DEFER_REASON_3 = stringVariable("deferReason3");
  public static final VariableFactory<String> AGENDA_PROBLEM = stringVariable("agendaProblem");
  public static final VariableFactory<Long> PARTNER_AGENCIES_ATTENDING = longVariable("partnerAgenciesAttending");
  public static final VariableFactory<String> PARTNER_AGENCY_NAMES = stringVariable("partnerAgencyNames");
  /** Who may be named at attendance, as options ({label, value}): user ids and roles, no names. */
  public static final String MEMBER_OPTIONS = "memberOptions";
  public static final String PARTNER_OPTIONS = "partnerOptions";
  /** The people present: JSON lists of user ids (checklists on "Record attendance"). */
  public static final String MEMBERS_PRESENT = "membersPresent";
  public static final String PARTNERS_PRESENT = "partnersPresent";
  /** One attendee's confidentiality acknowledgement (local to its task). */
  public static final VariableFactory<String> ATTENDEE = stringVariable("attendee");
  public static final VariableFactory<String> MEETING_TIMES = stringVariable("meetingTimes");
  public static final VariableFactory<Boolean> CONFIDENTIALITY_ACKNOWLEDGED = booleanVariable("confidentialityAcknowledged");
  /** One SOO's slot notice: "CASECODE/sooUserId", and what the notice shows (local to its task). */
  public static final VariableFactory<String> SOO_SLOT = stringVariable("sooSlot");
  public static final VariableFactory<String> SLOT_TIME = stringVariable("slotTime");
  public static final VariableFactory<String> JOINING_LINK = stringVariable("joiningLink");
  public static final VariableFactory<String> SOO_AGENDA_LINE = stringVariable("sooAgendaLine");
  public static final VariableFactory<Boolean> SLOT_NOTICE_READ = booleanVariable("slotNoticeRead");
  /**
   * The last meeting's open actions and the review's answers: a JSON list of {actionId, caseCode,
   * action, owner, due, status (NOT_DONE or NOT_POSSIBLE), note} (a form-js table and dynamic list).
   */
  public static final String ACTION_REVIEWS = "actionReviews";

  // One case on the agenda (local to its "Review case" instance)
  public static final VariableFactory<String> AGENDA_CASE_CODE = stringVariable("agendaCaseCode");
  public static final VariableFactory<String> AGENDA_ITEM_SUMMARY = stringVariable("agendaItemSummary");
  /** The SOO's latest case update and the case's open actions, shown on the chair's outcome task. */
  public static final VariableFactory<String> LATEST_UPDATE = stringVariable("latestUpdate");
  public static final VariableFactory<String> OPEN_ACTIONS_SUMMARY = stringVariable("openActionsSummary");
  /** DISCUSSED (default), DEFERRED or NOT_REACHED: every case on the agenda is accounted for. */
  public static final VariableFactory<String> SLOT_RESULT = stringVariable("slotResult");
  public static final VariableFactory<String> SLOT_RESULT_REASON = stringVariable("slotResultReason");

  // The outcome of a panel review or a case conference
  public static final VariableFactory<String> DIRECTION_FOR_VICTIM = stringVariable("directionForVictim");
  public static final VariableFactory<String> DIRECTION_FOR_INVESTIGATION = stringVariable("directionForInvestigation");
  /**
   * The actions a panel agrees (#20 item 6): a JSON list of {what, owner, due} (a form-js dynamic
   * list, as many rows as needed; the owner from the form's list, due an ISO date). A case
   * conference still uses the three fixed rows below.
   */
  public static final String AGREED_ACTIONS = "agreedActions";
  public static final VariableFactory<String> ACTION1_WHAT = stringVariable("action1What");
  public static final VariableFactory<String> ACTION1_OWNER = stringVariable("action1Owner");
  public static final VariableFactory<String> ACTION1_DUE = stringVariable("action1Due");
  public static final VariableFactory<String> ACTION2_WHAT = stringVariable("action2What");
  public static final VariableFactory<String> ACTION2_OWNER = stringVariable("action2Owner");
  public static final VariableFactory<String> ACTION2_DUE = stringVariable("action2Due");
  public static final VariableFactory<String> ACTION3_WHAT = stringVariable("action3What");
  public static final VariableFactory<String> ACTION3_OWNER = stringVariable("action3Owner");
  public static final VariableFactory<String> ACTION3_DUE = stringVariable("action3Due");
  public static final VariableFactory<String> INDIVIDUAL_LEARNING = stringVariable("individualLearning");
  public static final VariableFactory<String> GOOD_PRACTICE = stringVariable("goodPractice");
  /** Chosen themes: a JSON list of theme ids (a Camunda Forms checklist). */
  public static final String THEMES = "themes";
  /** The active taxonomy as the checklist's options: a JSON list of {label, value}. */
  public static final String THEME_OPTIONS = "themeOptions";
  public static final VariableFactory<Boolean> BRING_BACK = booleanVariable("bringBack");
  public static final VariableFactory<Boolean> ESCALATE_TO_CONFERENCE = booleanVariable("escalateToConference");

  // Case conference
  public static final VariableFactory<Integer> CONFERENCE_MINUTES = intVariable("conferenceMinutes");
  public static final VariableFactory<String> CONFERENCE_SOOS = stringVariable("conferenceSoos");
  public static final VariableFactory<String> CONFERENCE_DATE = stringVariable("conferenceDate");
  /** The conference outcome is due by the end of the next working day after the conference. */
  public static final VariableFactory<Date> CONFERENCE_OUTCOME_DUE_DATE = dateVariable("conferenceOutcomeDueDate");
  public static final VariableFactory<String> PRIMARY_PARTIES = stringVariable("primaryParties");

  /** All declared names (and the JSON ones), for the model-consistency test. */
  public static Set<String> names() {
    Set<String> names = new HashSet<>(VariableNames.of(PanelVariables.class));
    names.add(THEMES);
    names.add(THEME_OPTIONS);
    names.add(ACTION_REVIEWS);
    names.add(AGREED_ACTIONS);
    names.addAll(Set.of(MEMBER_OPTIONS, PARTNER_OPTIONS, MEMBERS_PRESENT, PARTNERS_PRESENT));
    names.addAll(Set.of(AGENDA_SLOTS, CARRIED_OVER_CASES, WAITING_CASE_OPTIONS, ADD_CASE_OPTIONS, PUT_FIRST, ADD_CASE_CODES));
    names.add(CaseVariables.CASE_CODE.getName());
    return Set.copyOf(names);
  }
}
