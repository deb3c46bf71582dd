package uk.police.daoversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/**
 * Issue #16 (performance): a list of 2,000 tasks of 2,000 cases, through engine-rest and through the
 * webapps' engine API (Tasklist's), is recorded as one batch: 2,000 rows, one per case, one after the
 * other in the chain with one time stamp (one call of the access record), the chain intact; answers
 * recorded from several threads at once keep the chain whole and every sequence number once.
 */
@IntegrationTest
class AccessRecordBatchTest extends EngineTest {

  static final String PROBE = "accessRecordBatchProbe";
  static final int TASKS = 2000;
  static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired JdbcTemplate jdbc;
  @Autowired AccessAudit audit;
  @Autowired CaseAnswers caseAnswers;
  @Autowired PlatformTransactionManager transactions;

  private String deployment;

  @AfterEach
  void removeTheProbeCases() {
    if (deployment != null) {
      repositoryService.deleteDeployment(deployment, true, true);
    }
  }

  @Test
  void aListOfTwoThousandTasksIsRecordedInOneBatchThroughEngineRestAndTheWebappsApi() {
    deployment = repositoryService.createDeployment().name(PROBE)
        .addModelInstance(PROBE + ".bpmn", Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1)
            .startEvent().userTask("probeTask").name("Probe task").endEvent().done())
        .deploy().getId();
    Set<String> codes = new HashSet<>();
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      for (int i = 0; i < TASKS; i++) {
        String code = code(i);
        codes.add(code);
        runtimeService.startProcessInstanceByKey(PROBE, code);
      }
    });

    long before = lastSeq();
    ResponseEntity<String> viaEngineRest = rest.withBasicAuth("admin", "demo")
        .getForEntity("/engine-rest/task?processDefinitionKey=" + PROBE + "&maxResults=" + TASKS, String.class);
    assertThat(viaEngineRest.getStatusCode().value()).isEqualTo(200);
    assertOneBatch(before, "GET /engine-rest/task", codes);

    WebappSession tasklist = WebappSession.login(rest, "admin", "tasklist");
    before = lastSeq();
    ResponseEntity<String> viaWebapp = tasklist.post("/camunda/api/engine/engine/default/task?firstResult=0&maxResults=" + TASKS,
        "{\"processDefinitionKey\":\"" + PROBE + "\"}");
    assertThat(viaWebapp.getStatusCode().value()).isEqualTo(200);
    assertOneBatch(before, "POST /camunda/api/engine/engine/default/task", codes);

    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void answersRecordedFromSeveralThreadsAtOnceKeepTheChainWhole() throws Exception {
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      cases.add(new CaseDriver(runtimeService).start(Referrals.policeVictim("MASH")).getProcessInstanceId());
    }
    long before = lastSeq();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String pi = cases.get(t);
        done.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            caseAnswers.record(new CaseAnswers.Answer("coordinator", List.of("caseCoordinators"), "GET",
                "/engine-rest/process-instance/" + pi, 200, Map.of("id", pi, "businessKey", "x", "definitionId", "d"), null,
                Map.of()));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<Long> seqs = jdbc.queryForList("select seq from access_audit where seq > ? order by seq", Long.class, before);
    assertThat(jdbc.queryForObject("select count(*) from access_audit where seq > ? and action = ? and user_id = 'coordinator'",
        Integer.class, before, CaseAnswers.ACTION)).isEqualTo(40);
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).as("no gap, no number twice").isEqualTo(before + 1 + i);
    }
    assertThat(audit.verify().intact()).isTrue();
  }

  private void assertOneBatch(long before, String detail, Set<String> codes) {
    List<Map<String, Object>> rows = jdbc.queryForList("select seq, case_code, occurred_at from access_audit"
        + " where seq > ? and action = ? and detail = ? order by seq", before, CaseAnswers.ACTION, detail);
    assertThat(rows).as(detail).hasSize(TASKS);
    assertThat(rows.stream().map(r -> (String) r.get("case_code")).toList()).containsExactlyInAnyOrderElementsOf(codes);
    assertThat(rows.stream().map(r -> r.get("occurred_at")).distinct().count()).as("one time stamp: one batch").isEqualTo(1);
    long first = ((Number) rows.get(0).get("seq")).longValue();
    assertThat(((Number) rows.get(TASKS - 1).get("seq")).longValue()).as("one run of the chain").isEqualTo(first + TASKS - 1);
  }

  /** A case code of its own for probe case i (ZZ…, apart from the generator's random ones). */
  private static String code(int i) {
    StringBuilder s = new StringBuilder("ZZ");
    int n = i;
    for (int k = 0; k < 6; k++) {
      s.append(ALPHABET.charAt(n % ALPHABET.length()));
      n /= ALPHABET.length();
      if (s.length() == 4) {
        s.append('-');
      }
    }
    return s.toString();
  }

  private long lastSeq() {
    Long seq = jdbc.queryForObject("select coalesce(max(seq), 0) from access_audit", Long.class);
    return seq == null ? 0 : seq;
  }
}
