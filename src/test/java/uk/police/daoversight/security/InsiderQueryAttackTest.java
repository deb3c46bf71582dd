package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/**
 * An insider who has read the code tries to make the engine evaluate an expression of their own
 * (issue #15, item 1) or to store free text in comments and attachments (item 6), by every spelling,
 * path and client. Each expression would leave a marker if it ran: it puts a System property through
 * the Spring context's {@code environment} bean, which the engine resolved in query expressions with
 * the application's rights (the control in {@code RestrictedExpressionManagerTest} shows such an
 * expression does set it). Every attempt must get a 400 and leave no marker.
 */
@IntegrationTest
class InsiderQueryAttackTest extends EngineTest {

  private static final AtomicInteger MARKERS = new AtomicInteger();

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  @Autowired JdbcTemplate jdbc;

  private final List<String> markers = new java.util.ArrayList<>();
  private final List<String> filtersToDelete = new java.util.ArrayList<>();

  @AfterEach
  void clean() {
    markers.forEach(System::clearProperty);
    filtersToDelete.forEach(id -> {
      if (filterService.getFilter(id) != null) {
        filterService.deleteFilter(id);
      }
    });
  }

  /** A fresh marker name, and the expression that would set it. */
  private String marker() {
    String name = "insider.attack." + MARKERS.incrementAndGet();
    markers.add(name);
    return name;
  }

  private static String setting(String marker) {
    return "${environment.getSystemProperties().put('" + marker + "','ran')}";
  }

  private static void refusedAndNothingRan(ResponseEntity<String> answer, String marker, String what) {
    assertThat(answer.getStatusCode().value()).as(what + ": " + answer.getBody()).isEqualTo(400);
    assertThat(answer.getBody()).as(what).doesNotContain("at org.").doesNotContain("at java.");
    assertThat(System.getProperty(marker)).as(what + " ran the expression").isNull();
  }

