package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralFormFields;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.intake.ReferralRequest.PartyRequest;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/**
 * A user's bad input is a 4xx with a plain JSON message, never a 500, never a stack trace or an
 * exception's text, and it stores nothing. The engine's REST API answers a bad parameter with a 400
 * too, and a real fault (not provoked here) stays a 5xx.
 */
@IntegrationTest
class BadInputTest extends EngineTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired uk.police.daoversight.vault.ReferenceKeys referenceKeys;
  @Autowired RepositoryService repositoryService;

  @Test
  void aLongKnownToListIsA400AndStoresNoReferral() throws Exception {
    ReferralRequest referral = Referrals.with(Referrals.policeVictim("MASH"), false,
        IntStream.range(0, 300).mapToObj(i -> "user" + i + "-with-a-rather-long-identifier-to-fill-the-column").toList());
    assertRefusedReferral(send("coordinator", HttpMethod.POST, "/api/referrals", MAPPER.writeValueAsString(referral), MediaType.APPLICATION_JSON),
        referral, 400, "knownTo");
    ReferralRequest twenty = Referrals.with(Referrals.policeVictim("MASH"), false,
        IntStream.range(0, 20).mapToObj(i -> "u" + i + "x".repeat(60)).toList());
    assertRefusedReferral(send("coordinator", HttpMethod.POST, "/api/referrals", MAPPER.writeValueAsString(twenty), MediaType.APPLICATION_JSON),
        twenty, 400, "knownTo");
  }

  @Test
  void implausibleDatesOfBirthAreRefusedNotShifted() throws Exception {
    for (String dob : List.of("1850-01-01", "0001-01-01", "-999999999-01-01", "+999999999-12-31", "2999-01-01",
        java.time.LocalDate.now().minusYears(3).toString())) {
      ReferralRequest r = Referrals.policeVictim("MASH");
      ReferralRequest bad = new ReferralRequest(r.route(), r.externalReference(),
          new PartyRequest(r.victim().name(), dob, true, r.victim().staffNumber(), "PC", "Response", null), r.perpetrator(),
          List.of(), "MEDIUM", false, false, false);
      ResponseEntity<String> answer = send("coordinator", HttpMethod.POST, "/api/referrals", MAPPER.writeValueAsString(bad),
          MediaType.APPLICATION_JSON);
      assertRefusedReferral(answer, bad, 400, "victim.dateOfBirth");
    }
    // The start form path: the same validator, a 400 naming the field, nothing stored.
    ReferralRequest r = Referrals.policeVictim("MASH");
    ReferralRequest bad = new ReferralRequest(r.route(), r.externalReference(),
        new PartyRequest(r.victim().name(), "1850-01-01", true, r.victim().staffNumber(), "PC", "Response", null), r.perpetrator(),
        List.of(), "MEDIUM", false, false, false);
    Map<String, Object> variables = new LinkedHashMap<>();
    ReferralFormFields.toTransientVariables(bad).forEach((name, value) -> {
      if (value != null) {
        variables.put(name, Map.of("value", value, "type", value instanceof Boolean ? "Boolean" : "String"));
      }
    });
    ResponseEntity<String> started = send("coordinator", HttpMethod.POST,
        "/engine-rest/process-definition/key/oversightCase/submit-form", MAPPER.writeValueAsString(Map.of("variables", variables)),
        MediaType.APPLICATION_JSON);
    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(400);
    assertThat(started.getBody()).contains("victim.dateOfBirth").doesNotContain("at org.", "1850");
    assertThat(vaultRows(bad)).isZero();
  }

  @Test
  void duplicateJsonKeysAndAWildcardContentTypeAreRefused() throws Exception {
    ReferralRequest referral = Referrals.policeVictim("MASH");
    String json = MAPPER.writeValueAsString(referral);
    String duplicated = json.replaceFirst("\\{", "{\"riskLevel\":\"LOW\",");
    assertRefusedReferral(send("coordinator", HttpMethod.POST, "/api/referrals", duplicated, MediaType.APPLICATION_JSON), referral, 400, null);
    for (String type : List.of("*/json", "nonsense", "application/json; charset=\"", "*/*")) {
      // Headers no client library sends: over a plain connection.
      java.net.http.HttpResponse<String> raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(rest.getRootUri() + "/api/referrals"))
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("coordinator:demo".getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", type).POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertRefusedReferral(ResponseEntity.status(raw.statusCode()).body(raw.body()), referral, 415, null);
    }
    for (String type : List.of("*/*", "application/*", "text/plain")) {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.CONTENT_TYPE, type);
      ResponseEntity<String> answer = rest.withBasicAuth("coordinator", "demo").exchange("/api/referrals", HttpMethod.POST,
          new HttpEntity<>(json.getBytes(StandardCharsets.UTF_8), headers), String.class);
      assertRefusedReferral(answer, referral, 415, null);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, "*/*");
    ResponseEntity<String> engine = rest.withBasicAuth("admin", "demo").exchange("/engine-rest/task", HttpMethod.POST,
        new HttpEntity<>("{}".getBytes(StandardCharsets.UTF_8), headers), String.class);
    assertThat(engine.getStatusCode().value()).as(engine.getBody()).isBetween(200, 499);
  }

  @Test
  void longRosterAndTaskingFieldsAreRefused() {
    String before = jdbc.queryForObject("select rank from soo_roster where user_id = 'soo1'", String.class);
    String longText = "x".repeat(5000);
    for (String field : List.of("rank", "department", "staffNumber", "excludedRole")) {
      Map<String, Object> entry = new LinkedHashMap<>(Map.of("rank", "Chief Inspector", "available", true));
      entry.put(field, longText);
      ResponseEntity<String> answer = send("coordinator", HttpMethod.PUT, "/api/soos/soo1", json(entry), MediaType.APPLICATION_JSON);
      assertPlain(answer, 400);
      assertThat(answer.getBody()).contains(field);
    }
    assertPlain(send("coordinator", HttpMethod.PUT, "/api/soos/soo1",
        "{\"rank\":\"Chief Inspector\",\"available\":true,\"lastAllocatedAt\":\"+999999999-12-31T23:59:59Z\"}", MediaType.APPLICATION_JSON), 400);
    assertThat(jdbc.queryForObject("select rank from soo_roster where user_id = 'soo1'", String.class)).isEqualTo(before);

    String theme = jdbc.queryForObject("select id from theme fetch first 1 rows only", String.class);
    int taskings = jdbc.queryForObject("select count(*) from theme_tasking", Integer.class);
    for (Map<String, Object> body : List.of(
        Map.<String, Object>of("title", longText, "owner", "Head of PSD", "dueDate", "2027-01-01"),
        Map.<String, Object>of("title", "Review vetting", "owner", longText, "dueDate", "2027-01-01"),
        Map.<String, Object>of("title", "Review vetting", "owner", "Head of PSD", "dueDate", "+999999999-12-31"),
        Map.<String, Object>of("title", "Review vetting", "owner", "Head of PSD", "dueDate", "-999999999-01-01"))) {
      assertPlain(send("manager", HttpMethod.POST, "/api/themes/" + theme + "/taskings", json(body), MediaType.APPLICATION_JSON), 400);
    }
    assertThat(jdbc.queryForObject("select count(*) from theme_tasking", Integer.class)).isEqualTo(taskings);
  }

  @Test
  void absurdReportDatesAreA400() {
    for (String query : List.of("from=-999999999-01-01", "to=%2B999999999-12-31", "from=0000-01-01&to=0001-01-01",
        "from=9999-01-01&to=9999-12-31", "from=2026-13-45", "from=" + "9".repeat(400))) {
      assertPlain(send("manager", HttpMethod.GET, "/api/reports/outputs?" + query, null, null), 400);
    }
    assertPlain(send("auditor", HttpMethod.GET, "/api/audit?from=-999999999-01-01", null, null), 400);
    assertPlain(send("auditor", HttpMethod.GET, "/api/audit?to=%2B999999999-12-31T00:00:00Z", null, null), 400);
  }

  @Test
  void badRollbacksAndUploadsAreA4xxAndDeployNothing() {
    long versions = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("panelSlotMinutes").count();
    assertPlain(send("analyst", HttpMethod.POST, "/api/rules/panelSlotMinutes/versions/-1/rollback", null, null), 400);
    assertPlain(send("analyst", HttpMethod.POST, "/api/rules/panelSlotMinutes/versions/0/rollback", null, null), 400);
    assertPlain(send("analyst", HttpMethod.POST, "/api/rules/panelSlotMinutes/versions/99/rollback", null, null), 404);

    String boundary = "----oversightBoundary";
    MediaType multipart = MediaType.parseMediaType("multipart/form-data; boundary=" + boundary);
    String noFile = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"regression\"; filename=\"r.csv\"\r\n\r\na,expected.b\r\n--"
        + boundary + "--\r\n";
    assertPlain(send("analyst", HttpMethod.POST, "/api/rules/panelSlotMinutes", noFile, multipart), 400);
    String broken = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.dmn\"\r\n\r\n<definitions";
    assertPlain(send("analyst", HttpMethod.POST, "/api/rules/panelSlotMinutes", broken, multipart), 400);
    assertPlain(send("analyst", HttpMethod.POST, "/api/rules/panelSlotMinutes", "not multipart at all", multipart), 400);
    assertPlain(send("analyst", HttpMethod.POST, "/api/rules/panelSlotMinutes",
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.dmn\"\r\n\r\n\r\n--" + boundary + "--\r\n", multipart), 400);
    String huge = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.dmn\"\r\n\r\n" + "x".repeat(3 * 1024 * 1024)
        + "\r\n--" + boundary + "--\r\n";
    ResponseEntity<String> tooLarge = send("analyst", HttpMethod.POST, "/api/rules/panelSlotMinutes", huge, multipart);
    assertThat(tooLarge.getStatusCode().value()).as(tooLarge.getBody()).isIn(400, 413);
    assertThat(String.valueOf(tooLarge.getBody())).doesNotContain("at org.", "Exception");
    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("panelSlotMinutes").count()).isEqualTo(versions);
  }

  @Test
  void veryLongPathsAreA4xx() {
    String segment = "a".repeat(5000);
    for (String path : List.of("/api/" + segment, "/api/cases/" + segment + "/identity", "/api/rules/" + segment + "/versions",
        "/engine-rest/" + segment, "/engine-rest/task/" + segment, "/engine-rest/process-instance/" + segment + "/variables",
        "/engine-rest/history/process-instance/" + segment)) {
      for (String user : List.of("admin", "soo1")) {
        ResponseEntity<String> answer = send(user, HttpMethod.GET, path, null, null);
        assertThat(answer.getStatusCode().value()).as(user + " " + path.substring(0, 20)).isBetween(400, 499);
        assertThat(String.valueOf(answer.getBody())).doesNotContain("at org.", "Exception:");
      }
    }
  }

  @Test
  void aLoginWithoutItsFormIsA4xxWithAReason() {
    // The webapps' login reads form fields: sent (with its CSRF cookie, as Tasklist does) without a
    // form, Camunda's Jersey resource failed with a 500.
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    HttpHeaders cookies = new HttpHeaders();
    page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).forEach(c -> {
      String pair = c.split(";", 2)[0];
      cookies.add(HttpHeaders.COOKIE, pair);
      if (pair.startsWith("XSRF-TOKEN=")) {
        cookies.add("X-XSRF-TOKEN", pair.substring("XSRF-TOKEN=".length()));
      }
    });
    assertThat(cookies.get("X-XSRF-TOKEN")).as("Tasklist's CSRF cookie").isNotEmpty();
    String login = "/camunda/api/admin/auth/user/default/login/tasklist";
    for (MediaType type : java.util.Arrays.asList(null, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN)) {
      HttpHeaders headers = new HttpHeaders();
      headers.addAll(cookies);
      if (type != null) {
        headers.setContentType(type);
      }
      ResponseEntity<String> answer = rest.exchange(login, HttpMethod.POST,
          new HttpEntity<>(type == null ? null : "{}", headers), String.class);
      assertThat(answer.getStatusCode().value()).as(type + ": " + answer.getBody()).isEqualTo(415);
      assertThat(answer.getBody()).contains("application/x-www-form-urlencoded").doesNotContain("at org.", "Exception");
    }
  }

  @Test
  void aTaskThatNeverExistedIsA404NotAConflict() {
    for (String path : List.of("/engine-rest/task/no-such-task/complete", "/engine-rest/task/no-such-task/submit-form",
        "/engine-rest/task/no-such-task/claim", "/camunda/api/engine/engine/default/task/no-such-task/submit-form")) {
      if (path.startsWith("/camunda")) {
        continue; // the webapps' API needs a session and CSRF token: ConcurrentTaskChangeAnswerTest drives it
      }
      ResponseEntity<String> answer = send("admin", HttpMethod.POST, path, "{\"variables\":{},\"userId\":\"admin\"}", MediaType.APPLICATION_JSON);
      assertThat(answer.getStatusCode().value()).as(path + " " + answer.getBody()).isEqualTo(404);
      assertThat(answer.getBody()).doesNotContain("Someone else", "ENGINE-", "at org.");
    }
  }

  /** Camunda answers these with a 500 and the engine's message; here each is a 4xx. */
  @Test
  void engineRestBadParameterCombinationsAreNever500() {
    List<String[]> calls = new ArrayList<>(List.of(
        get("/engine-rest/task?sortBy=foo"), get("/engine-rest/task?sortOrder=up"), get("/engine-rest/task?sortBy=created"),
        get("/engine-rest/task/count?dueAfter=notadate"), get("/engine-rest/task?maxResults=-1"), get("/engine-rest/task?firstResult=abc"),
        get("/engine-rest/task?candidateGroup=x&withoutCandidateGroups=true"), get("/engine-rest/task?assignee=a&assigneeLike=b&unassigned=true"),
        get("/engine-rest/task?priority=high"), get("/engine-rest/task?processVariables=bad"), get("/engine-rest/task?taskVariables=a_eq_"),
        get("/engine-rest/process-instance?variables=bad"), get("/engine-rest/process-instance?variables=a_like_b_c"),
        get("/engine-rest/process-instance?sortBy=instanceId"), get("/engine-rest/process-instance/count?processDefinitionKeyIn="),
        get("/engine-rest/history/process-instance?sortOrder=up"), get("/engine-rest/history/process-instance?startedAfter=notadate"),
        get("/engine-rest/history/process-instance?sortBy=duration"), get("/engine-rest/history/task?sortBy=foo&sortOrder=asc"),
        get("/engine-rest/history/activity-instance?sortOrder=desc"), get("/engine-rest/history/variable-instance?variableNameLike="),
        get("/engine-rest/job?dueDates=bad"), get("/engine-rest/job?sortBy=jobId"), get("/engine-rest/incident?sortBy=x"),
        get("/engine-rest/decision-definition?sortOrder=asc"), get("/engine-rest/deployment?after=yesterday"),
        get("/engine-rest/process-definition/key/"), get("/engine-rest/process-definition/key/oversightCase/form-variables?variableNames="),
        get("/engine-rest/execution?variables=x_eq"), get("/engine-rest/variable-instance?variableValues=x_gt_"),
        get("/engine-rest/user?firstResult=-5&maxResults=-5"), get("/engine-rest/group?sortBy=name"),
        get("/engine-rest/history/detail?sortOrder=up"), get("/engine-rest/process-definition/no-such-id/xml"),
        post("/engine-rest/task", "{\"orQueries\":[{\"orQueries\":[]}]}"), post("/engine-rest/task", "{\"sorting\":[{\"sortBy\":\"foo\"}]}"),
        post("/engine-rest/task", "{\"sorting\":[{\"sortOrder\":\"asc\"}]}"), post("/engine-rest/task", "{\"processVariables\":[{\"name\":null}]}"),
        post("/engine-rest/task/count", "{\"dueAfter\":\"notadate\"}"), post("/engine-rest/task", "{\"assignee\":1,\"assignee\":2}"),
        post("/engine-rest/process-instance", "{\"variables\":[{\"name\":\"a\",\"operator\":\"foo\",\"value\":1}]}"),
        post("/engine-rest/process-instance", "{\"sorting\":[{\"sortBy\":\"instanceId\",\"sortOrder\":\"sideways\"}]}"),
        post("/engine-rest/history/process-instance", "{\"sorting\":[{}]}"),
        post("/engine-rest/history/process-instance", "{\"processInstanceIds\":[null]}"),
        post("/engine-rest/history/task", "{\"taskVariables\":[{\"name\":\"a\",\"operator\":\"like\",\"value\":5}]}"),
        post("/engine-rest/process-instance/delete", "{}"), post("/engine-rest/job/retries", "{}"),
        post("/engine-rest/message", "{}"), post("/engine-rest/signal", "{}"), post("/engine-rest/task/null/complete", "{}"),
        post("/engine-rest/process-definition/key/oversightCase/start", "{\"variables\":{\"x\":{\"value\":\"1\",\"type\":\"Nonsense\"}}}"),
        post("/engine-rest/process-instance/suspended", "{}"), post("/engine-rest/history/process-instance/delete", "{}"),
        post("/engine-rest/filter", "{\"resourceType\":\"Task\",\"name\":null,\"query\":{}}"),
        post("/engine-rest/variable-instance", "{\"variableValues\":[{\"name\":\"a\",\"operator\":\"eq\"}]}")));
    List<String> fives = new ArrayList<>();
    for (String user : List.of("admin", "soo1")) {
      for (String[] call : calls) {
        ResponseEntity<String> answer = call[0].equals("GET") ? send(user, HttpMethod.GET, call[1], null, null)
            : send(user, HttpMethod.POST, call[1], call[2], MediaType.APPLICATION_JSON);
        String body = String.valueOf(answer.getBody());
        if (answer.getStatusCode().is5xxServerError() || body.contains("at org.")) {
          fives.add(user + " " + call[0] + " " + call[1] + " → " + answer.getStatusCode().value() + " " + body.substring(0, Math.min(200, body.length())));
        }
      }
    }
    assertThat(fives).as(calls.size() + " calls per user").isEmpty();
  }

  private static String[] get(String path) {
    return new String[] {"GET", path, null};
  }

  private static String[] post(String path, String body) {
    return new String[] {"POST", path, body};
  }

  private void assertRefusedReferral(ResponseEntity<String> answer, ReferralRequest referral, int status, String field) {
    assertPlain(answer, status);
    if (field != null) {
      assertThat(answer.getBody()).contains(field);
    }
    assertThat(vaultRows(referral)).as("no vault row").isZero();
  }

  private int vaultRows(ReferralRequest referral) {
    return jdbc.queryForObject("select count(*) from case_identity where open_reference_key = ?", Integer.class,
        referenceKeys.keyOf(referral.externalReference()));
  }

  private static void assertPlain(ResponseEntity<String> answer, int status) {
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
    assertThat(answer.getBody()).as("a JSON message").isNotNull().contains("\"message\"");
    assertThat(answer.getBody()).doesNotContain("at org.", "at java.", "Exception", "ENGINE-", "\tat ");
  }

  private ResponseEntity<String> send(String user, HttpMethod method, String path, String body, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    if (type != null) {
      headers.setContentType(type);
    }
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    return rest.withBasicAuth(user, "demo").exchange(java.net.URI.create(rest.getRootUri() + path), method,
        new HttpEntity<>(body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers), String.class);
  }

  private static String json(Map<String, Object> body) {
    try {
      return MAPPER.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unused")
  private static String joined(List<String> parts) {
    return parts.stream().collect(Collectors.joining(","));
  }
}
