package uk.police.daoversight.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.police.daoversight.access.StaffDirectory;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.Referrals;

/**
 * Single sign-on (issue #22) against a real OpenID Connect provider running in this JVM
 * (mock-oauth2-server): a SOO signs in through it in a real browser and works in Tasklist with the
 * groups from their token, and is refused what those groups do not allow; a force system sends a
 * referral with client credentials and the access record names it; tokens for another audience, from
 * another issuer or without the referral scope are refused with the reason.
 *
 * <p>The one Spring context of the {@code sso} profile: its own in-memory database and its own engine
 * name ("sso"), so it never meets the suite's shared context, whose engine is "default".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:oversight-sso;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=" + SsoJourneysTest.ENGINE,
    "spring.security.oauth2.client.registration.force.client-id=case-oversight",
    "spring.security.oauth2.client.registration.force.client-secret=test-only-secret",
    "spring.security.oauth2.resourceserver.jwt.audiences=" + SsoJourneysTest.AUDIENCE,
    "oversight.sso.group-mapping.[" + SsoJourneysTest.SOO_GROUP + "]=senior-oversight-officers",
    "oversight.sso.group-mapping.[" + SsoJourneysTest.COORDINATOR_GROUP + "]=case-coordinators",
    "oversight.sso.group-mapping.[" + SsoJourneysTest.MANAGER_GROUP + "]=managers",
    "oversight.sso.referral-clients=" + SsoJourneysTest.FORCE_SYSTEM,
})
@ActiveProfiles({"test", "sso"})
@org.junit.jupiter.api.Tag("own-jvm")
class SsoJourneysTest {

  static final String ENGINE = "sso";
  static final String ISSUER = "force";
  static final String AUDIENCE = "api://case-oversight";
  /** Provider group ids as Entra gives them (object ids), mapped by configuration. */
  static final String SOO_GROUP = "0f6c2d1e-soo";
  static final String COORDINATOR_GROUP = "7a1b9c3d-coordinators";
  static final String MANAGER_GROUP = "2e4f6a8b-managers";
  static final String FORCE_SYSTEM = "force-rms";

  static final MockOAuth2Server provider = new MockOAuth2Server();

  static {
    provider.start();
  }

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    String issuer = provider.issuerUrl(ISSUER).toString();
    registry.add("spring.security.oauth2.client.provider.force.issuer-uri", () -> issuer);
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> issuer);
  }

  @AfterAll
  static void stopProvider() {
    provider.shutdown();
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired StaffDirectory directory;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired uk.police.daoversight.security.sso.SsoUsers ssoUsers;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;
  @Autowired uk.police.daoversight.allocation.SooMembership sooMembership;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void engine() {
    // This context's engine for the case driver's assertions (the suite's shared context has another).
    BpmnAwareTests.init(processEngine);
  }

  @AfterEach
  void resetEngine() {
    BpmnAwareTests.reset();
  }

  @Test
  void aSooSignsInThroughTheProviderAndWorksInTasklistWithTheGroupsFromTheTokenAndNothingMore() throws Exception {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance pi = driver.start(Referrals.policeVictim("CALL_101"));
    driver.reviewHistory(pi);
    String soo = driver.allocateAsRecommended(pi);
    ProcessInstance notTheirs = driver.start(Referrals.policeVictim("CALL_999"));
    // The token names the person by a provider id and an e-mail-like user name the engine could not take;
    // the directory knows their staff number, so they are the directory's user here. A provider group
    // named like an administrators' group is not mapped, so it gives nothing.
    String staffNumber = directory.find(soo).orElseThrow().staffNumber();
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "entra-object-id-" + soo, "JWT", null, Map.of(
        "employeeid", staffNumber, "preferred_username", "chief.inspector@force.example",
        "groups", List.of(SOO_GROUP, "camunda-admin")), 3600));

    try (Browser browser = new Browser(port, ENGINE)) {
      try {
        browser.signIn("tasklist");
        browser.waitFor("Read case pack");
        Task pack = waitForTask(browser, pi, "readCasePack");
        browser.openTask(pack.getId());
        browser.tick("casePackRead");
        browser.press("Complete");
        waitForTask(browser, pi, "contactVictim");
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(pack.getId()).singleResult().getAssignee())
            .as("completed in Tasklist as the directory's user").isEqualTo(soo);
        browser.screenshot("sso-1-soo-tasklist");

        // What the SOO's groups allow through the same sign-in: their own case's identity page...
        assertThat(browser.fetchStatus("GET", "/api/cases/" + pi.getBusinessKey() + "/identity?purpose=CONTACT_VICTIM")).isEqualTo(200);
        // ...and nothing else: another case, the access record (information governance), another case's
        // tasks through the webapps' engine API, the administrators' API, and no change by cookie.
        assertThat(browser.fetchStatus("GET", "/api/cases/" + notTheirs.getBusinessKey() + "/identity?purpose=CONTACT_VICTIM")).isEqualTo(403);
        assertThat(browser.fetchStatus("GET", "/api/audit")).isEqualTo(403);
        assertThat(browser.js("return document.body.innerText").toString()).doesNotContain(notTheirs.getBusinessKey());
        assertThat(browser.fetchBody("/camunda/api/engine/engine/" + ENGINE + "/task/count?processInstanceId=" + notTheirs.getId()))
            .isEqualTo("{\"count\":0}");
        assertThat(browser.fetchBody("/camunda/api/engine/engine/" + ENGINE + "/task/count?processInstanceId=" + pi.getId()))
            .isEqualTo("{\"count\":1}");
        assertThat(browser.fetchStatus("POST", "/api/referrals")).isEqualTo(403);
        assertThat(browser.fetchStatus("GET", "/dashboard")).as("the figures are for managers, the chair and analysts").isEqualTo(403);
        // The webapps' own view of the sign-in: this user, Tasklist only (Cockpit and Admin are not for SOOs).
        com.fasterxml.jackson.databind.JsonNode auth = json.readTree(browser.fetchBody("/camunda/api/admin/auth/user/" + ENGINE));
        assertThat(auth.get("userId").asText()).isEqualTo(soo);
        assertThat(auth.get("authorizedApps").toString()).contains("tasklist").doesNotContain("cockpit").doesNotContain("admin");
        // The local login is closed in this profile, even for a demo user's right password.
        assertThat(browser.fetchStatus("POST", "/camunda/api/admin/auth/user/" + ENGINE + "/login/tasklist")).isEqualTo(403);

        // Sign-out ends the session: the same browser is no one afterwards.
        assertThat(browser.fetchStatus("POST", "/camunda/api/admin/auth/user/" + ENGINE + "/logout")).isEqualTo(200);
        assertThat(browser.fetchStatus("GET", "/api/cases/" + pi.getBusinessKey() + "/identity?purpose=CONTACT_VICTIM")).isEqualTo(401);
        assertThat(browser.fetchStatus("GET", "/camunda/api/engine/engine/" + ENGINE + "/task")).isEqualTo(401);

        // The next person to sign in on this browser is a manager: Cockpit and the dashboard are theirs.
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "entra-object-id-manager", "JWT", null, Map.of(
            "employeeid", directory.find("manager").orElseThrow().staffNumber(), "groups", List.of(MANAGER_GROUP)), 3600));
        browser.signIn("cockpit");
        com.fasterxml.jackson.databind.JsonNode manager = json.readTree(browser.fetchBody("/camunda/api/admin/auth/user/" + ENGINE));
        assertThat(manager.get("userId").asText()).isEqualTo("manager");
        assertThat(manager.get("authorizedApps").toString()).contains("cockpit").doesNotContain("tasklist");
        browser.open("/dashboard");
        browser.waitForText("Cases referred");
        browser.screenshot("sso-2-manager-dashboard");
      } finally {
        browser.screenshot("sso-3-last");
      }
    }
  }

  @Test
  void aForceSystemSendsAReferralWithClientCredentialsAndTheAccessRecordNamesIt() throws Exception {
    String token = clientCredentials(FORCE_SYSTEM, List.of(AUDIENCE), "referrals.submit");
    HttpResponse<String> answer = send("POST", "/api/referrals", token, Referrals.policeVictim("MASH"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    String caseCode = json.readTree(answer.body()).get("caseCode").asText();

    assertThat(jdbc.queryForList("select user_id from access_audit where case_code = ? and action = ?", String.class,
        caseCode, AccessAudit.COLLECTION)).containsExactly(FORCE_SYSTEM);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseCode)
        .processDefinitionKey("oversightCase").singleResult().getStartUserId()).isEqualTo(FORCE_SYSTEM);

    // The system's token is for referral intake alone, whatever else it asks.
    HttpResponse<String> audit = send("GET", "/api/audit", token, null);
    assertThat(audit.statusCode()).isEqualTo(403);
    assertThat(audit.body()).contains("referral intake alone");
    assertThat(send("GET", "/api/cases/" + caseCode + "/identity", token, null).statusCode()).isEqualTo(403);
  }

  @Test
  void tokensForAnotherAudienceFromAnotherIssuerOrWithoutTheReferralScopeAreRefusedWithTheReason() throws Exception {
    ReferralRequest referral = Referrals.policeVictim("MASH");
    int casesBefore = jdbc.queryForObject("select count(*) from case_identity", Integer.class);
    HttpResponse<String> wrongAudience = send("POST", "/api/referrals",
        clientCredentials(FORCE_SYSTEM, List.of("api://another-service"), "referrals.submit"), referral);
    assertThat(wrongAudience.statusCode()).isEqualTo(401);
    assertThat(wrongAudience.body()).contains("aud");
    assertThat(wrongAudience.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");

    String otherIssuer = provider.issueToken("another-tenant", FORCE_SYSTEM, new DefaultOAuth2TokenCallback("another-tenant",
        FORCE_SYSTEM, "JWT", List.of(AUDIENCE), Map.of("azp", FORCE_SYSTEM, "scope", "referrals.submit"), 3600)).serialize();
    assertThat(send("POST", "/api/referrals", otherIssuer, referral).statusCode()).isEqualTo(401);

    HttpResponse<String> unscoped = send("POST", "/api/referrals", clientCredentials(FORCE_SYSTEM, List.of(AUDIENCE), "profile"), referral);
    assertThat(unscoped.statusCode()).isEqualTo(403);
    assertThat(unscoped.body()).contains("referral intake scope");

    HttpResponse<String> none = send("POST", "/api/referrals", null, referral);
    assertThat(none.statusCode()).isEqualTo(401);
    HttpResponse<String> basic = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/audit"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).as("no local passwords on /api in this profile").isEqualTo(401);
    for (String path : List.of("/engine-rest/user", "/engine-rest/task", "/engine-rest//process-instance")) {
      HttpResponse<String> engineRest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(engineRest.statusCode()).as("no local passwords on " + path + " in this profile: " + engineRest.body())
          .isBetween(400, 403);
      assertThat(engineRest.body()).doesNotContain("\"id\":\"admin\"");
    }
    for (String login : List.of("/camunda/api/admin/auth/user/default/login/tasklist",
        "/camunda/api/admin/auth/user/default/login/tasklist/", "/camunda/api/admin/auth/user/default/login/cockpit/x")) {
      HttpResponse<String> local = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(login))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(local.statusCode()).as("the local login at " + login).isBetween(400, 403);
      assertThat(local.headers().allValues("Set-Cookie")).as("no session from " + login).noneMatch(c -> c.startsWith("SESSION="));
    }
    assertThat(jdbc.queryForObject("select count(*) from case_identity", Integer.class))
        .as("no refused token made a case").isEqualTo(casesBefore);
  }

  @Test
  void aPersonsBearerTokenActsAsTheDirectorysUserWithTheMappedGroups() throws Exception {
    String staffNumber = directory.find("coordinator").orElseThrow().staffNumber();
    String token = provider.issueToken(ISSUER, "case-oversight-cli", new DefaultOAuth2TokenCallback(ISSUER,
        "entra-object-id-coordinator", "JWT", List.of(AUDIENCE),
        Map.of("employeeid", staffNumber, "groups", List.of(COORDINATOR_GROUP)), 3600)).serialize();
    HttpResponse<String> answer = send("POST", "/api/referrals", token, Referrals.policeVictim("LINE_MANAGER"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    String caseCode = json.readTree(answer.body()).get("caseCode").asText();
    assertThat(jdbc.queryForList("select user_id from access_audit where case_code = ? and action = ?", String.class,
        caseCode, AccessAudit.COLLECTION)).containsExactly("coordinator");

    String unmapped = provider.issueToken(ISSUER, "case-oversight-cli", new DefaultOAuth2TokenCallback(ISSUER,
        "entra-object-id-coordinator", "JWT", List.of(AUDIENCE),
        Map.of("employeeid", staffNumber, "groups", List.of("case-coordinators")), 3600)).serialize();
    assertThat(send("POST", "/api/referrals", unmapped, Referrals.policeVictim("LINE_MANAGER")).statusCode())
        .as("a provider group is only what the mapping makes it").isEqualTo(403);
  }

  /** The OAuth2 client-credentials grant at the provider's token endpoint, as a force system makes it. */
  /** Item 3: a new chief inspector known only to the directory and the provider may be a SOO after signing in. */
  @Test
  void aSignInMakesTheEngineUserAndItsMembershipsFollowTheToken() {
    String userId = "ci.newcomer";
    directory.save(new StaffDirectory.Staff(userId, "CI9001", "Response East", "manager"));
    jdbc.update("update staff_directory set staff_rank = 'Chief Inspector' where user_id = ?", userId);
    assertThat(sooMembership.whyNot(userId)).contains(uk.police.daoversight.allocation.SooMembership.NOT_A_USER);

    ssoUsers.ensure(userId, Map.of("given_name", "New", "family_name", "Comer"));
    ssoUsers.followGroups(userId, List.of(uk.police.daoversight.security.Groups.SENIOR_OVERSIGHT_OFFICERS));
    assertThat(identityService.createUserQuery().userId(userId).singleResult().getLastName()).isEqualTo("Comer");
    assertThat(sooMembership.whyNot(userId)).as("may go on the roster").isEmpty();

    // The provider no longer puts them in the SOO group: the next sign-in takes the membership away.
    ssoUsers.followGroups(userId, List.of(uk.police.daoversight.security.Groups.PANEL_MEMBERS));
    assertThat(sooMembership.whyNot(userId)).contains(uk.police.daoversight.allocation.SooMembership.NOT_IN_GROUP);
    assertThat(identityService.createGroupQuery().groupMember(userId).list()).extracting(g -> g.getId())
        .containsExactly(uk.police.daoversight.security.Groups.PANEL_MEMBERS);
  }

  private String clientCredentials(String clientId, List<String> audience, String scope) throws Exception {
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, clientId, "JWT", audience,
        Map.of("azp", clientId, "scope", scope), 3600));
    String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
        + "&client_id=" + clientId + "&client_secret=system-secret";
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(provider.tokenEndpointUrl(ISSUER).uri())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readTree(answer.body()).get("access_token").asText();
  }

  private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private Task waitForTask(Browser browser, ProcessInstance pi, String key) {
    return browser.waiting().until(d -> taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key)
        .singleResult());
  }

}
