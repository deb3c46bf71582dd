package uk.police.daoversight.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import uk.police.daoversight.audit.ReadPaths;
import uk.police.daoversight.audit.ReadPaths.Read;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.cluster.NodeClient.Answer;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.LocalPostgres;
import uk.police.daoversight.support.Referrals;

/**
 * Two application nodes, each its own JVM with its own job executor, on one fresh PostgreSQL
 * database, driven over HTTP as users and client systems would, and checked in the database.
 * Runs whenever PostgreSQL answers; under CI an unreachable server fails the build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

  /**
   * Shortened for the test: a dead node's jobs are free again after 20 seconds. Not shorter: a job
   * still waiting in a busy node's queue when its lock runs out is taken and run by the other node
   * as well, and for a repeating chase timer the loser's rollback leaves a second follow-up timer
   * (Camunda's RepeatingFailedJobListener): with 5 s, on a loaded two-core machine, one case in 200
   * was chased twice a day. Production keeps 60 s against jobs that take milliseconds.
   */
  static final List<String> COMMON = List.of("--JOB_LOCK_TIME_MILLIS=20000", "--JOB_RETRY_CYCLE=R3/PT1S");
  static final String CONTACT_OVERDUE_JOBS =
      "select j.id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_ where d.act_id_ = 'contactOverdue'";

  static String database;
  static JdbcTemplate sql;
  static ClusterNode a;
  static ClusterNode b;
  static final NodeClient client = new NodeClient();

  @BeforeAll
  static void startCluster() throws Exception {
    database = LocalPostgres.createDatabase("cluster");
    sql = new JdbcTemplate(LocalPostgres.dataSource(database));
    // The first node creates the schemas; the second joins a ready database (README "Cluster").
    a = ClusterNode.start("node-a", database, COMMON);
    b = ClusterNode.start("node-b", database, COMMON);
  }

  @AfterAll
  static void stopCluster() throws SQLException {
    for (ClusterNode node : new ClusterNode[] {a, b}) {
      if (node != null) {
        node.close();
      }
    }
    if (database != null && !Boolean.getBoolean("cluster.keepDatabase")) {
      LocalPostgres.dropDatabase(database);
    }
  }

  @Test
  @Order(1)
  void eachNodeAnswersTheLoadBalancersHealthCheckWithoutSayingMore() {
    for (ClusterNode node : List.of(a, b)) {
      Answer health = client.get(node, "/actuator/health", null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("UP");
      assertThat(health.json().has("components")).as("no details for anonymous callers").isFalse();
      assertThat(client.get(node, "/actuator/env", null).status()).as("nothing else exposed").isIn(401, 404);
    }
  }

  @Test
  @Order(2)
  void aTasklistLoginOnOneNodeIsServedByTheOther() {
    NodeClient browser = new NodeClient();
    assertThat(browser.loginToWebapp(a, "coordinator", "demo", "tasklist").status()).isEqualTo(200);
    Answer onB = browser.webappGet(b, "/camunda/api/admin/auth/user/default");
    assertThat(onB.status()).as("the session made on node A, asked on node B").isEqualTo(200);
    assertThat(onB.json().path("userId").asText()).isEqualTo("coordinator");
    assertThat(browser.webappGet(b, "/camunda/api/engine/engine/default/task/count").status()).isEqualTo(200);
    assertThat(sql.queryForObject("select count(*) from spring_session_attributes", Integer.class))
        .as("the session lives in the shared database").isPositive();
  }

  @Test
  @Order(3)
  void twoHundredTimersDueAtOnceFireExactlyOnceWithBothNodesTakingPart() throws Exception {
    List<String> cases = seedAtFirstContact(200);
    List<String> jobs = contactTimersOf(cases);
    assertThat(jobs).hasSize(200);
    // On an idle cluster one node alone drains 200 timers in under a second, before the other's next
    // look (at most two seconds later), and on a loaded machine either node may win every acquisition.
    // So the nodes take turns, frozen by SIGSTOP: node B starts alone, then node A alone, then both.
    // The turns prove the nodes share the timers; exactly once is then proved with both running.
    Instant due;
    a.pause();
    try {
      due = dueNow(jobs);
      awaitUntil(Duration.ofSeconds(60), "node B ran some of the timers", () -> ranBy("node-b", jobs) > 0);
      a.resume();
      // Node B may be frozen inside a transaction holding a lock node A's job then waits for (the
      // access record's chain head, an id block): node B is let go briefly between A's turns.
      boolean aRan = false;
      for (int turn = 0; turn < 8 && !aRan && !stillDue(jobs).isEmpty(); turn++) {
        b.pause();
        try {
          Instant end = Instant.now().plusSeconds(10);
          while (!aRan && Instant.now().isBefore(end)) {
            aRan = ranBy("node-a", jobs) > 0;
            ClusterNode.sleep(Duration.ofMillis(5));
          }
        } finally {
          b.resume();
        }
        ClusterNode.sleep(Duration.ofMillis(200));
      }
      assertThat(aRan).as("node A ran some of the timers in its turns").isTrue();
    } finally {
      a.resume();
    }
    awaitUntil(Duration.ofSeconds(90), "all 200 timers fired", () -> stillDue(jobs).isEmpty());

    Map<String, Object> runs = sql.queryForMap("select count(*) as runs, count(distinct job_id_) as jobs,"
        + " count(distinct hostname_) as nodes from act_hi_job_log where job_state_ = 2 and job_id_ in (" + inList(jobs) + ")");
    assertThat(((Number) runs.get("runs")).intValue()).as("successful runs").isEqualTo(200);
    assertThat(((Number) runs.get("jobs")).intValue()).as("distinct timers run").isEqualTo(200);
    assertThat(sql.queryForList("select distinct hostname_ from act_hi_job_log where job_state_ = 2 and job_id_ in ("
        + inList(jobs) + ")", String.class)).as("both nodes took part").containsExactlyInAnyOrder("node-a", "node-b");
    assertThat(chaseTasksPerCase(cases)).as("one chase task per case").hasSize(200).allSatisfy((code, n) -> assertThat(n).isEqualTo(1));
    assertThat(sql.queryForObject("select count(*) from act_ru_job where duedate_ > ? and id_ in ("
        + inList(contactTimersOf(cases)) + ")", Integer.class, Timestamp.from(due.plus(Duration.ofHours(23)))))
        .as("each case's next chase is set, a chase interval on").isEqualTo(200);

    List<Long> lateness = sql.queryForList("select (extract(epoch from timestamp_) * 1000)::bigint from act_hi_job_log"
        + " where job_state_ = 2 and job_id_ in (" + inList(jobs) + ")", Long.class)
        .stream().map(t -> t - due.toEpochMilli()).sorted().toList();
    System.out.printf("200 timers due at once: lateness p50 %d ms, p99 %d ms, last %d ms; runs by node %s%n",
        lateness.get(99), lateness.get(197), lateness.get(199),
        sql.queryForList("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 and job_id_ in ("
            + inList(jobs) + ") group by hostname_"));
  }

  @Test
  @Order(4)
  void aSingleDueTimerFiresWithinSecondsOnAnIdleCluster() throws Exception {
    List<String> cases = seedAtFirstContact(1);
    ClusterNode.sleep(Duration.ofSeconds(6)); // both job executors back off to their longest idle wait
    List<String> jobs = contactTimersOf(cases);
    Instant due = dueNow(jobs);
    awaitUntil(Duration.ofSeconds(30), "the timer fired", () -> stillDue(jobs).isEmpty());
    long lateness = sql.queryForObject("select (extract(epoch from timestamp_) * 1000)::bigint from act_hi_job_log"
        + " where job_state_ = 2 and job_id_ = ?", Long.class, jobs.get(0)) - due.toEpochMilli();
    System.out.printf("one timer on an idle cluster fired %d ms after it was due%n", lateness);
    assertThat(lateness).as("ms after due (idle wait at most 2 s)").isLessThan(5000);
    assertThat(chaseTasksPerCase(cases)).containsValue(1);
  }

  @Test
  @Order(5)
  void duplicateReferralsRacingOnTwoNodesMakeOneCase() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        Map<String, Object> referral = referral();
        CountDownLatch start = new CountDownLatch(1);
        Future<Answer> onA = pool.submit(atOnce(start, () -> client.post(a, "/api/referrals", "coordinator", referral)));
        Future<Answer> onB = pool.submit(atOnce(start, () -> client.post(b, "/api/referrals", "coordinator", referral)));
        start.countDown();
        List<Answer> answers = List.of(onA.get(), onB.get());
        assertThat(answers).extracting(Answer::status).as("%s", answers).containsExactlyInAnyOrder(201, 409);
        Set<String> codes = new HashSet<>();
        answers.forEach(answer -> codes.add(answer.json().path("caseCode").asText()));
        assertThat(codes).as("the refused one names the case that was made").hasSize(1);
        assertThat(sql.queryForObject("select count(*) from act_ru_execution where parent_id_ is null and business_key_ = ?"
            + " and proc_def_id_ like 'oversightCase:%'", Integer.class, codes.iterator().next())).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(6)
  void theCaseCodeIsUniqueForRunningCasesInTheDatabaseItself() {
    String code = refer(a);
    assertThat(sql.queryForObject("select count(*) from pg_indexes where indexname = 'oversight_running_case_code'",
        Integer.class)).isEqualTo(1);
    // The case's own root (its support-referral clock shares the case code as its business key).
    Map<String, Object> root = sql.queryForMap("select proc_inst_id_, proc_def_id_ from act_ru_execution"
        + " where parent_id_ is null and business_key_ = ? and proc_def_id_ like 'oversightCase:%'", code);
    Throwable refused = Assertions.assertThrows(Exception.class, () -> sql.update(
        "insert into act_ru_execution (id_, rev_, proc_inst_id_, business_key_, proc_def_id_, is_active_, is_concurrent_,"
            + " is_scope_, is_event_scope_, suspension_state_) values (?, 1, ?, ?, ?, true, false, true, false, 1)",
        "twin-" + UUID.randomUUID(), "twin-" + UUID.randomUUID(), code, root.get("proc_def_id_")));
    assertThat(rootCause(refused)).hasMessageContaining("oversight_running_case_code");
  }

  @Test
  @Order(7)
  void twoCoordinatorsCompletingTheSameTaskAtOnceOneWinsTheOtherIsToldClearly() throws Exception {
    Answer created = client.post(a, "/engine-rest/user/create", "admin", Map.of(
        "profile", Map.of("id", "coordinator2", "firstName", "Second", "lastName", "Coordinator", "email", "c2@example.invalid"),
        "credentials", Map.of("password", "Another-Strong-Passw0rd!")));
    assertThat(created.status()).as("%s", created).isEqualTo(204);
    assertThat(client.put(a, "/engine-rest/group/case-coordinators/members/coordinator2", "admin", Map.of()).status()).isEqualTo(204);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        String code = refer(a);
        String task = taskId(a, code, "reviewHistory", "coordinator");
        Map<String, Object> reviewed = NodeClient.variables(Map.of("historyReviewed", true));
        CountDownLatch start = new CountDownLatch(1);
        Future<Answer> first = pool.submit(atOnce(start, () -> client.post(a, "/engine-rest/task/" + task + "/complete", "coordinator", reviewed)));
        Future<Answer> second = pool.submit(atOnce(start, () -> post(b, "/engine-rest/task/" + task + "/complete", "coordinator2",
            "Another-Strong-Passw0rd!", reviewed)));
        start.countDown();
        List<Answer> answers = List.of(first.get(), second.get());
        assertThat(answers).extracting(Answer::status).as("%s", answers).containsExactlyInAnyOrder(204, 409);
        Answer loser = answers.stream().filter(x -> x.status() == 409).findFirst().orElseThrow();
        assertThat(loser.json().path("message").asText()).contains("Someone else completed or changed this task")
            .doesNotContain("ENGINE-", "Exception");
        assertThat(sql.queryForObject("select count(*) from act_hi_taskinst where id_ = ? and end_time_ is not null"
            + " and delete_reason_ = 'completed'", Integer.class, task)).isEqualTo(1);
        assertThat(sql.queryForObject("select count(*) from act_hi_actinst a join act_ru_execution e on e.id_ = a.proc_inst_id_"
            + " where e.business_key_ = ? and a.act_id_ = 'reviewHistory' and a.end_time_ is not null", Integer.class, code))
            .as("the step was left once").isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(8)
  void theContactTimerFiringWhileTheSooCompletesContactEndsOneConsistentWay() throws Exception {
    List<String> cases = seedAtFirstContact(6);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Map<String, String> outcomes = new HashMap<>();
    try {
      for (String code : cases) {
        String job = sql.queryForObject(CONTACT_OVERDUE_JOBS + " and j.process_instance_id_ = ?", String.class, instanceOf(code));
        String soo = assignee(code, "contactVictim");
        String task = taskId(a, code, "contactVictim", soo);
        CountDownLatch start = new CountDownLatch(1);
        Future<Answer> timer = pool.submit(atOnce(start, () -> client.post(a, "/engine-rest/job/" + job + "/execute", "admin", Map.of())));
        Future<Answer> contact = pool.submit(atOnce(start, () -> client.post(b, "/engine-rest/task/" + task + "/complete", soo,
            NodeClient.variables(contactAnswers()))));
        start.countDown();
        Answer timerAnswer = timer.get();
        Answer contactAnswer = contact.get();
        if (contactAnswer.status() == 409) {
          // The SOO was told the case moved on; they reload and record the contact again.
          assertThat(client.post(b, "/engine-rest/task/" + taskId(b, code, "contactVictim", soo) + "/complete", soo,
              NodeClient.variables(contactAnswers())).status()).isEqualTo(204);
        } else {
          assertThat(contactAnswer.status()).as("%s", contactAnswer).isEqualTo(204);
        }
        outcomes.put(code, "timer " + timerAnswer.status() + ", contact " + contactAnswer.status());
        awaitUntil(Duration.ofSeconds(30), code + " contact plan recorded", () -> countContactPlans(code) == 1);
        // Where the timer fired (on the manager's request, or after losing to the contact, by a job
        // executor's retry before the stage ended) the coordinators were chased once; the contact
        // then ends the stage, and the open chase with it.
        int fired = sql.queryForObject("select count(*) from act_hi_job_log where job_id_ = ? and job_state_ = 2",
            Integer.class, job);
        if (timerAnswer.status() == 204) {
          assertThat(fired).as("the timer the manager ran").isEqualTo(1);
        }
        Integer chases = sql.queryForObject("select count(*) from act_hi_taskinst t join act_ru_execution e on e.id_ = t.proc_inst_id_"
            + " where e.business_key_ = ? and t.task_def_key_ = 'chaseOverdueContact'", Integer.class, code);
        outcomes.put(code, outcomes.get(code) + (fired == 1 ? ", fired" : ", not fired"));
        assertThat(chases).as(outcomes.get(code)).isEqualTo(fired);
        assertThat(countTasks(code, "chaseOverdueContact")).as("no chase left open once contact is made").isZero();
        awaitUntil(Duration.ofSeconds(30), code + " reached the oversight stage", () -> countTasks(code, "updateCase") == 1);
        assertThat(sql.queryForObject("select count(*) from act_hi_taskinst t join act_ru_execution e on e.id_ = t.proc_inst_id_"
            + " where e.business_key_ = ? and t.task_def_key_ = 'contactVictim' and t.delete_reason_ = 'completed'",
            Integer.class, code)).as("contact recorded once").isEqualTo(1);
        assertThat(sql.queryForList(CONTACT_OVERDUE_JOBS + " and j.id_ = ?", job)).as("the timer is gone either way").isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("timer against contact, per case: " + outcomes);
    assertThat(incidentsOf(cases)).isZero();
  }

  @Test
  @Order(9)
  void aJobThatKeepsFailingBecomesAnIncidentAManagerSeesAndRecoversWhenRetried() throws Exception {
    String code = seedAtFirstContact(1).get(0);
    sql.execute("create function refuse_contact_plan() returns trigger language plpgsql as"
        + " $$ begin raise exception 'contact plan store unavailable (injected fault)'; end $$");
    sql.execute("create trigger refuse_contact_plan before insert on contact_plan for each row execute function refuse_contact_plan()");
    try {
      String soo = assignee(code, "contactVictim");
      Answer contacted = client.post(b, "/engine-rest/task/" + taskId(b, code, "contactVictim", soo) + "/complete", soo,
          NodeClient.variables(contactAnswers()));
      assertThat(contacted.status()).as("%s", contacted).isEqualTo(204);
      String instance = instanceOf(code);
      awaitUntil(Duration.ofSeconds(60), "an incident after three tries",
          () -> sql.queryForObject("select count(*) from act_ru_incident where proc_inst_id_ = ?", Integer.class, instance) == 1);
      Answer seen = client.get(a, "/engine-rest/incident?maxResults=10&processInstanceId=" + instance, "manager");
      assertThat(seen.json().size()).as("what the manager sees: %s", seen).isEqualTo(1);
      JsonNode incident = seen.json().get(0);
      assertThat(incident.path("incidentType").asText()).isEqualTo("failedJob");
      assertThat(incident.path("activityId").asText()).isEqualTo("recordContactPlan");
      assertThat(sql.queryForObject("select count(*) from act_hi_job_log where job_state_ = 1 and process_instance_id_ = ?"
          + " and act_id_ = 'recordContactPlan'", Integer.class, instance)).as("failed tries").isEqualTo(3);
    } finally {
      sql.execute("drop trigger refuse_contact_plan on contact_plan");
      sql.execute("drop function refuse_contact_plan()");
    }
    String job = sql.queryForObject("select id_ from act_ru_job where process_instance_id_ = ? and retries_ = 0",
        String.class, instanceOf(code));
    assertThat(client.put(a, "/engine-rest/job/" + job + "/retries", "admin", Map.of("retries", 1)).status()).isEqualTo(204);
    awaitUntil(Duration.ofSeconds(30), "the case goes on once the store is back", () -> countTasks(code, "updateCase") == 1);
    assertThat(incidentsOf(List.of(code))).isZero();
  }

  @Test
  @Order(11)
  void postgresqlRestartedUnderLoadEveryRequestCompletesOrFailsCleanlyAndNothingIsHalfDone() throws Exception {
    assumeRestartable();
    Set<String> before = new HashSet<>(sql.queryForList("select case_code from case_identity", String.class));
    Map<String, Answer> answers = new ConcurrentHashMap<>();
    Map<String, Map<String, Object>> sent = new ConcurrentHashMap<>();
    AtomicBoolean loading = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> load = new ArrayList<>();
    for (ClusterNode node : List.of(a, b, a, b)) {
      load.add(pool.submit(() -> {
        while (loading.get()) {
          Map<String, Object> referral = referral();
          sent.put((String) referral.get("externalReference"), referral);
          answers.put((String) referral.get("externalReference"), client.post(node, "/api/referrals", "coordinator", referral));
        }
      }));
    }
    ClusterNode.sleep(Duration.ofSeconds(3));
    restartPostgresql();
    ClusterNode.sleep(Duration.ofSeconds(5));
    loading.set(false);
    for (Future<?> f : load) {
      f.get();
    }
    pool.shutdown();

    for (ClusterNode node : List.of(a, b)) {
      awaitUntil(Duration.ofSeconds(60), node.name + " serves again by itself", () -> {
        Map<String, Object> probe = referral();
        sent.put((String) probe.get("externalReference"), probe);
        Answer answer = client.post(node, "/api/referrals", "coordinator", probe);
        answers.put((String) probe.get("externalReference"), answer);
        return answer.status() == 201;
      });
      assertThat(client.get(node, "/actuator/health", null).status()).isEqualTo(200);
    }
    Map<Integer, Long> byStatus = new HashMap<>();
    answers.values().forEach(x -> byStatus.merge(x.status(), 1L, Long::sum));
    System.out.println("referrals during the restart, by answer: " + byStatus);
    assertThat(byStatus.keySet()).as("%s", byStatus).isSubsetOf(201, 503, -1);
    assertThat(byStatus).containsKey(201);
    answers.values().stream().filter(x -> x.status() == 503).forEach(x ->
        assertThat(x.json().path("message").asText()).contains("briefly unavailable").doesNotContain("Exception", "SQL"));

    Set<String> vault = new HashSet<>(sql.queryForList("select case_code from case_identity", String.class));
    vault.removeAll(before);
    Set<String> engine = new HashSet<>(sql.queryForList("select business_key_ from act_ru_execution where parent_id_ is null"
        + " and proc_def_id_ like 'oversightCase:%'", String.class));
    Set<String> accepted = new HashSet<>();
    answers.values().stream().filter(x -> x.status() == 201).forEach(x -> accepted.add(x.json().path("caseCode").asText()));
    assertThat(engine).as("every accepted referral is a running case").containsAll(accepted);
    assertThat(engine).as("every new identity record has its case").containsAll(vault);
    // A commit whose acknowledgement is lost with the connection can leave a case made while its
    // client heard 503 or nothing. The answer promises that sending the same referral again is safe:
    // it is then answered with the case made, and no second case appears.
    Map<String, String> resent = new HashMap<>();
    sent.forEach((reference, referral) -> {
      if (answers.get(reference).status() != 201) {
        Answer again = client.post(a, "/api/referrals", "coordinator", referral);
        assertThat(again.status()).as("%s sent again: %s", reference, again.json()).isIn(201, 409);
        resent.put(reference, again.json().path("caseCode").asText());
      }
    });
    Set<String> madeOnce = new HashSet<>(accepted);
    madeOnce.addAll(resent.values());
    Set<String> vaultAfter = new HashSet<>(sql.queryForList("select case_code from case_identity", String.class));
    vaultAfter.removeAll(before);
    System.out.printf("referrals without a 201 during the restart: %d, of which already made: %d%n", resent.size(),
        resent.values().stream().filter(vault::contains).count());
    assertThat(madeOnce).as("every case made is known to its client, at once or when it sends again").containsAll(vault);
    assertThat(vaultAfter).as("one case per referral, however often it was sent").hasSize(accepted.size() + resent.size());
  }

  @Test
  @Order(10)
  void everyReadPathOnPostgresqlRecordsExactlyTheCasesItReturned() {
    Answer first = client.post(a, "/api/referrals", "coordinator", referral());
    Answer second = client.post(b, "/api/referrals", "coordinator", referral());
    Answer third = client.post(a, "/api/referrals", "coordinator", referral());
    for (Answer made : List.of(first, second, third)) {
      assertThat(made.status()).as("%s", made).isEqualTo(201);
    }
    String ca = first.json().path("caseCode").asText();
    String cb = second.json().path("caseCode").asText();
    String idA = first.json().path("processInstanceId").asText();
    String idB = second.json().path("processInstanceId").asText();
    String task = sql.queryForObject("select id_ from act_ru_task where proc_inst_id_ = ?", String.class, idA);
    List<Read> reads = ReadPaths.of(ca, idA, cb, idB, task);
    NodeClient browser = new NodeClient();
    assertThat(browser.loginToWebapp(a, "coordinator", "demo", "tasklist").status()).isEqualTo(200);

    List<String> failures = new ArrayList<>();
    for (Read read : reads) {
      long before = sql.queryForObject("select coalesce(max(seq), 0) from access_audit", Long.class);
      // Alternate the nodes: each node records what it answered, in the one shared record.
      ClusterNode node = reads.indexOf(read) % 2 == 0 ? a : b;
      Answer answer = read.webapp()
          ? (read.method().equals("GET") ? browser.webappGet(node, read.pagedUrl()) : browser.webappPost(node, read.pagedUrl(), read.body()))
          : (read.method().equals("GET") ? client.get(node, read.pagedUrl(), "coordinator")
              : client.post(node, read.pagedUrl(), "coordinator", read.body()));
      assertThat(answer.status()).as("%s on %s: %s", read.name(), node.name, answer.body()).isEqualTo(200);
      if (!read.cases().isEmpty()) {
        assertThat(answer.body()).as(read.name()).isNotIn("[]", "{}")
            .doesNotContain(third.json().path("processInstanceId").asText());
      }
      List<String> rows = sql.queryForList("select case_code from access_audit where seq > ? and user_id = 'coordinator'"
          + " and action = 'READ_ENGINE' and outcome = 'ALLOWED'", String.class, before);
      if (rows.size() != read.cases().size() || !new TreeSet<>(rows).equals(new TreeSet<>(read.cases()))) {
        failures.add(read.name() + " on " + node.name + ": recorded " + rows + ", returned " + read.cases());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(reads.stream().filter(r -> !r.cases().isEmpty()).count()).as("read paths carrying case data").isGreaterThanOrEqualTo(20);
    assertThat(client.get(a, "/api/audit/verify", "auditor").json().path("intact").asBoolean())
        .as("the chain holds with both nodes writing").isTrue();
  }

  @Test
  @Order(12)
  void aNodeKilledWhileHoldingJobsLosesNothingTheOtherFinishesThemAfterTheLockExpires() throws Exception {
    List<String> cases = seedAtFirstContact(80);
    List<String> jobs = contactTimersOf(cases);
    assertThat(jobs).hasSize(80);
    String allocating = taskId(b, toAllocation(b), "allocateSoo", "coordinator");
    // Node A is frozen while the jobs fall due, so that node B (woken at once by the allocation's
    // job) takes them, whatever else the machine is doing; A carries on after B has died.
    Instant killed;
    a.pause();
    try {
      dueNow(jobs);
      complete(b, allocating, "coordinator", Map.of());
      awaitUntil(Duration.ofSeconds(30), "node B holds jobs", () -> !lockedBy("node-b").isEmpty());
      b.kill();
      killed = Instant.now();
    } finally {
      a.resume();
    }
    assertThat(b.isAlive()).as("node B's process is gone, not shut down").isFalse();
    List<String> orphaned = lockedBy("node-b");
    System.out.printf("node B killed holding %d of 80 jobs%n", orphaned.size());
    assertThat(orphaned).as("jobs node B held when it died").isNotEmpty();

    awaitUntil(Duration.ofSeconds(90), "all 80 timers fired", () -> stillDue(jobs).isEmpty());
    assertThat(sql.queryForList("select job_id_ from act_hi_job_log where job_state_ = 2 and job_id_ in (" + inList(jobs)
        + ")", String.class)).as("each timer ran successfully exactly once").hasSize(80).doesNotHaveDuplicates();
    List<Map<String, Object>> rescued = sql.queryForList("select hostname_, timestamp_ from act_hi_job_log where job_state_ = 2"
        + " and job_id_ in (" + inList(orphaned) + ")");
    assertThat(rescued).hasSize(orphaned.size()).allSatisfy(run -> {
      assertThat(run.get("hostname_")).isEqualTo("node-a");
      assertThat(((Timestamp) run.get("timestamp_")).toInstant()).as("after node B's lock expired")
          .isAfter(killed.plusMillis(1000));
    });
    assertThat(chaseTasksPerCase(cases)).hasSize(80).allSatisfy((code, n) -> assertThat(n).isEqualTo(1));
    assertThat(cases).allSatisfy(code -> assertThat(countTasks(code, "contactVictim")).as(code).isEqualTo(1));
    assertThat(incidentsOf(cases)).isZero();
  }

  // --- driving cases over HTTP ------------------------------------------------------------------

  /** Cases waiting for the SOO's first contact, referred and allocated through both nodes. */
  private List<String> seedAtFirstContact(int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> seeded = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ClusterNode node = i % 2 == 0 ? a : b;
        seeded.add(pool.submit(() -> toFirstContact(node)));
      }
      List<String> codes = new ArrayList<>();
      for (Future<String> f : seeded) {
        codes.add(f.get());
      }
      return codes;
    } finally {
      pool.shutdownNow();
    }
  }

  private String toFirstContact(ClusterNode node) {
    String code = toAllocation(node);
    allocate(node, code);
    awaitUntil(Duration.ofSeconds(60), code + " allocated", () -> countTasks(code, "readCasePack") == 1);
    String soo = assignee(code, "readCasePack");
    complete(node, taskId(node, code, "readCasePack", soo), soo, Map.of("casePackRead", true));
    awaitUntil(Duration.ofSeconds(30), code + " at first contact", () -> countTasks(code, "contactVictim") == 1);
    return code;
  }

  /** A case waiting for the coordinator to confirm the SOO. */
  private static String toAllocation(ClusterNode node) {
    String code = refer(node);
    complete(node, taskId(node, code, "reviewHistory", "coordinator"), "coordinator", Map.of("historyReviewed", true));
    return code;
  }

  /** Confirms the recommended SOO; the allocation is recorded by a job, due at once on this node. */
  private static void allocate(ClusterNode node, String code) {
    complete(node, taskId(node, code, "allocateSoo", "coordinator"), "coordinator", Map.of());
  }

  private static String refer(ClusterNode node) {
    Answer answer = client.post(node, "/api/referrals", "coordinator", referral());
    assertThat(answer.status()).as("%s", answer).isEqualTo(201);
    return answer.json().path("caseCode").asText();
  }

  private static Map<String, Object> referral() {
    return NodeClient.JSON.convertValue(Referrals.policeVictim("MASH"), Map.class);
  }

  private static String taskId(ClusterNode node, String code, String key, String user) {
    Answer answer = client.get(node, "/engine-rest/task?processInstanceBusinessKey=" + code + "&taskDefinitionKey=" + key
        + "&maxResults=1", user);
    assertThat(answer.json().size()).as("%s %s for %s: %s", code, key, user, answer).isEqualTo(1);
    return answer.json().get(0).path("id").asText();
  }

  private static void complete(ClusterNode node, String task, String user, Map<String, Object> values) {
    Answer answer = client.post(node, "/engine-rest/task/" + task + "/complete", user, NodeClient.variables(values));
    assertThat(answer.status()).as("%s", answer).isEqualTo(204);
  }

  private static Answer post(ClusterNode node, String path, String user, String password, Object body) {
    return client.postAs(node, path, user, password, body);
  }

  private static Map<String, Object> contactAnswers() {
    return CaseDriver.contactAnswers("DECLINED", null);
  }


  // --- reading the shared database ----------------------------------------------------------------

  private static List<String> contactTimersOf(List<String> codes) {
    return sql.queryForList(CONTACT_OVERDUE_JOBS + " and j.process_instance_id_ in (select proc_inst_id_ from act_ru_execution"
        + " where parent_id_ is null and business_key_ in (" + inList(codes) + "))", String.class);
  }

  /**
   * The given timer jobs not yet fired. The chase timer repeats: each firing replaces its job by the
   * next one (a new id, due a chase interval later), so a case keeps one contactOverdue job until contact.
   */
  private static int ranBy(String node, List<String> jobs) {
    return sql.queryForObject("select count(*) from act_hi_job_log where job_state_ = 2 and hostname_ = ? and job_id_ in ("
        + inList(jobs) + ")", Integer.class, node);
  }

  private static List<String> stillDue(List<String> jobs) {
    return sql.queryForList("select id_ from act_ru_job where id_ in (" + inList(jobs) + ")", String.class);
  }

  private static int incidentsOf(List<String> codes) {
    return sql.queryForObject("select count(*) from act_ru_incident i join act_ru_execution e on e.id_ = i.proc_inst_id_"
        + " where e.business_key_ in (" + inList(codes) + ")", Integer.class);
  }

  private static int countContactPlans(String code) {
    return sql.queryForObject("select count(*) from contact_plan where case_code = ?", Integer.class, code);
  }

  private static String instanceOf(String code) {
    return sql.queryForObject("select proc_inst_id_ from act_ru_execution where parent_id_ is null and business_key_ = ?"
        + " and proc_def_id_ like 'oversightCase:%'", String.class, code);
  }

  private static int countTasks(String code, String key) {
    return sql.queryForObject("select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
        + " where e.business_key_ = ? and t.task_def_key_ = ?", Integer.class, code, key);
  }

  private static String assignee(String code, String key) {
    return sql.queryForObject("select t.assignee_ from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
        + " where e.business_key_ = ? and t.task_def_key_ = ?", String.class, code, key);
  }

  private static Map<String, Integer> chaseTasksPerCase(List<String> codes) {
    Map<String, Integer> chases = new HashMap<>();
    sql.query("select e.business_key_, count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
        + " where t.task_def_key_ = 'chaseOverdueContact' and e.business_key_ in (" + inList(codes) + ") group by e.business_key_",
        row -> {
          chases.put(row.getString(1), row.getInt(2));
        });
    return chases;
  }

  private static List<String> lockedBy(String node) {
    return sql.queryForList(CONTACT_OVERDUE_JOBS + " and j.lock_owner_ like ?", String.class, node + "#%");
  }

  /** The jobs become due now, in one statement: what the clock reaching 72 hours does to them. */
  private static Instant dueNow(List<String> jobs) {
    Instant now = Instant.now();
    sql.update("update act_ru_job set duedate_ = ? where id_ in (" + inList(jobs) + ")", Timestamp.from(now));
    return now;
  }

  private static String inList(List<String> values) {
    return values.stream().map(v -> "'" + v.replace("'", "''") + "'").reduce((x, y) -> x + "," + y).orElse("''");
  }

  private static <T> Callable<T> atOnce(CountDownLatch start, Callable<T> call) {
    return () -> {
      start.await();
      return call.call();
    };
  }

  private static void awaitUntil(Duration timeout, String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
      }
      ClusterNode.sleep(Duration.ofMillis(5));
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** Only this machine's own server is restarted, never a remote one; under CI the restart must be possible. */
  private static void assumeRestartable() throws Exception {
    boolean possible = LocalPostgres.isThisMachine() && Files.isDirectory(Path.of("/etc/postgresql"))
        && new ProcessBuilder("sh", "-c", "command -v pg_ctlcluster").start().waitFor() == 0;
    if (!possible) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI must restart PostgreSQL, but " + LocalPostgres.HOST + " is not this machine's pg_ctlcluster server");
      }
      Assumptions.abort("PostgreSQL at " + LocalPostgres.HOST + " cannot be restarted from here; restart test skipped outside CI");
    }
  }

  /** A fast restart of the local PostgreSQL server (this machine's cluster, as root). */
  private static void restartPostgresql() throws Exception {
    String version;
    try (var versions = Files.list(Path.of("/etc/postgresql"))) {
      version = versions.map(p -> p.getFileName().toString()).findFirst().orElseThrow();
    }
    Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast")
        .redirectErrorStream(true).start();
    String output = new String(restart.getInputStream().readAllBytes());
    assertThat(restart.waitFor()).as("pg_ctlcluster restart: %s", output).isZero();
  }

}
