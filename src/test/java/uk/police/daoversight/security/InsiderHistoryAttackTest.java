package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
import uk.police.daoversight.access.AccessAlerts;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/**
 * History is need-to-know (issue #15, item 3), tried as a manager (and an analyst and a panel
 * member where it fits) who has read the code: every history endpoint, GET and POST, engine-rest
 * and Cockpit's own API with a session, variable-value filters as an oracle, the access alert.
 * Each attempt asserts the refusal or the empty answer and that no value typed into the case
 * (a marker in a form field, the alert's reason) is anywhere in the answer. Then what managers
 * keep: the instance, where the case is, its timer and due date, an incident that names the step.
 */
@IntegrationTest
class InsiderHistoryAttackTest extends EngineTest {

  private static final HttpHeaders JSON = new HttpHeaders();

  static {
    JSON.setContentType(MediaType.APPLICATION_JSON);
  }

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired AccessAlerts accessAlerts;
  @Autowired JdbcTemplate jdbc;
  @Autowired AuthorizationService authorizationService;
  @Autowired AccessSetup accessSetup;

  /** Typed by the SOO into the HIGH case's contact form (safe contact times). */
  static String marker;
  /** Typed by the chair as the reason for breaking the glass. */
  static String alertMarker;
  /** Typed as the contact outcome of the failing case (a value no form offers). */
  static String incidentMarker;
  static ProcessInstance high;
  static ProcessInstance standard;
  static ProcessInstance failing;
  static String alertId;
  static String alertInstance;

  static boolean ready;

  @BeforeEach
  void cases() {
    if (ready) {
      return;
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    marker = "Kestrel-" + id;
    alertMarker = "Osprey-" + id;
    incidentMarker = "Merlin-" + id;
    CaseDriver driver = new CaseDriver(runtimeService);

    high = driver.toFirstContact(risk("HIGH"));
    Map<String, Object> answers = CaseDriver.contactAnswers("ENGAGED", "P14D");
    answers.put("safeContactTimes", marker);
    answers.put("safeContactChannel", marker + " mobile");
    taskService.complete(task("contactVictim", high).getId(), answers);
    managementService.executeJob(job("recordContactPlan", high).getId());

    standard = driver.toFirstContact(risk("STANDARD"));

    failing = driver.toFirstContact(risk("MEDIUM"));
    taskService.complete(task("contactVictim", failing).getId(), CaseDriver.contactAnswers("DECLINED", null));
    // The value reaches the step as if typed (however it came: an older form, an API client).
    Job recordPlan = job("recordContactPlan", failing);
    runtimeService.setVariable(recordPlan.getExecutionId(), "contactOutcome", incidentMarker);
    // Tried as the retry cycle says (three times), then an incident.
    for (int attempt = 0; attempt < 3 && runtimeService.createIncidentQuery().processInstanceId(failing.getId()).count() == 0;
         attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(recordPlan.getId()));
    }
    assertThat(runtimeService.createIncidentQuery().processInstanceId(failing.getId()).count()).isEqualTo(1);

    accessAlerts.raise(AccessAlerts.Kind.BREAK_GLASS, "chair", high.getBusinessKey(),
        "chair broke the glass on case " + high.getBusinessKey() + ". Reason: " + alertMarker);
    // The alert's summary is sealed with the case's key (issue #17): found through AccessAlerts, which opens it.
    alertId = accessAlerts.list(null, high.getBusinessKey(), 100).stream().filter(a -> a.summary().contains(alertMarker))
        .map(AccessAlerts.Alert::id).findFirst().orElseThrow();
    alertInstance = runtimeService.createProcessInstanceQuery().processDefinitionKey("accessAlert")
        .processInstanceBusinessKey(alertId).singleResult().getId();
    ready = true;
  }

  // ---------------------------------------------------------------- history of a case's variables

