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
import uk.police.daoversight.audit.ReadPaths.Read;
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

  @Test
  void everyReadPathRecordsExactlyTheCasesItReturned() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance a = driver.start(Referrals.policeVictim("MASH"));
    ProcessInstance b = driver.start(Referrals.policeVictim("MASH"));
    ProcessInstance other = driver.start(Referrals.policeVictim("MASH"));
    String ca = a.getBusinessKey();
    String cb = b.getBusinessKey();
    String task = taskService.createTaskQuery().processInstanceId(a.getId()).singleResult().getId();
    List<Read> reads = ReadPaths.of(ca, a.getId(), cb, b.getId(), task);

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
    // No read of soo2's is labelled ALLOWED. (An ACCESS_ALERT row, recorded as ALLOWED, may follow the
    // refusal when soo2's refusals today pass the alert threshold: earlier tests refuse soo2 too.)
    assertThat(jdbc.queryForObject("select count(*) from access_audit where seq > ? and user_id = 'soo2' and outcome = 'ALLOWED'"
        + " and action <> 'ACCESS_ALERT'", Integer.class, before)).isZero();

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

  private ResponseEntity<String> send(WebappSession webapp, Read read) {
    if (read.webapp()) {
      return read.method().equals("GET") ? webapp.get(read.pagedUrl()) : webapp.post(read.pagedUrl(), read.body());
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth("coordinator", "demo").exchange(read.pagedUrl(), HttpMethod.valueOf(read.method()),
        new HttpEntity<>(read.body(), headers), String.class);
  }

  private long lastSeq() {
    Long seq = jdbc.queryForObject("select coalesce(max(seq), 0) from access_audit", Long.class);
    return seq == null ? 0 : seq;
  }
}
