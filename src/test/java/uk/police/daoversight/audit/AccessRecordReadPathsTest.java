package uk.police.daoversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/**
 * The access record is written where the data leaves: for each read path below, the rows recorded
 * for the answer name exactly the cases whose data it returned, one row per case, labelled ALLOWED;
 * an answer with no case data records nothing; a refusal is REFUSED.
 */
@IntegrationTest
class AccessRecordReadPathsTest extends EngineTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  record Read(String name, HttpMethod method, String url, String body, Set<String> cases) {}

  @Test
  void everyReadPathRecordsExactlyTheCasesItReturned() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance a = driver.start(Referrals.policeVictim("MASH"));
    ProcessInstance b = driver.start(Referrals.policeVictim("MASH"));
    ProcessInstance other = driver.start(Referrals.policeVictim("MASH"));
    String ca = a.getBusinessKey();
    String cb = b.getBusinessKey();
    String ids = a.getId() + "," + b.getId();
    String idsJson = "[\"" + a.getId() + "\",\"" + b.getId() + "\"]";
    String task = taskService.createTaskQuery().processInstanceId(a.getId()).singleResult().getId();
    Set<String> one = Set.of(ca);
    Set<String> both = Set.of(ca, cb);
    String er = "/engine-rest";
    String wa = "/camunda/api/engine/engine/default";

    List<Read> reads = List.of(
        new Read("task list GET, two cases", HttpMethod.GET, er + "/task?processInstanceBusinessKeyIn=" + ca + "," + cb, null, both),
        new Read("task list POST, two cases", HttpMethod.POST, er + "/task", "{\"processInstanceBusinessKeyIn\":[\"" + ca + "\",\"" + cb + "\"]}", both),
        new Read("task", HttpMethod.GET, er + "/task/" + task, null, one),
        new Read("task variables", HttpMethod.GET, er + "/task/" + task + "/variables", null, one),
        new Read("task form variables", HttpMethod.GET, er + "/task/" + task + "/form-variables", null, one),
        new Read("task identity links", HttpMethod.GET, er + "/task/" + task + "/identity-links", null, one),
        new Read("process instance list GET", HttpMethod.GET, er + "/process-instance?processInstanceIds=" + ids, null, both),
        new Read("process instance list POST", HttpMethod.POST, er + "/process-instance", "{\"processInstanceIds\":" + idsJson + "}", both),
        new Read("process instance", HttpMethod.GET, er + "/process-instance/" + a.getId(), null, one),
        new Read("process instance variables", HttpMethod.GET, er + "/process-instance/" + a.getId() + "/variables", null, one),
        new Read("activity instance tree", HttpMethod.GET, er + "/process-instance/" + a.getId() + "/activity-instances", null, one),
        new Read("historic process instances GET", HttpMethod.GET, er + "/history/process-instance?processInstanceIds=" + ids, null, both),
        new Read("historic process instances POST", HttpMethod.POST, er + "/history/process-instance", "{\"processInstanceIds\":" + idsJson + "}", both),
        new Read("historic process instance", HttpMethod.GET, er + "/history/process-instance/" + a.getId(), null, one),
        new Read("historic tasks GET", HttpMethod.GET, er + "/history/task?processInstanceId=" + a.getId(), null, one),
        new Read("historic tasks POST", HttpMethod.POST, er + "/history/task", "{\"processInstanceId\":\"" + b.getId() + "\"}", Set.of(cb)),
        new Read("historic activity instances", HttpMethod.GET, er + "/history/activity-instance?processInstanceId=" + a.getId(), null, one),
        new Read("historic variable instances", HttpMethod.GET, er + "/history/variable-instance?processInstanceIdIn=" + ids, null, both),
        new Read("variable instances POST", HttpMethod.POST, er + "/variable-instance", "{\"processInstanceIdIn\":" + idsJson + "}", both),
        new Read("executions", HttpMethod.GET, er + "/execution?processInstanceId=" + a.getId(), null, one),
        new Read("historic details", HttpMethod.GET, er + "/history/detail?processInstanceId=" + a.getId(), null, one),
        new Read("webapps task list GET", HttpMethod.GET, wa + "/task?processInstanceBusinessKeyIn=" + ca + "," + cb, null, both),
        new Read("webapps task list POST", HttpMethod.POST, wa + "/task", "{\"processInstanceBusinessKeyIn\":[\"" + ca + "\",\"" + cb + "\"]}", both),
        new Read("webapps form variables", HttpMethod.GET, wa + "/task/" + task + "/form-variables", null, one),
        new Read("webapps process instance", HttpMethod.GET, wa + "/process-instance/" + a.getId(), null, one),
        new Read("task count (no case data)", HttpMethod.GET, er + "/task/count?processInstanceBusinessKeyIn=" + ca, null, Set.of()),
        new Read("process definitions (no case data)", HttpMethod.GET, er + "/process-definition?maxResults=5", null, Set.of()));

    WebappSession webapp = WebappSession.login(rest, "coordinator", "tasklist");
    List<String> failures = new ArrayList<>();
    for (Read read : reads) {
      long before = lastSeq();
      ResponseEntity<String> answer = send(webapp, read);
      assertThat(answer.getStatusCode().value()).as(read.name() + ": " + answer.getBody()).isEqualTo(200);
      if (!read.cases().isEmpty()) {
        assertThat(answer.getBody()).as(read.name()).isNotIn("[]", "{}");
        assertThat(answer.getBody()).as(read.name() + " must not return the third case").doesNotContain(other.getId());
      }
      List<String> rows = jdbc.queryForList("select case_code from access_audit where seq > ? and user_id = 'coordinator'"
          + " and action = 'READ_ENGINE' and outcome = 'ALLOWED'", String.class, before);
      if (rows.size() != read.cases().size() || !new TreeSet<>(rows).equals(new TreeSet<>(read.cases()))) {
        failures.add(read.name() + ": recorded " + rows + ", returned " + read.cases());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(reads.stream().filter(r -> !r.cases().isEmpty()).count()).as("read paths carrying case data").isGreaterThanOrEqualTo(20);
  }

  @Test
  void aRefusalIsRecordedAsRefusedAndAnEmptyAnswerToSomeoneEntitledIsNotRecorded() {
    ProcessInstance a = new CaseDriver(runtimeService).start(Referrals.policeVictim("MASH"));
    long before = lastSeq();
    ResponseEntity<String> refused = rest.withBasicAuth("soo2", "demo").getForEntity("/engine-rest/process-instance/" + a.getId(), String.class);
    assertThat(refused.getStatusCode().value()).isIn(403, 404);
    assertThat(jdbc.queryForList("select outcome from access_audit where seq > ? and user_id = 'soo2' and case_code = ?",
        String.class, before, a.getBusinessKey())).containsExactly("REFUSED");
    assertThat(jdbc.queryForObject("select count(*) from access_audit where seq > ? and user_id = 'soo2' and outcome = 'ALLOWED'",
        Integer.class, before)).isZero();

    before = lastSeq();
    ResponseEntity<String> empty = rest.withBasicAuth("soo2", "demo")
        .getForEntity("/engine-rest/history/task?processInstanceId=" + a.getId() + "&maxResults=50", String.class);
    assertThat(empty.getBody()).isEqualTo("[]");
    assertThat(jdbc.queryForList("select outcome from access_audit where seq > ? and user_id = 'soo2' and case_code = ?",
        String.class, before, a.getBusinessKey())).containsExactly("REFUSED");

    before = lastSeq();
    rest.withBasicAuth("coordinator", "demo").getForEntity("/engine-rest/job?processInstanceId=" + a.getId() + "&maxResults=5", String.class);
    assertThat(jdbc.queryForList("select outcome from access_audit where seq > ? and user_id = 'coordinator' and outcome = 'REFUSED'",
        String.class, before)).isEmpty();
  }

  private ResponseEntity<String> send(WebappSession webapp, Read plain) {
    // Every list pages (the engine refuses an unbound one); a single resource ignores the parameter.
    Read read = new Read(plain.name(), plain.method(), plain.url() + (plain.url().contains("?") ? "&" : "?") + "firstResult=0&maxResults=50",
        plain.body(), plain.cases());
    if (read.url().startsWith("/camunda/")) {
      return read.method() == HttpMethod.GET ? webapp.get(read.url()) : webapp.post(read.url(), read.body());
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth("coordinator", "demo").exchange(read.url(), read.method(), new HttpEntity<>(read.body(), headers), String.class);
  }

  private long lastSeq() {
    Long seq = jdbc.queryForObject("select coalesce(max(seq), 0) from access_audit", Long.class);
    return seq == null ? 0 : seq;
  }
}
