package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.access.StaffDirectory;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.panel.Agenda;
import uk.police.daoversight.panel.BreakoutRoom;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.TestUsers;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/**
 * Insiders with a conflict of interest, over HTTP, as someone who has read the code: the perpetrator
 * (who is a case coordinator here, so his group would give him every case), a colleague in his
 * department (a coordinator and a panel member), his line manager (a manager and the panel chair,
 * who may break the glass), and PSD when the perpetrator works in PSD. Each attempt asserts the
 * refusal, the REFUSED audit row with its reason, the alert, and that nothing was granted. Then
 * grants with their records or nothing, and the administrators.
 */
@IntegrationTest
class InsiderConflictAttackTest extends EngineTest {

  static final String PERP = "xperp";
  static final String COLLEAGUE = "xcolleague";
  static final String BOSS = "xboss";
  static final String PSD_NEWCOMER = "xpsdnew";
  static final String DEPARTMENT = "Custody Services";
  static final List<String> TEST_USERS = List.of(PERP, COLLEAGUE, BOSS, PSD_NEWCOMER);

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;
  @Autowired StaffDirectory directory;
  @Autowired BreakoutRoom breakoutRoom;

  ProcessInstance pi;
  String code;

  @BeforeEach
  void people() {
    user(PERP, Groups.CASE_COORDINATORS);
    user(COLLEAGUE, Groups.CASE_COORDINATORS, Groups.PANEL_MEMBERS);
    user(BOSS, Groups.MANAGERS, Groups.PANEL_CHAIR);
    user(PSD_NEWCOMER, Groups.PSD);
    directory.save(new StaffDirectory.Staff(PERP, "XC4242", DEPARTMENT, BOSS));
    directory.save(new StaffDirectory.Staff(COLLEAGUE, "XC4343", DEPARTMENT, BOSS));
    directory.save(new StaffDirectory.Staff(BOSS, "XI5000", "Operations Command", null));
    // PSD_NEWCOMER is deliberately missing from the directory: PSD membership alone is enough for a PSD case.
    pi = caseWithPerpetrator("XC4242", DEPARTMENT);
    code = pi.getBusinessKey();
  }

  @AfterEach
  void cleanUp() {
    jdbc.update("update meeting_access set revoked_at = current_timestamp where meeting_id like 'xmeeting-%'");
    for (String id : TEST_USERS) {
      jdbc.update("delete from staff_directory where user_id = ?", id);
      identityService.createGroupQuery().groupMember(id).list().forEach(g -> identityService.deleteMembership(id, g.getId()));
      identityService.deleteUser(id);
    }
  }

  // ---- the perpetrator -------------------------------------------------------------------------

  @Test
  void thePerpetratorAsCoordinatorCannotReadHisCasesIdentities() {
    assertThat(get(PERP, "/api/cases/" + code + "/identity?purpose=INVESTIGATION_UPDATE").getStatusCode().value()).isEqualTo(403);
    assertRefusedAndAlerted(PERP, "READ_IDENTITY", "PERPETRATOR_SELF");
  }

  @Test
  void thePerpetratorAsCoordinatorCannotReadTheUpdateForm() {
    assertThat(get(PERP, "/api/cases/" + code + "/updates").getStatusCode().value()).isEqualTo(403);
    assertRefusedAndAlerted(PERP, "READ_CASE_UPDATES", "PERPETRATOR_SELF");
  }