  private ResponseEntity<String> postJson(String user, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), String.class);
  }

  private ResponseEntity<String> putJson(String user, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.PUT, new HttpEntity<>(json, headers), String.class);
  }

  /** A GET sent exactly as written (already percent-encoded), not re-encoded by the client. */
  private ResponseEntity<String> rawGet(String user, String pathAndQuery) {
    return rest.withBasicAuth(user, "demo").exchange(
        RequestEntity.get(URI.create(rest.getRootUri() + pathAndQuery)).build(), String.class);
  }

  private static String percentEncoded(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format("%%%02X", b));
    }
    return out.toString();
  }

  private String filterId(String name) {
    return filterService.createFilterQuery().filterName(name).singleResult().getId();
  }

  private String taskOfANewCase(String label) {
    ProcessInstance pi = new CaseDriver(runtimeService).start(Referrals.policeVictim(label));
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
  }

  // --- ad-hoc queries on engine-rest ---------------------------------------------------------------

  @Test
  void partnerAgencyPutsAnExpressionInAnOrQuery() {
    String m = marker();
    refusedAndNothingRan(postJson("partner1", "/engine-rest/task?maxResults=5",
        "{\"orQueries\":[{\"assigneeExpression\":\"" + setting(m) + "\"}]}"), m, "orQueries, plain");
  }

  @Test
  void sooSpellsTheDollarAsAJsonEscape() {
    String m = marker();
    String escaped = setting(m).replace("$", "\\u0024");
    assertThat(escaped).startsWith("\\u0024{");
    refusedAndNothingRan(postJson("soo1", "/engine-rest/task?maxResults=5",
        "{\"orQueries\":[{\"candidateUserExpression\":\"" + escaped + "\"}]}"), m, "orQueries, JSON-escaped");
    String m2 = marker();
    refusedAndNothingRan(postJson("soo1", "/engine-rest/task?maxResults=5",
        "{\"assigneeExpression\":\"" + setting(m2).replace("$", "\\u0024").replace("{", "\\u007b") + "\"}"), m2,
        "top level, dollar and brace escaped");
  }

  @Test
  void analystNestsTheExpressionTwoOrQueriesDeep() {
    String m = marker();
    refusedAndNothingRan(postJson("analyst", "/engine-rest/task?maxResults=5",
        "{\"orQueries\":[{\"assignee\":\"nobody\",\"orQueries\":[{\"ownerExpression\":\"" + setting(m) + "\"}]}]}"),
        m, "orQueries inside orQueries");
  }

  @Test
  void partnerAgencyPercentEncodesTheWholeExpressionInAGet() {
    String m = marker();
    refusedAndNothingRan(rawGet("partner1", "/engine-rest/task?maxResults=5&assigneeExpression=" + percentEncoded(setting(m))),
        m, "GET, every byte percent-encoded");
  }

  @Test
  void sooUsesTheHashSpellingAndAnotherParameter() {
    String m = marker();
    String hash = setting(m).replace("${", "#{");
    refusedAndNothingRan(rawGet("soo1", "/engine-rest/task?maxResults=5&candidateGroupExpression="
        + URLEncoder.encode(hash, StandardCharsets.UTF_8)), m, "GET, #{ spelling");
    String m2 = marker();
    refusedAndNothingRan(rawGet("soo1", "/engine-rest/task?maxResults=5&processInstanceBusinessKeyExpression="
        + URLEncoder.encode(setting(m2), StandardCharsets.UTF_8)),
        m2, "GET, business key expression");
  }

  @Test
  void adminCountsTasksWithAnExpressionByGetAndByPost() {
    String m = marker();
    refusedAndNothingRan(rawGet("admin", "/engine-rest/task/count?dueDateExpression=" + percentEncoded(setting(m))),
        m, "GET /task/count");
    String m2 = marker();
    refusedAndNothingRan(postJson("admin", "/engine-rest/task/count",
        "{\"orQueries\":[{\"followUpBeforeExpression\":\"" + setting(m2) + "\"}]}"), m2, "POST /task/count");
  }

  // --- the webapps' engine API, with a Tasklist session and its CSRF token ---------------------

  @Test
  void sooThroughTasklistsOwnEngineApi() {
    WebappSession tasklist = WebappSession.login(rest, "soo1", "tasklist");
    String m = marker();
    refusedAndNothingRan(tasklist.post("/camunda/api/engine/engine/default/task?maxResults=5",
        "{\"orQueries\":[{\"orQueries\":[{\"involvedUserExpression\":\"" + setting(m).replace("$", "\\u0024") + "\"}]}]}"),
        m, "webapps' API, POST /task, nested and escaped");
    String m2 = marker();
    refusedAndNothingRan(tasklist.get("/camunda/api/engine/engine/default/task/count?assigneeExpression="
        + percentEncoded(setting(m2))), m2, "webapps' API, GET /task/count");
  }

  // --- filters: extending queries, stored queries --------------------------------------------

  @Test
  void partnerAgencyExtendsAStoredFilterWithAnExpression() {
    String id = filterId("My tasks");
    String m = marker();
    refusedAndNothingRan(postJson("partner1", "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=5",
        "{\"assigneeExpression\":\"" + setting(m) + "\"}"), m, "filter list, extending query, top level");
    String m2 = marker();
    refusedAndNothingRan(postJson("partner1", "/engine-rest/filter/" + id + "/count",
        "{\"orQueries\":[{\"candidateGroupExpression\":\"" + setting(m2) + "\"}]}"), m2, "filter count, extending orQueries");
    assertThat(postJson("partner1", "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=5", "{\"orQueries\":[{\"assignee\":\"partner1\"}]}")
        .getStatusCode().value()).as("a plain extending query still works").isEqualTo(200);
  }

  @Test
  void sooExtendsAFilterThroughTasklist() {
    WebappSession tasklist = WebappSession.login(rest, "soo2", "tasklist");
    String id = filterId("Offered to me");
    String m = marker();
    refusedAndNothingRan(tasklist.post("/camunda/api/engine/engine/default/filter/" + id + "/list?firstResult=0&maxResults=15",
        "{\"orQueries\":[{\"taskVariables\":[],\"assigneeLikeExpression\":\"" + setting(m) + "\"}]}"), m,
        "webapps' filter list, extending orQueries");
    assertThat(tasklist.post("/camunda/api/engine/engine/default/filter/" + id + "/list?firstResult=0&maxResults=15",
        "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}").getStatusCode().value())
        .as("Tasklist's own request").isEqualTo(200);
  }

  @Test
  void anAdministratorCannotStoreAFilterWithAMaliciousExpression() {
    String m = marker();
    ResponseEntity<String> created = postJson("admin", "/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"insider-filter\",\"query\":{\"assigneeExpression\":\"" + setting(m) + "\"}}");
    refusedAndNothingRan(created, m, "create filter");
    assertThat(filterService.createFilterQuery().filterName("insider-filter").count()).isZero();

    String m2 = marker();
    refusedAndNothingRan(postJson("admin", "/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"insider-filter\",\"query\":{\"assigneeExpression\":\"${currentUser()}\","
            + "\"orQueries\":[{\"candidateUserExpression\":\"${currentUser()}\",\"orQueries\":[{\"ownerExpression\":\""
            + setting(m2) + "\"}]}]}}"), m2, "create filter, allowed on top, malicious two levels down");
    assertThat(filterService.createFilterQuery().filterName("insider-filter").count()).isZero();

    String m3 = marker();
    refusedAndNothingRan(postJson("admin", "/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"insider-filter\",\"query\":{\"assigneeExpression\":\"${currentUser() }\"}}"),
        m3, "a near miss of the allowed spelling");
  }

  @Test
  void anAdministratorStoresAnAllowedFilterButCannotTurnItMalicious() {
    ResponseEntity<String> created = postJson("admin", "/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"insider-allowed\",\"query\":{\"assigneeExpression\":\"${currentUser()}\","
            + "\"orQueries\":[{\"candidateGroupsExpression\":\"${currentUserGroups()}\"}]}}");
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(200);
    Matcher idMatch = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.getBody());
    assertThat(idMatch.find()).isTrue();
    String id = idMatch.group(1);
    filtersToDelete.add(id);
    assertThat(rest.withBasicAuth("admin", "demo").getForEntity("/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=5",
        String.class).getStatusCode().value()).as("the allowed filter runs").isEqualTo(200);

    String m = marker();
    refusedAndNothingRan(putJson("admin", "/engine-rest/filter/" + id,
        "{\"resourceType\":\"Task\",\"name\":\"insider-allowed\",\"query\":{\"assigneeExpression\":\"" + setting(m) + "\"}}"),
        m, "update the filter");
    Filter stored = filterService.getFilter(id);
    assertThat(((org.camunda.bpm.engine.impl.AbstractQuery<?, ?>) stored.getQuery()).getExpressions())
        .containsValue("${currentUser()}").doesNotContainValue(setting(m));
  }

  @Test
  void aFilterRowWrittenPastTheEngineIsRefusedWhenItRuns() {
    Filter filter = filterService.newTaskFilter("insider-legacy")
        .setQuery(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    filterService.saveFilter(filter);
    filtersToDelete.add(filter.getId());
    String m = marker();
    String query = jdbc.queryForObject("select QUERY_ from ACT_RU_FILTER where ID_ = ?", String.class, filter.getId());
    assertThat(query).contains("${currentUser()}");
    jdbc.update("update ACT_RU_FILTER set QUERY_ = ? where ID_ = ?", query.replace("${currentUser()}", setting(m)), filter.getId());

    refusedAndNothingRan(rest.withBasicAuth("admin", "demo").getForEntity(
        "/engine-rest/filter/" + filter.getId() + "/list?firstResult=0&maxResults=5", String.class), m, "stored query, list");
    refusedAndNothingRan(rest.withBasicAuth("admin", "demo").getForEntity(
        "/engine-rest/filter/" + filter.getId() + "/count", String.class), m, "stored query, count");
    refusedAndNothingRan(rest.withBasicAuth("admin", "demo").getForEntity(
        "/engine-rest/filter/" + filter.getId() + "/singleResult", String.class), m, "stored query, single result");
  }

  // --- comments and attachments (item 6) ---------------------------------------------------

  @Test
  void commentsAreRefusedOnEngineRestAndInTasklist() {
    String taskId = taskOfANewCase("MASH");
    for (String user : List.of("coordinator", "admin")) {
      ResponseEntity<String> answer = postJson(user, "/engine-rest/task/" + taskId + "/comment/create",
          "{\"message\":\"The victim's name is Jane Roe\"}");
      assertThat(answer.getStatusCode().value()).as(user + ": " + answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody()).contains("Comments and attachments are switched off");
    }
    WebappSession tasklist = WebappSession.login(rest, "coordinator", "tasklist");
    ResponseEntity<String> webapp = tasklist.post("/camunda/api/engine/engine/default/task/" + taskId + "/comment/create",
        "{\"message\":\"Jane Roe\"}");
    assertThat(webapp.getStatusCode().value()).as(webapp.getBody()).isEqualTo(400);
    assertThat(webapp.getBody()).contains("Comments and attachments are switched off");
    assertThat(taskService.getTaskComments(taskId)).as("no comment was stored").isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from ACT_HI_COMMENT where TASK_ID_ = ?", Integer.class, taskId)).isZero();
  }

  @Test
  void attachmentsAreRefusedOnEngineRestAndInTasklist() {
    String taskId = taskOfANewCase("IDVA");
    for (String user : List.of("coordinator", "admin")) {
      LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
      parts.add("attachment-name", "statement");
      parts.add("attachment-description", "Jane Roe's statement");
      parts.add("attachment-type", "text/plain");
      parts.add("url", "https://example.invalid/statement");
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
      ResponseEntity<String> answer = rest.withBasicAuth(user, "demo").exchange("/engine-rest/task/" + taskId + "/attachment/create",
          HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
      assertThat(answer.getStatusCode().value()).as(user + ": " + answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody()).contains("Comments and attachments are switched off");
    }
    WebappSession tasklist = WebappSession.login(rest, "coordinator", "tasklist");
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("attachment-name", "statement");
    parts.add("content", new org.springframework.core.io.ByteArrayResource("Jane Roe".getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "statement.txt";
      }
    });
    ResponseEntity<String> webapp = tasklist.send("/camunda/api/engine/engine/default/task/" + taskId + "/attachment/create",
        HttpMethod.POST, parts, MediaType.MULTIPART_FORM_DATA);
    assertThat(webapp.getStatusCode().value()).as(webapp.getBody()).isEqualTo(400);
    assertThat(webapp.getBody()).contains("Comments and attachments are switched off");
    assertThat(taskService.getTaskAttachments(taskId)).as("no attachment was stored").isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from ACT_HI_ATTACHMENT where TASK_ID_ = ?", Integer.class, taskId)).isZero();
  }

  @Test
  void tasklistHidesTheCommentAction() {
    ResponseEntity<String> css = rest.getForEntity("/camunda/app/tasklist/styles/user-styles.css", String.class);
    assertThat(css.getStatusCode().value()).isEqualTo(200);
    assertThat(css.getBody()).contains(".createCommentLink").contains("display: none");
  }
}
