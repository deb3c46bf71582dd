package uk.police.daoversight.engine.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The deployed forms' rules, as the server applies them to what a person submits. */
class FormFieldRulesTest {

  private static final FormFieldRules.Conditions FEEL = new FeelConditions();
  private static final Instant DUE = Instant.parse("2026-12-05T09:30:00Z");
  private static final Map<String, Object> CASE = Map.of("caseCode", "ABCD-1234", "contactDueDate", Date.from(DUE));
  private static final Map<String, Object> AGENDA = Map.of(
      "waitingCaseOptions", "[{\"label\":\"AAAA-1111 (10:00-10:15, NEW)\",\"value\":\"AAAA-1111\"},"
          + "{\"label\":\"BBBB-2222 (carried over, UPDATE)\",\"value\":\"BBBB-2222\"}]",
      "addCaseOptions", "[{\"label\":\"CCCC-3333\",\"value\":\"CCCC-3333\"}]",
      "agendaSlots", "[]", "carriedOverCases", "[]");

  static Stream<Arguments> table() {
    String longText = "x".repeat(201);
    String themeOptions = "[{\"label\":\"Communication\",\"value\":\"t1\"},{\"label\":\"Delay\",\"value\":\"t2\"}]";
    return Stream.of(
        // contactVictim: offered values, conditions, read-only fields, lengths, types
        row("contactVictim", CASE, Map.of("contactOutcome", "ENGAGED", "contactInterval", "P7D",
            "safeContactChannel", "personal mobile", "safeContactTimes", "evenings"), List.of()),
        row("contactVictim", CASE, Map.of("contactOutcome", "UNREACHABLE"), List.of()),
        row("contactVictim", CASE, Map.of(), List.of("contactOutcome: is required")),
        row("contactVictim", CASE, Map.of("contactOutcome", "ENGAGED"), List.of("contactInterval: is required",
            "safeContactChannel: is required", "safeContactTimes: is required")),
        row("contactVictim", CASE, Map.of("contactOutcome", "DECLINED", "safeContactChannel", "IDVA",
            "safeContactTimes", "any"), List.of()),
        row("contactVictim", CASE, Map.of("contactOutcome", "LOST"), List.of("contactOutcome: must be one of the offered values",
            "safeContactChannel: is required", "safeContactTimes: is required")),
        row("contactVictim", CASE, Map.of("contactOutcome", 7), List.of("contactOutcome: must be one of the offered values")),
        row("contactVictim", CASE, Map.of("contactOutcome", "UNREACHABLE", "riskLevel", "STANDARD", "assignedSoo", "soo9"),
            List.of("assignedSoo: is not a field of this form", "riskLevel: is not a field of this form")),
        row("contactVictim", CASE, Map.of("contactOutcome", "UNREACHABLE", "caseCode", "ZZZZ-0000"),
            List.of("caseCode: is read-only on this form")),
        row("contactVictim", CASE, Map.of("contactOutcome", "UNREACHABLE", "caseCode", "ABCD-1234",
            "contactDueDate", local(DUE, 1)), List.of()),
        row("contactVictim", CASE, Map.of("contactOutcome", "UNREACHABLE", "contactDueDate", local(DUE.plusSeconds(86400), 0)),
            List.of("contactDueDate: is read-only on this form")),
        row("contactVictim", CASE, Map.of("contactOutcome", "UNREACHABLE", "contactDueDate", Date.from(DUE.plusSeconds(3600))),
            List.of("contactDueDate: is read-only on this form")),
        row("contactVictim", CASE, Map.of("contactOutcome", "ENGAGED", "contactInterval", "P7D",
            "safeContactChannel", longText, "safeContactTimes", "evenings"),
            List.of("safeContactChannel: must be at most 200 characters")),
        row("contactVictim", CASE, Map.of("contactOutcome", "ENGAGED", "contactInterval", "P7D",
            "safeContactChannel", "mobile", "safeContactTimes", "evenings", "voicemailSafe", "yes"),
            List.of("voicemailSafe: must be true or false")),
        row("contactVictim", CASE, Map.of("contactOutcome", "ENGAGED", "contactInterval", "P1D",
            "safeContactChannel", "mobile", "safeContactTimes", 18), List.of("contactInterval: must be one of the offered values",
            "safeContactTimes: must be text")),
        // a checkbox that is required must be ticked (as form-js)
        row("casePack", CASE, Map.of("casePackRead", true), List.of()),
        row("casePack", CASE, Map.of("casePackRead", false), List.of("casePackRead: is required")),
        // a condition on a process variable the person does not send
        row("allocateSoo", Map.of("caseCode", "ABCD-1234", "dualSoo", true), Map.of("allocatedSoo", "soo1"),
            List.of("allocatedSecondSoo: is required")),
        row("allocateSoo", Map.of("caseCode", "ABCD-1234", "dualSoo", false), Map.of("allocatedSoo", "soo1"), List.of()),
        row("allocateSoo", Map.of("caseCode", "ABCD-1234", "allocatedSoo", "soo1"), Map.of(), List.of()),
        row("allocateSoo", Map.of("caseCode", "ABCD-1234", "allocatedSoo", "soo1"), Map.of("allocatedSoo", ""),
            List.of("allocatedSoo: is required")),
        row("allocateSoo", Map.of("caseCode", "ABCD-1234", "recommendation", "soo1"), Map.of("allocatedSoo", "soo1",
            "recommendation", "soo2 (tampered)"), List.of("recommendation: is read-only on this form")),
        // limits of a number
        row("recordAttendance", Map.of(), Map.of("partnerAgenciesAttending", 2), List.of()),
        row("recordAttendance", Map.of(), Map.of("partnerAgenciesAttending", 4L), List.of("partnerAgenciesAttending: must be at most 3")),
        row("recordAttendance", Map.of(), Map.of("partnerAgenciesAttending", -1), List.of("partnerAgenciesAttending: must be at least 0")),
        row("recordAttendance", Map.of(), Map.of("partnerAgenciesAttending", "two"), List.of("partnerAgenciesAttending: must be a number")),
        // options from a variable the task holds, never from the submission
        row("recordPanelOutcome", Map.of("themeOptions", themeOptions), outcome(List.of("t1", "t2")), List.of()),
        row("recordPanelOutcome", Map.of("themeOptions", themeOptions), outcome(List.of("t9")), List.of("themes: must contain only offered values")),
        row("recordPanelOutcome", Map.of("themeOptions", themeOptions), outcome("t1"), List.of("themes: must be a list of offered values")),
        // an action's owner is chosen from the force's list, never typed (#20 item 6)
        // and the panel agrees as many as it needs, each row checked (a dynamic list)
        row("recordPanelOutcome", Map.of(), agreed(action("Ask for the plan", "OIC", "2026-12-17")), List.of()),
        row("recordPanelOutcome", Map.of(), agreed(action("Ask for the plan", "Detective Superintendent", "2026-12-17"),
            action("Refer to the IDVA", "SOO", "2026-12-10"), action("Check the PSD log", "PSD", "2026-12-24"),
            action("Share with the council", "Partner agency", "2026-12-31")), List.of()),
        row("recordPanelOutcome", Map.of(), agreed(action("Ask for the plan", "OIC", "2026-12-17"),
            action("Ring back", "the DC on nights", "2026-12-17")), List.of("agreedActions[1].owner: must be one of the offered values")),
        row("recordPanelOutcome", Map.of(), agreed(action("Ask for the plan", "", "")),
            List.of("agreedActions[0].owner: is required", "agreedActions[0].due: is required")),
        row("recordPanelOutcome", Map.of(), agreed(action("Ask for the plan", "OIC", "next week")),
            List.of("agreedActions[0].due: must be a date")),
        row("recordPanelOutcome", Map.of(), withAction(outcome(List.of()), "OIC"),
            List.of("action1Due: is not a field of this form", "action1Owner: is not a field of this form",
                "action1What: is not a field of this form")),
        row("recordConferenceOutcome", Map.of(), withAction(conferenceOutcome(), "Partner agency"), List.of()),
        row("recordConferenceOutcome", Map.of(), withAction(conferenceOutcome(), "Mrs Jones at the council"),
            List.of("action1Owner: must be one of the offered values")),
        // the agenda's lists (#20 item 2): cases chosen from the waiting cases and the open cases, never typed
        row("prepareAgenda", AGENDA, Map.of("putFirst", List.of("BBBB-2222"), "addCaseCodes", List.of("CCCC-3333"),
            "deferCase1", "AAAA-1111", "deferReason1", "SOO on leave", "agendaReady", false), List.of()),
        row("prepareAgenda", AGENDA, Map.of("deferCase1", "ZZZZ-9999", "deferReason1", "typo"),
            List.of("deferCase1: must be one of the offered values")),
        row("prepareAgenda", AGENDA, Map.of("putFirst", List.of("CCCC-3333")), List.of("putFirst: must contain only offered values")),
        row("prepareAgenda", AGENDA, Map.of("addCaseCodes", List.of("AAAA-1111")),
            List.of("addCaseCodes: must contain only offered values")),
        row("prepareAgenda", AGENDA, Map.of("deferCase2", "AAAA-1111"), List.of("deferReason2: is required")),
        row("prepareAgenda", AGENDA, Map.of("agendaReady", true, "deferReason3", "no case chosen"), List.of()),
        // closure's assurance record appears only when closure is requested
        row("caseUpdate", CASE, update(false), List.of()),
        row("caseUpdate", CASE, update(true), List.of("abuseOfPositionChecked: is required", "iopcReferralConsidered: is required",
            "otherForceConsidered: is required", "recordedAsComplaintOrConduct: is required")),
        // dates
        row("scheduleConference", Map.of(), Map.of("conferenceDate", "2026-12-10T10:00"), List.of()),
        row("scheduleConference", Map.of(), Map.of("conferenceDate", "2026-12-10T10:00:00+01:00"), List.of()),
        row("scheduleConference", Map.of(), Map.of("conferenceDate", "next Tuesday"), List.of("conferenceDate: must be a date and time")),
        row("scheduleConference", Map.of(), Map.of(), List.of("conferenceDate: is required")),
        // the start form
        row("recordReferral", Map.of(), referral(Map.of()), List.of()),
        row("recordReferral", Map.of(), referral(Map.of("victimPoliceEmployee", true)), List.of("victimStaffNumber: is required")),
        row("recordReferral", Map.of(), referral(Map.of("victimDateOfBirth", "12/04/1986")), List.of("victimDateOfBirth: must be a date")),
        row("recordReferral", Map.of(), referral(Map.of("riskLevel", "LOW")), List.of("riskLevel: must be one of the offered values")),
        row("recordReferral", Map.of(), referral(Map.of("caseCode", "ABCD-1234", "allocatedSoo", "soo1")),
            List.of("allocatedSoo: is not a field of this form", "caseCode: is not a field of this form")),
        row("recordReferral", Map.of(), referral(Map.of("externalReference", "R".repeat(101))),
            List.of("externalReference: must be at most 100 characters")));
  }