  @Test
  void historicVariableInstancesGetAndPostAreEmptyForAManager() {
    refusedOrEmpty(get("manager", "/engine-rest/history/variable-instance?processInstanceId=" + high.getId()));
    refusedOrEmpty(post("manager", "/engine-rest/history/variable-instance",
        "{\"processInstanceIdIn\":[\"" + high.getId() + "\"]}"));
    refusedOrEmpty(post("manager", "/engine-rest/history/variable-instance?deserializeValues=false",
        "{\"variableName\":\"safeContactTimes\",\"variableValue\":\"" + marker + "\"}"));
    assertThat(get("manager", "/engine-rest/history/variable-instance/count?processInstanceId=" + high.getId()).getBody())
        .isEqualTo("{\"count\":0}");
    refusedOrEmpty(get("analyst", "/engine-rest/history/variable-instance?variableName=riskLevel"));
    refusedOrEmpty(get("panel1", "/engine-rest/history/variable-instance?processInstanceId=" + high.getId()));
  }

  @Test
  void historicDetailsFormFieldsAndVariableUpdatesAreEmptyForAManager() {
    refusedOrEmpty(get("manager", "/engine-rest/history/detail?processInstanceId=" + high.getId()));
    refusedOrEmpty(get("manager", "/engine-rest/history/detail?formFields=true&processInstanceId=" + high.getId()));
    refusedOrEmpty(get("manager", "/engine-rest/history/detail?variableUpdates=true&processInstanceId=" + high.getId()));
    refusedOrEmpty(post("manager", "/engine-rest/history/detail", "{\"processInstanceId\":\"" + high.getId() + "\"}"));
    assertThat(get("manager", "/engine-rest/history/detail/count?processInstanceId=" + high.getId()).getBody())
        .isEqualTo("{\"count\":0}");
  }

  @Test
  void runtimeVariablesAndTaskFormVariablesAreRefused() {
    Task task = task("updateCase", high);
    for (String path : List.of("/engine-rest/process-instance/" + high.getId() + "/variables",
        "/engine-rest/process-instance/" + high.getId() + "/variables/safeContactTimes",
        "/engine-rest/task/" + task.getId() + "/variables", "/engine-rest/task/" + task.getId() + "/form-variables",
        "/engine-rest/execution/" + high.getId() + "/localVariables")) {
      ResponseEntity<String> answer = get("manager", path);
      assertThat(answer.getStatusCode().value()).as(path).isIn(403, 404);
      assertThat(answer.getBody()).as(path).doesNotContain(marker);
    }
    refusedOrEmpty(get("manager", "/engine-rest/variable-instance?processInstanceIdIn=" + high.getId()));
    refusedOrEmpty(post("manager", "/engine-rest/variable-instance", "{\"variableName\":\"riskLevel\"}"));
  }

  @Test
  void decisionInstancesWithInputsAreEmptyForAManagerButAnalystsKeepThem() {
    String path = "/engine-rest/history/decision-instance?includeInputs=true&includeOutputs=true&processInstanceId=" + high.getId();
    refusedOrEmpty(get("manager", path));
    refusedOrEmpty(get("manager", "/engine-rest/history/decision-instance?includeInputs=true&decisionDefinitionKey=complexCaseRouting"));
    assertThat(get("manager", "/engine-rest/history/decision-instance/count").getBody()).isEqualTo("{\"count\":0}");
    ResponseEntity<String> analyst = get("analyst", path);
    assertThat(analyst.getStatusCode().value()).isEqualTo(200);
    assertThat(analyst.getBody()).as("analysts own the rules and see how each table decided").contains("complexCaseRouting")
        .doesNotContain(marker);
  }

  @Test
  void theOperationLogCarriesNoValueOfTheCase() {
    ResponseEntity<String> log = get("manager", "/engine-rest/history/user-operation?maxResults=500&processInstanceId=" + high.getId());
    assertThat(log.getStatusCode().value()).isEqualTo(200);
    assertThat(log.getBody()).doesNotContain(marker).doesNotContain("HIGH");
    ResponseEntity<String> all = get("manager", "/engine-rest/history/user-operation?maxResults=2000&sortBy=timestamp&sortOrder=desc");
    assertThat(all.getBody()).doesNotContain(marker).doesNotContain(alertMarker).doesNotContain(incidentMarker);
  }

  // -------------------------------------------------------------------- variable filters as an oracle