  @Test
  void thePerpetratorSeesNoneOfHisCasesTasksOrHistoryThroughEngineRest() {
    String taskId = taskService.createTaskQuery().processInstanceId(pi.getId()).list().get(0).getId();
    List<String> lists = List.of(
        "/engine-rest/task?processInstanceBusinessKey=" + code + "&maxResults=50",
        "/engine-rest/task?processInstanceId=" + pi.getId() + "&maxResults=50",
        "/engine-rest/history/process-instance?processInstanceBusinessKey=" + code + "&maxResults=50",
        "/engine-rest/history/task?processInstanceId=" + pi.getId() + "&maxResults=50",
        "/engine-rest/history/variable-instance?processInstanceId=" + pi.getId() + "&maxResults=50",
        "/engine-rest/variable-instance?processInstanceIdIn=" + pi.getId() + "&maxResults=50");
    for (String path : lists) {
      assertThat(get("coordinator", path).getBody()).as("a coordinator with no conflict sees it: " + path).contains(pi.getId());
      ResponseEntity<String> answer = get(PERP, path);
      assertThat(answer.getStatusCode().value()).as(path).isEqualTo(200);
      assertThat(answer.getBody()).as(path).doesNotContain(pi.getId());
    }
    // A query by POST body, and a task by id, its variables and form variables, and the instance.
    ResponseEntity<String> posted = rest.withBasicAuth(PERP, "demo").exchange("/engine-rest/task?maxResults=500", HttpMethod.POST,
        json(Map.of("processInstanceBusinessKey", code)), String.class);
    assertThat(posted.getBody()).doesNotContain(pi.getId());
    for (String path : List.of("/engine-rest/task/" + taskId, "/engine-rest/task/" + taskId + "/variables",
        "/engine-rest/task/" + taskId + "/form-variables", "/engine-rest/process-instance/" + pi.getId() + "/variables",
        "/engine-rest/history/process-instance/" + pi.getId())) {
      ResponseEntity<String> answer = get(PERP, path);
      assertThat(answer.getStatusCode().value()).as(path).isIn(403, 404);
      assertThat(answer.getBody()).as(path).doesNotContain("Zanzibar").doesNotContain("XC4242");
    }
    // Nor can he act on it: claim the task offered to his group.
    ResponseEntity<String> claim = rest.withBasicAuth(PERP, "demo").exchange("/engine-rest/task/" + taskId + "/claim",
        HttpMethod.POST, json(Map.of("userId", PERP)), String.class);
    assertThat(claim.getStatusCode().value()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    assertRefusedAndAlerted(PERP, "READ_ENGINE", "PERPETRATOR_SELF");
    assertRefusedAndAlerted(PERP, "ENGINE_COMMAND", "PERPETRATOR_SELF");
  }

  // ---- his department --------------------------------------------------------------------------

  @Test
  void aColleagueInHisDepartmentCannotReadTheIdentities() {
    assertThat(get(COLLEAGUE, "/api/cases/" + code + "/identity?purpose=INVESTIGATION_UPDATE").getStatusCode().value()).isEqualTo(403);
    assertRefusedAndAlerted(COLLEAGUE, "READ_IDENTITY", "PERPETRATOR_DEPARTMENT");
  }

  @Test
  void aColleagueOnThePanelGetsNothingFromAnOpenMeetingWhileOthersDo() {
    String meeting = "xmeeting-" + code;
    List<Agenda.Item> agenda = List.of(new Agenda.Item(code, "NEW", 20, 0, List.of(), 1, "test"));
    java.time.Instant from = java.time.Instant.now().minusSeconds(60);
    java.time.Instant until = java.time.Instant.now().plusSeconds(3600);
    breakoutRoom.open(meeting, agenda, from, until);
    // Both named and acknowledged: the member is given the case, the colleague in his department is not.
    assertThat(breakoutRoom.admit(meeting, "panel1", agenda, from, until)).containsExactly(code);
    assertThat(breakoutRoom.admit(meeting, COLLEAGUE, agenda, from, until)).isEmpty();
    try {
      assertThat(get("panel1", "/api/cases/" + code + "/updates").getStatusCode().value()).as("another member").isEqualTo(200);
      assertThat(get(COLLEAGUE, "/api/cases/" + code + "/updates").getStatusCode().value()).isEqualTo(403);
      assertThat(breakoutRoom.mayRead(COLLEAGUE, List.of(Groups.PANEL_MEMBERS), code)).isFalse();
      assertThat(breakoutRoom.mayRead("panel1", List.of(Groups.PANEL_MEMBERS), code)).isTrue();
      assertRefusedAndAlerted(COLLEAGUE, "READ_CASE_UPDATES", "PERPETRATOR_DEPARTMENT");
      assertThat(jdbc.queryForObject("select count(*) from ACT_RU_AUTHORIZATION where USER_ID_ = ? and RESOURCE_ID_ in (?, ?)",
          Integer.class, COLLEAGUE, pi.getId(), code)).as("no engine grant for the meeting").isZero();
      assertThat(jdbc.queryForObject("select count(*) from meeting_access where grantee = ?", Integer.class, COLLEAGUE)).isZero();
    } finally {
      breakoutRoom.close(meeting);
    }
  }

  @Test
  void aColleagueSeesNoneOfTheCaseThroughTasklistsEngineApiOrItsStoredFilters() {
    String taskId = taskService.createTaskQuery().processInstanceId(pi.getId()).list().get(0).getId();
    WebappSession tasklist = WebappSession.login(rest, COLLEAGUE, "tasklist");
    ResponseEntity<String> tasks = tasklist.post("/camunda/api/engine/engine/default/task?maxResults=500",
        "{\"processInstanceBusinessKey\": \"" + code + "\"}");
    assertThat(tasks.getStatusCode().value()).isEqualTo(200);
    assertThat(tasks.getBody()).doesNotContain(pi.getId());
    assertThat(tasklist.get("/camunda/api/engine/engine/default/task/" + taskId + "/form-variables").getStatusCode().value())
        .isIn(403, 404);
    String filters = tasklist.get("/camunda/api/engine/engine/default/filter?resourceType=Task").getBody();
    for (String filterId : com.jayway.jsonpath.JsonPath.<List<String>>read(filters, "$[*].id")) {
      ResponseEntity<String> listed = tasklist.post("/camunda/api/engine/engine/default/filter/" + filterId
          + "/list?firstResult=0&maxResults=500", "{}");
      assertThat(listed.getBody()).as("filter " + filterId).doesNotContain(taskId);
    }
    WebappSession coordinator = WebappSession.login(rest, "coordinator", "tasklist");
    assertThat(coordinator.get("/camunda/api/engine/engine/default/task/" + taskId + "/form-variables").getStatusCode().value())
        .as("a coordinator with no conflict").isEqualTo(200);
    assertRefusedAndAlerted(COLLEAGUE, "READ_ENGINE", "PERPETRATOR_DEPARTMENT");
    assertRefusedAndAlerted(COLLEAGUE, "ENGINE_COMMAND", "PERPETRATOR_DEPARTMENT");
  }

  @Test
  void thePerpetratorAsCoordinatorCannotChooseWhoOverseesHisCase() {
    ResponseEntity<String> answer = rest.withBasicAuth(PERP, "demo").exchange("/api/cases/" + code + "/reallocation",
        HttpMethod.POST, json(Map.of("from", "soo1", "to", "soo2", "reason", "moving it to a friendly SOO")), String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(403);
    assertThat(jdbc.queryForObject("select count(*) from access_audit where case_code = ? and action = 'CASE_ACCESS'",
        Integer.class, code)).isZero();
    assertRefusedAndAlerted(PERP, "REALLOCATE", "PERPETRATOR_SELF");
  }

  // ---- his line of command ---------------------------------------------------------------------

  @Test
  void hisLineManagerCannotBreakTheGlass() {
    ResponseEntity<String> answer = rest.withBasicAuth(BOSS, "demo").exchange("/api/cases/" + code + "/break-glass",
        HttpMethod.POST, json(Map.of("reason", "I need to check how my officer's case is handled")), String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(403);
    assertThat(jdbc.queryForObject("select count(*) from break_glass where user_id = ?", Integer.class, BOSS)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from access_audit where user_id = ? and outcome = 'GRANTED'",
        Integer.class, BOSS)).isZero();
    assertThat(get(BOSS, "/api/cases/" + code + "/identity?purpose=INVESTIGATION_UPDATE").getStatusCode().value()).isEqualTo(403);
    assertRefusedAndAlerted(BOSS, "BREAK_GLASS", "LINE_OF_COMMAND");
  }

  @Test
  void hisLineManagerAsChairGetsNothingFromTheMeeting() {
    String meeting = "xmeeting-chair-" + code;
    List<Agenda.Item> agenda = List.of(new Agenda.Item(code, "NEW", 20, 0, List.of(), 1, "test"));
    java.time.Instant from = java.time.Instant.now().minusSeconds(60);
    java.time.Instant until = java.time.Instant.now().plusSeconds(3600);
    breakoutRoom.open(meeting, agenda, from, until);
    // Both named and acknowledged: the chair is given the case, his line manager is not.
    assertThat(breakoutRoom.admit(meeting, "chair", agenda, from, until)).containsExactly(code);
    assertThat(breakoutRoom.admit(meeting, BOSS, agenda, from, until)).isEmpty();
    try {
      assertThat(get(BOSS, "/api/cases/" + code + "/updates").getStatusCode().value()).isEqualTo(403);
      assertThat(get("chair", "/api/cases/" + code + "/updates").getStatusCode().value()).isEqualTo(200);
      assertRefusedAndAlerted(BOSS, "READ_CASE_UPDATES", "LINE_OF_COMMAND");
    } finally {
      breakoutRoom.close(meeting);
    }
  }

  @Test
  void hisLineManagerAsManagerReadsNoHistoryOfTheCase() {
    for (String path : List.of("/engine-rest/history/process-instance?maxResults=50&processInstanceBusinessKey=" + code,
        "/engine-rest/history/task?maxResults=50&processInstanceId=" + pi.getId())) {
      assertThat(get("manager", path).getBody()).as("a manager with no conflict").contains(pi.getId());
      assertThat(get(BOSS, path).getBody()).as(path).doesNotContain(pi.getId());
    }
    assertRefusedAndAlerted(BOSS, "READ_ENGINE", "LINE_OF_COMMAND");
  }

  // ---- PSD when the perpetrator works in PSD ---------------------------------------------------

  @Test
  void psdCannotReadACaseWhosePerpetratorWorksInPsd() {
    String psdCase = caseWithPerpetrator("XP7777", "Professional Standards").getBusinessKey();
    assertThat(get("psd1", "/api/cases/" + psdCase + "/identity?purpose=INVESTIGATION_UPDATE").getStatusCode().value()).as("psd1, in PSD").isEqualTo(403);
    assertThat(get(PSD_NEWCOMER, "/api/cases/" + psdCase + "/identity?purpose=INVESTIGATION_UPDATE").getStatusCode().value())
        .as("a PSD member missing from the directory").isEqualTo(403);
    assertThat(get(PSD_NEWCOMER, "/api/cases/" + code + "/identity?purpose=INVESTIGATION_UPDATE").getStatusCode().value())
        .as("PSD's standing access to other cases").isEqualTo(200);
    assertThat(get("coordinator", "/api/cases/" + psdCase + "/identity?purpose=INVESTIGATION_UPDATE").getStatusCode().value())
        .as("a coordinator relays").isEqualTo(200);
    ResponseEntity<String> glass = rest.withBasicAuth(PSD_NEWCOMER, "demo").exchange("/api/cases/" + psdCase + "/break-glass",
        HttpMethod.POST, json(Map.of("reason", "PSD must see this case to take the misconduct decision")), String.class);
    assertThat(glass.getStatusCode().value()).isEqualTo(403);
    assertThat(jdbc.queryForObject("select count(*) from break_glass where case_code = ?", Integer.class, psdCase)).isZero();
    String saved = code;
    code = psdCase;
    assertRefusedAndAlerted(PSD_NEWCOMER, "READ_IDENTITY", "PERPETRATOR_DEPARTMENT");
    assertRefusedAndAlerted(PSD_NEWCOMER, "BREAK_GLASS", "PERPETRATOR_DEPARTMENT");
    assertRefusedAndAlerted("psd1", "READ_IDENTITY", "PERPETRATOR_DEPARTMENT");
    code = saved;
  }

  // ---- every grant with its record, or nothing -------------------------------------------------

  @Test
  void aThousandCharacterReasonIsRefusedAndLeavesNothing() {
    String reason = "A".repeat(1001);
    ResponseEntity<String> answer = rest.withBasicAuth("chair", "demo").exchange("/api/cases/" + code + "/break-glass",
        HttpMethod.POST, json(Map.of("reason", reason)), String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody()).contains("reason");
    assertThat(jdbc.queryForObject("select count(*) from break_glass where case_code = ?", Integer.class, code)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from access_audit where case_code = ? and user_id = 'chair'",
        Integer.class, code)).isZero();
    // Exactly the column's size is a grant with its full record.
    ResponseEntity<String> granted = rest.withBasicAuth("chair", "demo").exchange("/api/cases/" + code + "/break-glass",
        HttpMethod.POST, json(Map.of("reason", "B".repeat(1000))), String.class);
    assertThat(granted.getStatusCode().value()).isEqualTo(201);
    assertThat(jdbc.queryForObject("select count(*) from break_glass where case_code = ?", Integer.class, code)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from access_audit where case_code = ? and user_id = 'chair' "
        + "and action = 'BREAK_GLASS' and outcome = 'GRANTED'", Integer.class, code)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from access_audit where case_code = ? and user_id = 'chair' "
        + "and action = 'ACCESS_ALERT' and detail = 'BREAK_GLASS'", Integer.class, code)).isEqualTo(1);
  }

  @Test
  void theLastAdministratorCannotBeDeletedNorLeaveTheGroup() {
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isEqualTo(1);
    ResponseEntity<String> delete = rest.withBasicAuth("admin", "demo").exchange("/engine-rest/user/admin", HttpMethod.DELETE,
        null, String.class);
    assertThat(delete.getStatusCode().value()).isEqualTo(400);
    assertThat(delete.getBody()).contains("last administrator");
    ResponseEntity<String> leave = rest.withBasicAuth("admin", "demo").exchange("/engine-rest/group/camunda-admin/members/admin",
        HttpMethod.DELETE, null, String.class);
    assertThat(leave.getStatusCode().value()).isEqualTo(400);
    ResponseEntity<String> group = rest.withBasicAuth("admin", "demo").exchange("/engine-rest/group/camunda-admin",
        HttpMethod.DELETE, null, String.class);
    assertThat(group.getStatusCode().value()).isEqualTo(400);
    assertThat(identityService.createUserQuery().userId("admin").memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isEqualTo(1);
    assertThatThrownBy(() -> identityService.deleteUser("admin")).hasMessageContaining("last administrator");
  }

  @Test
  void setupStaysClosedOnceAnAdministratorHasExisted() {
    // The administrator disappears behind the engine's back (a database edit): setup stays closed.
    jdbc.update("delete from ACT_ID_MEMBERSHIP where GROUP_ID_ = 'camunda-admin'");
    try {
      assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_JSON);
      ResponseEntity<String> setup = rest.exchange("/camunda/api/admin/setup/default/user/create", HttpMethod.POST,
          new HttpEntity<>(Map.of("profile", Map.of("id", "xintruder", "firstName", "I", "lastName", "N", "email", "i@x.invalid"),
              "credentials", Map.of("password", "Intruder-Passw0rd!")), headers), String.class);
      assertThat(setup.getStatusCode().value()).isEqualTo(403);
      assertThat(setup.getBody()).contains("Setup is closed");
      assertThat(identityService.createUserQuery().userId("xintruder").count()).isZero();
      // And where the engine acts: nobody unauthenticated makes an administrator.
      identityService.clearAuthentication();
      assertThatThrownBy(() -> identityService.createMembership("coordinator", Groups.CAMUNDA_ADMIN))
          .isInstanceOf(AuthorizationException.class);
      assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
    } finally {
      jdbc.update("insert into ACT_ID_MEMBERSHIP (USER_ID_, GROUP_ID_) values ('admin', 'camunda-admin')");
    }
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private void assertRefusedAndAlerted(String user, String action, String kind) {
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select detail from access_audit where user_id = ? and case_code = ? and action = ? and outcome = 'REFUSED'",
        user, code, action);
    assertThat(rows).as(user + " " + action + " refused in the audit").isNotEmpty();
    // The refusal with its reason; the access record may also hold the refused answer itself (its endpoint and status).
    assertThat(rows).as("the conflict is the recorded reason")
        .anySatisfy(row -> assertThat((String) row.get("DETAIL")).startsWith("conflict of interest"));
    for (Map<String, Object> row : rows) {
      assertThat((String) row.get("DETAIL")).as("no identity in the record")
          .doesNotContain("Perpetrator Person").doesNotContain("XC4242").doesNotContain("XP7777");
    }
    List<String> alerts = jdbc.queryForList("select id from access_alert where user_id = ? and kind = ? and case_code = ?",
        String.class, user, kind, code);
    assertThat(alerts).as(user + " alerted as " + kind).isNotEmpty();
    assertThat(taskService.createTaskQuery().processDefinitionKey("accessAlert")
        .processInstanceBusinessKeyIn(alerts.toArray(String[]::new)).count())
        .as("information governance has the alert to review").isGreaterThanOrEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from break_glass where user_id = ? and case_code = ?", Integer.class,
        user, code)).as("no break glass").isZero();
  }

  private ProcessInstance caseWithPerpetrator(String staffNumber, String department) {
    ReferralRequest r = Referrals.policeVictim("COLLEAGUE");
    return new CaseDriver(runtimeService).start(new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest("Perpetrator Person", null, true, staffNumber, "Constable", department, null),
        List.of(), "HIGH", false, false, false));
  }

  private void user(String id, String... groups) {
    TestUsers.ensure(identityService, id, groups);
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, "demo").getForEntity(path, String.class);
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