  @ParameterizedTest(name = "{0} {2} -> {3}")
  @MethodSource("table")
  void checksEachFieldAsItsFormSays(String form, Map<String, Object> shown, Map<String, Object> sent, List<String> expected)
      throws IOException {
    assertThat(problems(rules(form), sent, shown)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aBrokenCopyOfAFormIsCaught() throws IOException {
    Map<String, Object> tasklist = Map.of("contactOutcome", "ENGAGED", "contactInterval", "P28D",
        "safeContactChannel", "through the IDVA", "safeContactTimes", "mornings");
    String form = Files.readString(Path.of("forms", "contactVictim.form"));
    assertThat(FormFieldRules.parse(form, FEEL).validate(tasklist, CASE)).isEmpty();

    String misspelt = form.replace("\"key\": \"contactInterval\"", "\"key\": \"contactIntervall\"");
    assertThat(misspelt).isNotEqualTo(form);
    assertThat(problems(FormFieldRules.parse(misspelt, FEEL), tasklist, CASE))
        .containsExactly("contactInterval: is not a field of this form", "contactIntervall: is required");

    String fewerOptions = form.replace("\"value\": \"P28D\"", "\"value\": \"P30D\"");
    assertThat(problems(FormFieldRules.parse(fewerOptions, FEEL), tasklist, CASE))
        .containsExactly("contactInterval: must be one of the offered values");

    String shorter = form.replace("\"maxLength\": 200", "\"maxLength\": 5");
    assertThat(problems(FormFieldRules.parse(shorter, FEEL), tasklist, CASE))
        .containsExactlyInAnyOrder("safeContactChannel: must be at most 5 characters", "safeContactTimes: must be at most 5 characters");

    String editable = form.replace("\"readonly\": true", "\"readonly\": false");
    Map<String, Object> moved = new HashMap<>(tasklist);
    moved.put("caseCode", "ZZZZ-0000");
    assertThat(problems(FormFieldRules.parse(form, FEEL), moved, CASE)).containsExactly("caseCode: is read-only on this form");
    assertThat(FormFieldRules.parse(editable, FEEL).validate(moved, CASE)).as("the broken copy lets it through").isEmpty();
  }

  @Test
  void groupsDynamicListsAndTheOtherRules() {
    String form = """
        {"id": "synthetic", "schemaVersion": 16, "components": [
          {"type": "group", "components": [
            {"type": "textfield", "key": "code", "validate": {"pattern": "^[A-Z]{4}$", "minLength": 4}}]},
          {"type": "group", "path": "address", "components": [
            {"type": "textfield", "key": "town", "validate": {"required": true}}]},
          {"type": "dynamiclist", "path": "items", "components": [
            {"type": "number", "key": "amount", "decimalDigits": 2, "validate": {"required": true}}]},
          {"type": "checklist", "key": "colours", "values": [{"label": "Red", "value": "red"}]},
          {"type": "textfield", "key": "mail", "validate": {"validationType": "email"}},
          {"type": "filepicker", "key": "upload"},
          {"type": "text", "text": "no data"}
        ]}""";
    FormFieldRules rules = FormFieldRules.parse(form, FEEL);
    assertThat(rules.keys()).containsExactlyInAnyOrder("code", "address", "items", "colours", "mail", "upload");
    assertThat(rules.validate(Map.of("code", "ABCD", "address", Map.of("town", "Leeds"),
        "items", List.of(Map.of("amount", 1.25)), "colours", List.of("red"), "mail", "a@b.uk"), Map.of())).isEmpty();
    assertThat(problems(rules, Map.of("code", "abcd", "address", Map.of("town", "", "street", "x"),
        "items", List.of(Map.of("amount", 1.255), Map.of("note", "x")), "colours", List.of("blue"), "mail", "nobody",
        "upload", "c:/x"), Map.of())).containsExactlyInAnyOrder(
        "code: does not match the pattern the form asks for", "address.street: is not a field of this form",
        "address.town: is required", "items[0].amount: must have at most 2 decimal places",
        "items[1].note: is not a field of this form", "items[1].amount: is required",
        "colours: must contain only offered values", "mail: must be an email address",
        "upload: has a field type the server cannot check (filepicker)");
    assertThat(problems(rules, Map.of(), Map.of())).containsExactly("address.town: is required");
  }

  @Test
  void whatIsTypedInADynamicListsRowsIsFreeTextToCheck() throws IOException {
    assertThat(rules("recordPanelOutcome").listFreeText(agreed(action("Ask for the plan", "OIC", "2026-12-17"),
        action("Refer to the IDVA", "SOO", "2026-12-10"))))
        .containsExactly(Map.entry("agreedActions[0].what", "Ask for the plan"), Map.entry("agreedActions[1].what", "Refer to the IDVA"));
    // the open actions shown read-only come back as they were; only the note is typed
    assertThat(rules("reviewOpenActions").listFreeText(Map.of("actionReviews", List.of(Map.of("caseCode", "ABCD-1234",
        "action", "Ring the victim", "status", "NOT_POSSIBLE", "note", "Declined")))))
        .containsExactly(Map.entry("actionReviews[0].note", "Declined"));
  }

  @Test
  void everyDeployedFormParses() throws IOException {
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      forms.filter(p -> p.toString().endsWith(".form")).forEach(p -> {
        try {
          assertThat(FormFieldRules.parse(Files.readString(p), FEEL).keys()).as(p.toString()).isNotEmpty();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
    }
    assertThatThrownBy(() -> FormFieldRules.parse("{\"id\":\"x\"}", FEEL)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FormFieldRules.parse("not json", FEEL)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDateShownInTheBrowsersTimeZoneCountsAsUnchanged() {
    Date due = Date.from(DUE);
    assertThat(FormFieldRules.sameValue(due, local(DUE, 0))).isTrue();
    assertThat(FormFieldRules.sameValue(due, local(DUE, -5))).isTrue();
    assertThat(FormFieldRules.sameValue(due, "2026-12-05T09:30:00.000+0000")).isTrue();
    assertThat(FormFieldRules.sameValue(due, "2026-12-05T10:30:00+01:00")).isTrue();
    assertThat(FormFieldRules.sameValue(due, "2026-12-05T10:31:00")).isFalse();
    assertThat(FormFieldRules.sameValue(due, "2026-12-07T09:30:00")).as("two days later").isFalse();
    assertThat(FormFieldRules.sameValue(due, "soon")).isFalse();
    assertThat(FormFieldRules.sameValue(null, false)).as("an unticked box for a missing value").isTrue();
    assertThat(FormFieldRules.sameValue(null, "")).isTrue();
    assertThat(FormFieldRules.sameValue(null, true)).isFalse();
    assertThat(FormFieldRules.sameValue(null, "ABCD-1234")).isFalse();
    assertThat(FormFieldRules.sameValue(90, 90L)).isTrue();
  }

  private static String local(Instant instant, int offsetHours) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.ofHours(offsetHours)).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
  }

  private static Map<String, Object> outcome(Object themes) {
    Map<String, Object> sent = new HashMap<>();
    sent.put("directionForVictim", "Keep updating");
    sent.put("directionForInvestigation", "Continue");
    sent.put("slotResult", "DISCUSSED"); // the form's default, which Tasklist sends
    sent.put("themes", themes);
    return sent;
  }

  private static Map<String, Object> withAction(Map<String, Object> sent, String owner) {
    sent.put("action1What", "Ask for the investigation plan");
    sent.put("action1Owner", owner);
    sent.put("action1Due", "2026-12-17");
    return sent;
  }

  @SafeVarargs
  private static Map<String, Object> agreed(Map<String, Object>... actions) {
    Map<String, Object> sent = outcome(List.of());
    sent.put("agreedActions", List.of(actions));
    return sent;
  }

  private static Map<String, Object> action(String what, String owner, String due) {
    return Map.of("what", what, "owner", owner, "due", due);
  }

  private static Map<String, Object> conferenceOutcome() {
    Map<String, Object> sent = new HashMap<>();
    sent.put("primaryParties", "AS_REFERRED");
    sent.put("directionForVictim", "Keep updating");
    sent.put("directionForInvestigation", "Continue");
    return sent;
  }

  private static Map<String, Object> update(boolean requestClosure) {
    Map<String, Object> sent = new HashMap<>();
    sent.put("updateSummary", "Spoke to the victim");
    sent.put("criminalInvestigationStatus", value("caseUpdate", "criminalInvestigationStatus"));
    sent.put("misconductInvestigationStatus", value("caseUpdate", "misconductInvestigationStatus"));
    sent.put("victimSupportsInvestigation", value("caseUpdate", "victimSupportsInvestigation"));
    sent.put("requestClosure", requestClosure);
    return sent;
  }

  private static Map<String, Object> referral(Map<String, Object> changes) {
    Map<String, Object> sent = new HashMap<>();
    sent.put("route", "MASH");
    sent.put("externalReference", "REF-1");
    sent.put("riskLevel", "MEDIUM");
    sent.put("victimName", "Vicky");
    sent.put("victimDateOfBirth", "1986-04-12");
    sent.put("victimPoliceEmployee", false);
    sent.put("perpetratorName", "Percy");
    sent.put("perpetratorPoliceEmployee", true);
    sent.put("perpetratorStaffNumber", "PS1");
    sent.put("knownTo", "");
    sent.putAll(changes);
    return sent;
  }

  /** The first offered value of a select, read from the form. */
  private static String value(String form, String key) {
    try {
      String json = Files.readString(Path.of("forms", form + ".form"));
      var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      for (var c : tree.path("components")) {
        if (key.equals(c.path("key").asText())) {
          return c.path("values").get(0).path("value").asText();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException(key);
  }

  private static Arguments row(String form, Map<String, Object> shown, Map<String, Object> sent, List<String> expected) {
    return Arguments.of(form, shown, sent, expected);
  }

  private static FormFieldRules rules(String form) throws IOException {
    return FormFieldRules.parse(Files.readString(Path.of("forms", form + ".form")), FEEL);
  }

  private static List<String> problems(FormFieldRules rules, Map<String, Object> sent, Map<String, Object> shown) {
    return rules.validate(sent, shown).stream().map(FormProblem::toString).toList();
  }
}