  @Test
  void aVariableFilterOnProcessInstancesAnswersTheSameForAHighAndAStandardCase() {
    ResponseEntity<String> onHigh = get("manager", "/engine-rest/process-instance?variables=riskLevel_eq_HIGH&businessKey="
        + high.getBusinessKey());
    ResponseEntity<String> onStandard = get("manager", "/engine-rest/process-instance?variables=riskLevel_eq_HIGH&businessKey="
        + standard.getBusinessKey());
    refused(onHigh);
    assertThat(onStandard.getStatusCode()).isEqualTo(onHigh.getStatusCode());
    assertThat(onStandard.getBody()).isEqualTo(onHigh.getBody());
    refused(get("manager", "/engine-rest/process-instance/count?variables=riskLevel_eq_HIGH&businessKey=" + high.getBusinessKey()));
    refused(get("manager", "/engine-rest/process-instance?variables=safeContactTimes_like_Kestrel%25"));
    refused(post("manager", "/engine-rest/process-instance", "{\"businessKey\":\"" + high.getBusinessKey()
        + "\",\"variables\":[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}"));
    refused(get("manager", "/engine-rest/execution?processVariables=riskLevel_eq_HIGH"));
    refused(get("manager", "/engine-rest/execution?variables=riskLevel_eq_HIGH"));

    ResponseEntity<String> coordinator = get("coordinator", "/engine-rest/process-instance?variables=riskLevel_eq_HIGH&businessKey="
        + high.getBusinessKey());
    assertThat(coordinator.getBody()).as("who may read the variables may filter by them").contains(high.getId());
    assertThat(get("coordinator", "/engine-rest/process-instance?variables=riskLevel_eq_HIGH&businessKey="
        + standard.getBusinessKey()).getBody()).isEqualTo("[]");
  }

  @Test
  void aVariableFilterInsideOrQueriesIsRefusedToo() {
    refused(post("manager", "/engine-rest/process-instance", "{\"businessKey\":\"" + high.getBusinessKey()
        + "\",\"orQueries\":[{\"variables\":[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]},"
        + "{\"processDefinitionKey\":\"nothing\"}]}"));
    refused(post("manager", "/engine-rest/process-instance/count", "{\"orQueries\":[{\"variables\":"
        + "[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}]}"));
    refused(post("manager", "/engine-rest/history/process-instance", "{\"orQueries\":[{\"variables\":"
        + "[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}]}"));
    refused(post("manager", "/engine-rest/task", "{\"orQueries\":[{\"processVariables\":"
        + "[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}]}"));
    refused(post("manager", "/engine-rest/history/task", "{\"orQueries\":[{\"processVariables\":"
        + "[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}]}"));
  }

  @Test
  void variableFiltersOnHistoryAndTasksAreRefused() {
    refused(get("manager", "/engine-rest/history/process-instance?variables=riskLevel_eq_HIGH&processInstanceBusinessKey="
        + high.getBusinessKey()));
    refused(post("manager", "/engine-rest/history/process-instance", "{\"processInstanceBusinessKey\":\"" + high.getBusinessKey()
        + "\",\"variables\":[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}"));
    refused(post("manager", "/engine-rest/history/process-instance/count",
        "{\"variables\":[{\"name\":\"safeContactTimes\",\"operator\":\"eq\",\"value\":\"" + marker + "\"}]}"));
    refused(get("manager", "/engine-rest/task?processVariables=riskLevel_eq_HIGH"));
    refused(get("manager", "/engine-rest/task?taskVariables=riskLevel_eq_HIGH"));
    refused(post("manager", "/engine-rest/task/count", "{\"processVariables\":[{\"name\":\"riskLevel\",\"operator\":\"eq\","
        + "\"value\":\"HIGH\"}]}"));
    refused(post("manager", "/engine-rest/task", "{\"sorting\":[{\"sortBy\":\"processVariable\",\"sortOrder\":\"asc\","
        + "\"parameters\":{\"variable\":\"riskLevel\",\"type\":\"String\"}}]}"));
    refused(get("manager", "/engine-rest/history/task?processVariables=riskLevel_eq_HIGH"));
    refused(get("manager", "/engine-rest/history/task?taskVariables=riskLevel_eq_HIGH"));
    refused(get("manager", "/engine-rest/history/task/count?processVariables=riskLevel_eq_HIGH"));
  }

  // ------------------------------------------------------------------------- Cockpit with a session

  @Test
  void cockpitsOwnQueriesWithVariablesAreRefused() {
    WebappSession cockpit = WebappSession.login(rest, "manager", "cockpit");
    String definition = high.getProcessDefinitionId();
    String body = "{\"processDefinitionId\":\"" + definition + "\",\"variables\":"
        + "[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}";
    refused(cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=50", body));
    refused(cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance/count", body));
    refused(cockpit.get("/camunda/api/cockpit/plugin/base/default/process-instance?processDefinitionId=" + definition
        + "&variables=riskLevel_eq_HIGH&maxResults=50"));
    refused(cockpit.get("/camunda/api/engine/engine/default/process-instance?variables=riskLevel_eq_HIGH&maxResults=50"));
    refused(cockpit.post("/camunda/api/engine/engine/default/history/process-instance?maxResults=50",
        "{\"variables\":[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}"));
    refusedOrEmpty(cockpit.get("/camunda/api/engine/engine/default/history/variable-instance?processInstanceIdIn="
        + high.getId() + "&maxResults=50"));
    refusedOrEmpty(cockpit.post("/camunda/api/engine/engine/default/history/variable-instance?maxResults=50",
        "{\"processInstanceIdIn\":[\"" + high.getId() + "\"]}"));
    refusedOrEmpty(cockpit.get("/camunda/api/engine/engine/default/history/detail?processInstanceId=" + high.getId()
        + "&maxResults=50"));
    refusedOrEmpty(cockpit.get("/camunda/api/engine/engine/default/history/decision-instance?includeInputs=true"
        + "&includeOutputs=true&processInstanceId=" + high.getId() + "&maxResults=50"));

    ResponseEntity<String> listed = cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=2000",
        "{\"processDefinitionId\":\"" + definition + "\"}");
    assertThat(listed.getStatusCode().value()).as("Cockpit's own list, without variables").isEqualTo(200);
    assertThat(listed.getBody()).contains(high.getId()).doesNotContain(marker);
  }

  // ------------------------------------------------------------------------------ the access alert

  @Test
  void theAccessAlertsDetailsAreNotInTheEngineAndOnlyInformationGovernanceReadsThem() {
    assertThat(jdbc.queryForList("select name_ from act_hi_varinst where proc_inst_id_ = ?", String.class, alertInstance))
        .as("the engine holds the alert's id alone").containsExactly("alertId");
    assertThat(jdbc.queryForObject("select count(*) from act_hi_varinst where text_ like ? or text2_ like ?", Integer.class,
        "%" + alertMarker + "%", "%" + alertMarker + "%")).isZero();
    assertThat(jdbc.queryForObject("select count(*) from act_hi_detail where text_ like ?", Integer.class,
        "%" + alertMarker + "%")).isZero();

    refusedOrEmpty(get("manager", "/engine-rest/history/variable-instance?processInstanceId=" + alertInstance));
    refusedOrEmpty(get("manager", "/engine-rest/history/detail?processInstanceId=" + alertInstance));
    refused(post("manager", "/engine-rest/process-instance", "{\"processDefinitionKey\":\"accessAlert\",\"variables\":"
        + "[{\"name\":\"alertId\",\"operator\":\"eq\",\"value\":\"" + alertId + "\"}]}"));
    refused(get("manager", "/engine-rest/history/process-instance?processDefinitionKey=accessAlert&variables=alertFinding_like_%25"));
    refused(get("manager", "/engine-rest/process-instance/" + alertInstance + "/variables"));

    for (String user : List.of("manager", "analyst", "panel1", "chair", "coordinator")) {
      for (String path : List.of("/api/alerts", "/api/alerts/" + alertId, "/api/alerts?caseCode=" + high.getBusinessKey())) {
        ResponseEntity<String> answer = get(user, path);
        assertThat(answer.getStatusCode().value()).as(user + " " + path).isEqualTo(403);
        assertThat(answer.getBody()).as(user + " " + path).doesNotContain(alertMarker).doesNotContain("broke the glass");
      }
    }
    assertThat(jdbc.queryForObject("select count(*) from access_audit where user_id = 'manager' and action = 'READ_ALERT'"
        + " and outcome = 'REFUSED'", Integer.class)).isGreaterThanOrEqualTo(3);

    ResponseEntity<String> governance = get("auditor", "/api/alerts/" + alertId);
    assertThat(governance.getStatusCode().value()).isEqualTo(200);
    assertThat(governance.getBody()).contains(alertMarker).contains("BREAK_GLASS").contains("\"userId\":\"chair\"");
    assertThat(get("auditor", "/api/alerts?caseCode=" + high.getBusinessKey()).getBody()).contains(alertId);
    assertThat(jdbc.queryForObject("select count(*) from access_audit where user_id = 'auditor' and action = 'READ_ALERT'"
        + " and outcome = 'ALLOWED' and detail = ?", Integer.class, alertId)).isEqualTo(1);
    ResponseEntity<String> igTask = get("auditor", "/engine-rest/task?processInstanceId=" + alertInstance);
    assertThat(igTask.getBody()).contains("Review access alert");
  }

  // --------------------------------------------------------------------- failures name no value

  @Test
  void jobFailuresAndIncidentsNameTheStepAndTheReasonNeverTheValue() {
    ResponseEntity<String> incidents = get("manager", "/engine-rest/incident?processInstanceId=" + failing.getId());
    assertThat(incidents.getStatusCode().value()).isEqualTo(200);
    assertThat(incidents.getBody()).contains("failedJob").contains("recordContactPlan")
        .contains("Record contact plan failed: The contact outcome is not one the form offers").doesNotContain(incidentMarker);

    String jobId = job("recordContactPlan", failing).getId();
    for (String path : List.of("/engine-rest/job/" + jobId, "/engine-rest/job/" + jobId + "/stacktrace",
        "/engine-rest/history/incident?processInstanceId=" + failing.getId(),
        "/engine-rest/history/job-log?failureLog=true&processInstanceId=" + failing.getId(),
        "/engine-rest/history/external-task-log?processInstanceId=" + failing.getId())) {
      ResponseEntity<String> answer = get("manager", path);
      assertThat(answer.getStatusCode().value()).as(path).isEqualTo(200);
      assertThat(answer.getBody()).as(path).doesNotContain(incidentMarker);
    }
    List<String> failedTries = jdbc.queryForList("select id_ from act_hi_job_log where process_instance_id_ = ? and job_state_ = 1",
        String.class, failing.getId());
    assertThat(failedTries).as("three tries, then the incident").hasSize(3);
    String logId = failedTries.get(2);
    ResponseEntity<String> logTrace = get("manager", "/engine-rest/history/job-log/" + logId + "/stacktrace");
    assertThat(logTrace.getStatusCode().value()).isEqualTo(200);
    assertThat(logTrace.getBody()).contains("Record contact plan failed").doesNotContain(incidentMarker);
    assertThat(jdbc.queryForObject("select count(*) from act_hi_job_log where job_exception_msg_ like ?", Integer.class,
        "%" + incidentMarker + "%")).isZero();

    WebappSession cockpit = WebappSession.login(rest, "manager", "cockpit");
    ResponseEntity<String> seen = cockpit.post("/camunda/api/cockpit/plugin/base/default/incident?firstResult=0&maxResults=50",
        "{\"processInstanceIdIn\":[\"" + failing.getId() + "\"]}");
    assertThat(seen.getStatusCode().value()).isEqualTo(200);
    assertThat(seen.getBody()).contains("Record contact plan failed").doesNotContain(incidentMarker);
  }

  @Test
  void grantsFromAnEarlierSetupAreTakenBackAtStart() {
    Authorization old = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    old.setGroupId(Groups.MANAGERS);
    old.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
    old.setResourceId(Authorization.ANY);
    old.addPermission(HistoricProcessInstancePermissions.READ);
    authorizationService.saveAuthorization(old);
    Authorization decisions = authorizationService.createAuthorizationQuery().groupIdIn(Groups.MANAGERS)
        .resourceType(Resources.DECISION_DEFINITION).resourceId(Authorization.ANY).singleResult();
    decisions.addPermission(Permissions.READ_HISTORY);
    authorizationService.saveAuthorization(decisions);
    assertThat(get("manager", "/engine-rest/history/variable-instance?processInstanceId=" + high.getId()).getBody())
        .as("what the old grant gave away").contains(marker);

    accessSetup.apply();

    assertThat(authorizationService.createAuthorizationQuery().groupIdIn(Groups.MANAGERS)
        .resourceType(Resources.HISTORIC_PROCESS_INSTANCE).count()).isZero();
    assertThat(authorizationService.createAuthorizationQuery().groupIdIn(Groups.MANAGERS)
        .resourceType(Resources.DECISION_DEFINITION).singleResult().isPermissionGranted(Permissions.READ_HISTORY)).isFalse();
    refusedOrEmpty(get("manager", "/engine-rest/history/variable-instance?processInstanceId=" + high.getId()));
    refusedOrEmpty(get("manager", "/engine-rest/history/decision-instance?includeInputs=true&processInstanceId=" + high.getId()));
  }

  // ------------------------------------------------------------------------ what managers keep

  @Test
  void theManagerStillSeesTheInstanceWhereTheCaseIsAndItsTimer() {
    assertThat(get("manager", "/engine-rest/process-instance?businessKey=" + standard.getBusinessKey()).getBody())
        .contains(standard.getId());
    assertThat(get("manager", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + high.getBusinessKey())
        .getBody()).contains(high.getId()).doesNotContain(marker);
    ResponseEntity<String> where = get("manager", "/engine-rest/process-instance/" + standard.getId() + "/activity-instances");
    assertThat(where.getStatusCode().value()).isEqualTo(200);
    assertThat(where.getBody()).contains("contactVictim");
    assertThat(get("manager", "/engine-rest/history/activity-instance?processInstanceId=" + high.getId()).getBody())
        .contains("recordContactPlan").doesNotContain(marker);

    Job timer = managementService.createJobQuery().processInstanceId(standard.getId()).timers().singleResult();
    ResponseEntity<String> jobs = get("manager", "/engine-rest/job?timers=true&processInstanceId=" + standard.getId());
    assertThat(jobs.getStatusCode().value()).isEqualTo(200);
    assertThat(jobs.getBody()).contains(timer.getId()).contains("\"dueDate\":\"");

    WebappSession cockpit = WebappSession.login(rest, "manager", "cockpit");
    assertThat(cockpit.get("/camunda/api/engine/engine/default/process-instance/" + standard.getId() + "/activity-instances")
        .getBody()).contains("contactVictim");
    assertThat(cockpit.get("/camunda/api/engine/engine/default/job?timers=true&maxResults=50&processInstanceId=" + standard.getId())
        .getBody()).contains(timer.getId()).contains("\"dueDate\":\"");
    assertThat(cockpit.get("/camunda/api/engine/engine/default/incident?maxResults=50&processInstanceId=" + failing.getId()).getBody())
        .contains("Record contact plan failed");
  }

  // ------------------------------------------------------------------------------------ helpers

  private static ReferralRequest risk(String level) {
    ReferralRequest r = Referrals.policeVictim("COLLEAGUE");
    return new ReferralRequest(r.route(), r.externalReference(), r.victim(), r.perpetrator(), List.of(), level, false, false,
        false);
  }

  private Task task(String key, ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  private Job job(String activity, ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).activityId(activity).singleResult();
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, "demo").getForEntity(bounded(path), String.class);
  }

  private ResponseEntity<String> post(String user, String path, String json) {
    return rest.withBasicAuth(user, "demo").exchange(bounded(path), HttpMethod.POST, new HttpEntity<>(json, JSON), String.class);
  }

  /** The engine refuses unbounded lists (queryMaxResultsLimit); engine-rest ignores the bound elsewhere. */
  private static String bounded(String path) {
    if (!path.startsWith("/engine-rest/") || path.contains("maxResults=")) {
      return path;
    }
    return path + (path.contains("?") ? "&" : "?") + "maxResults=50";
  }

  /** Refused by the engine (403), saying why, and not a value of any case in the answer. */
  private void refused(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(403);
    assertThat(answer.getBody()).containsIgnoringCase("variable").doesNotContain(marker).doesNotContain(alertMarker)
        .doesNotContain(high.getId()).doesNotContain("at org.");
  }

  /** Refused or empty, and not a value of any case in the answer. */
  private void refusedOrEmpty(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isIn(200, 403);
    if (answer.getStatusCode().value() == 200) {
      assertThat(answer.getBody()).isEqualTo("[]");
    }
    assertThat(answer.getBody()).doesNotContain(marker).doesNotContain(alertMarker).doesNotContain(incidentMarker);
  }
}
