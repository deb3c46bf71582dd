package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.allocation.AllocationDesk;
import uk.police.daoversight.contact.ContactPlans;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.intake.ReferralRequest.PartyRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.vault.seal.CaseSeal;
import uk.police.daoversight.vault.seal.SealedColumns;

/**
 * #19 item 6, dual SOOs: in a counter-allegation each party has their own SOO. The other party's
 * contact details are taken at referral, kept sealed, and read only by their SOO and the
 * coordinators; each SOO records the contact plan for their own party; neither SOO reads the other
 * party's contact (refused, audited).
 */
@IntegrationTest
class DualSooContactTest extends EngineTest {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;
  @Autowired ContactPlans contactPlans;

  record DualCase(String caseCode, ProcessInstance pi, String victimSoo, String otherSoo, String victimContact,
                  String otherContact) {}

  /** A counter-allegation referred through the API, allocated as recommended (a SOO for each party). */
  private DualCase referredAndAllocated(String otherContact) {
    ReferralRequest base = Referrals.policeVictim("IDVA");
    PartyRequest p = base.perpetrator();
    ReferralRequest referral = new ReferralRequest(base.route(), base.externalReference(), base.victim(),
        new PartyRequest(p.name(), p.dateOfBirth(), p.policeEmployee(), p.staffNumber(), p.rank(), p.department(), otherContact),
        List.of(), base.riskLevel(), true, false, false);
    ResponseEntity<Map<String, Object>> answer = rest.withBasicAuth("coordinator", "demo")
        .exchange("/api/referrals", HttpMethod.POST, new HttpEntity<>(referral), JSON);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.CREATED);
    String code = (String) answer.getBody().get("caseCode");
    ProcessInstance pi = runtimeService.createProcessInstanceQuery()
        .processInstanceId((String) answer.getBody().get("processInstanceId")).singleResult();
    CaseDriver driver = new CaseDriver(runtimeService);
    driver.reviewHistory(pi);
    String first = (String) runtimeService.getVariable(pi.getId(), "allocatedSoo");
    String second = (String) runtimeService.getVariable(pi.getId(), "allocatedSecondSoo");
    driver.allocateAsRecommended(pi);
    assertThat(jdbc.queryForList("select user_id from case_soo where case_code = ? and party = ?", String.class, code,
        AllocationDesk.OTHER_PARTY)).containsExactly(second);
    return new DualCase(code, pi, first, second, base.victim().contact(), otherContact);
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, "demo").getForEntity(path, String.class);
  }

  private int audited(String user, String code, String action, String outcome) {
    return jdbc.queryForObject("select count(*) from access_audit where user_id = ? and case_code = ? and action = ? and outcome = ?",
        Integer.class, user, code, action, outcome);
  }

  @Test
  void eachSooSeesOnlyTheirOwnPartysContactDetailsAndTheCoordinatorSeesBoth() {
    DualCase c = referredAndAllocated("07700 900714, via her sister after 6pm");

    ResponseEntity<String> victimSoo = get(c.victimSoo(), "/api/cases/" + c.caseCode() + "/identity?purpose=CONTACT_VICTIM");
    assertThat(victimSoo.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(victimSoo.getBody()).contains(c.victimContact()).doesNotContain("07700 900714", "her sister");

    ResponseEntity<String> otherSoo = get(c.otherSoo(), "/api/cases/" + c.caseCode() + "/identity?purpose=CONTACT_VICTIM");
    assertThat(otherSoo.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(otherSoo.getBody()).contains("07700 900714, via her sister after 6pm").doesNotContain(c.victimContact());

    ResponseEntity<String> coordinator = get("coordinator", "/api/cases/" + c.caseCode() + "/identity?purpose=ALLOCATION");
    assertThat(coordinator.getBody()).contains(c.victimContact(), "07700 900714, via her sister after 6pm");

    // Each party's own contact, by party: their SOO and the coordinators.
    assertThat(get(c.victimSoo(), "/api/cases/" + c.caseCode() + "/contact/victim?purpose=CONTACT_VICTIM").getBody())
        .contains(c.victimContact());
    assertThat(get(c.otherSoo(), "/api/cases/" + c.caseCode() + "/contact/otherParty?purpose=CONTACT_VICTIM").getBody())
        .contains("07700 900714");
    assertThat(get("coordinator", "/api/cases/" + c.caseCode() + "/contact/otherParty?purpose=ALLOCATION").getBody())
        .contains("07700 900714");
    assertThat(get("coordinator", "/api/cases/" + c.caseCode() + "/contact/nobody?purpose=ALLOCATION").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    // No identity became a process variable, current or in history.
    assertThat(runtimeService.getVariables(c.pi().getId()).values())
        .noneMatch(v -> String.valueOf(v).contains("900714") || String.valueOf(v).contains(c.victimContact()));
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(c.pi().getId()).list())
        .noneMatch(v -> String.valueOf(v.getValue()).contains("900714"));
  }

  @Test
  void theOtherSooAskingForTheOtherPartysContactIsRefusedAndAudited() {
    DualCase c = referredAndAllocated("07700 900715");

    ResponseEntity<String> attack = get(c.victimSoo(), "/api/cases/" + c.caseCode() + "/contact/otherParty?purpose=CONTACT_VICTIM");
    assertThat(attack.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(attack.getBody()).doesNotContain("900715");
    assertThat(audited(c.victimSoo(), c.caseCode(), "READ_CONTACT", "REFUSED")).isEqualTo(1);

    ResponseEntity<String> back = get(c.otherSoo(), "/api/cases/" + c.caseCode() + "/contact/victim?purpose=CONTACT_VICTIM");
    assertThat(back.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(back.getBody()).doesNotContain(c.victimContact());
    assertThat(audited(c.otherSoo(), c.caseCode(), "READ_CONTACT", "REFUSED")).isEqualTo(1);

    // A SOO of the case who is on neither party's side (none here) and a SOO of another case: refused too.
    String outsider = List.of("soo1", "soo2", "soo3", "soo4", "soo5").stream()
        .filter(s -> !s.equals(c.victimSoo()) && !s.equals(c.otherSoo())).findFirst().orElseThrow();
    assertThat(get(outsider, "/api/cases/" + c.caseCode() + "/contact/victim?purpose=CONTACT_VICTIM").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(audited(outsider, c.caseCode(), "READ_CONTACT", "REFUSED")).isEqualTo(1);
  }

  @Test
  void eachSooRecordsTheContactPlanForTheirOwnParty() {
    DualCase c = referredAndAllocated("07700 900716");
    for (String soo : List.of(c.victimSoo(), c.otherSoo())) {
      Task pack = taskService.createTaskQuery().processInstanceId(c.pi().getId()).taskDefinitionKey("readCasePack")
          .taskAssignee(soo).singleResult();
      taskService.complete(pack.getId(), withVariables("casePackRead", true));
    }
    Map<String, Object> victimAnswers = CaseDriver.contactAnswers("ENGAGED", "P14D");
    Map<String, Object> otherAnswers = new java.util.HashMap<>(CaseDriver.contactAnswers("ENGAGED", "P28D"));
    otherAnswers.put("safeContactChannel", "work landline only");
    contactBy(c, c.victimSoo(), victimAnswers);
    contactBy(c, c.otherSoo(), otherAnswers);

    assertThat(contactPlans.plansFor(c.caseCode(), AllocationDesk.VICTIM)).singleElement()
        .satisfies(p -> assertThat(p.soo()).isEqualTo(c.victimSoo()));
    assertThat(contactPlans.plansFor(c.caseCode(), AllocationDesk.OTHER_PARTY)).singleElement()
        .satisfies(p -> {
          assertThat(p.soo()).isEqualTo(c.otherSoo());
          assertThat(p.safeChannel()).isEqualTo("work landline only");
        });
    String other = get(c.otherSoo(), "/api/cases/" + c.caseCode() + "/contact/otherParty?purpose=CONTACT_VICTIM").getBody();
    assertThat(other).contains("work landline only", "OTHER_PARTY").doesNotContain("personal mobile");
    String victim = get(c.victimSoo(), "/api/cases/" + c.caseCode() + "/contact/victim?purpose=CONTACT_VICTIM").getBody();
    assertThat(victim).contains("personal mobile").doesNotContain("work landline only");
  }

  private void contactBy(DualCase c, String soo, Map<String, Object> answers) {
    Task contact = taskService.createTaskQuery().processInstanceId(c.pi().getId()).taskDefinitionKey("contactVictim")
        .taskAssignee(soo).singleResult();
    assertThat(contact).as("contactVictim for %s", soo).isNotNull();
    taskService.complete(contact.getId(), answers);
    managementService.createJobQuery().processInstanceId(c.pi().getId()).activityId("recordContactPlan").list()
        .forEach(j -> managementService.executeJob(j.getId()));
  }

  @Test
  void theOtherPartysContactIsSealedInEveryDumpAndTheDatabaseRefusesItPlain() throws Exception {
    String secret = "07700 900717, 22 Wrenfield Cloisters";
    DualCase c = referredAndAllocated(secret);
    String stored = jdbc.queryForObject("select perpetrator_contact from case_identity where case_code = ?", String.class,
        c.caseCode());
    assertThat(stored).startsWith(CaseSeal.PREFIX).doesNotContain("Wrenfield");

    Path dir = Files.createDirectories(Path.of("target", "dual-soo"));
    Path script = dir.resolve("dump.sql");
    Files.deleteIfExists(script);
    jdbc.execute("script to '" + script.toAbsolutePath() + "'");
    String dump = Files.readString(script, StandardCharsets.UTF_8);
    assertThat(dump).contains(c.caseCode()).contains("PERPETRATOR_CONTACT");
    assertThat(SealedVaultTest.found(dump, List.of("07700 900717", "Wrenfield Cloisters"))).isEmpty();

    // Sealed from the first write: the database refuses a plain value in the column (V73's check).
    assertThatThrownBy(() -> jdbc.update("update case_identity set perpetrator_contact = ? where case_code = ?",
        "07700 900717", c.caseCode())).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    // V31's columns are the database's of that version: the new column is not among them.
    assertThat(SealedColumns.TABLES).noneMatch(t -> t.columns().contains("perpetrator_contact"));
    assertThat(SealedColumns.SEALED_AFTER_V31).anyMatch(t -> t.columns().contains("perpetrator_contact"));
  }

  @Test
  void aOneSidedCaseKeepsNoContactForThePerpetrator() {
    ReferralRequest base = Referrals.policeVictim("MASH");
    PartyRequest p = base.perpetrator();
    ReferralRequest referral = new ReferralRequest(base.route(), base.externalReference(), base.victim(),
        new PartyRequest(p.name(), p.dateOfBirth(), p.policeEmployee(), p.staffNumber(), p.rank(), p.department(), "07700 900718"),
        List.of(), base.riskLevel(), false, false, false);
    ResponseEntity<Map<String, Object>> answer = rest.withBasicAuth("coordinator", "demo")
        .exchange("/api/referrals", HttpMethod.POST, new HttpEntity<>(referral), JSON);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(jdbc.queryForObject("select perpetrator_contact from case_identity where case_code = ?", String.class,
        answer.getBody().get("caseCode"))).isNull();
  }

  @Test
  void theOtherPartysSooIsCheckedAgainstTheVictimWhomTheirPartyAllegesAgainst() {
    // The test victim works in Response South, soo2's department: soo2 may oversee the victim, never the other party.
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance pi = driver.start(Referrals.with(Referrals.policeVictim("IDVA"), true, List.of()));
    driver.reviewHistory(pi);
    String first = (String) runtimeService.getVariable(pi.getId(), "allocatedSoo");
    String second = (String) runtimeService.getVariable(pi.getId(), "allocatedSecondSoo");
    assertThat(second).as("recommended for the other party").isNotNull().isNotEqualTo("soo2");

    String victimSoo = "soo2".equals(first) ? second : first;
    Task allocate = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("allocateSoo").singleResult();
    taskService.complete(allocate.getId(), withVariables("allocatedSoo", victimSoo, "allocatedSecondSoo", "soo2",
        "allocationReason", "soo2 knows the estate"));
    managementService.createJobQuery().processInstanceId(pi.getId()).activityId("recordAllocation").list()
        .forEach(j -> managementService.executeJob(j.getId()));
    assertThat((String) runtimeService.getVariable(pi.getId(), "allocationProblem"))
        .contains("soo2 cannot be allocated for the other party: conflict with a party");
    assertThat(jdbc.queryForObject("select count(*) from case_soo where case_code = ?", Integer.class, pi.getBusinessKey()))
        .isZero();
  }

  @Autowired uk.police.daoversight.vault.seal.VaultKeyJobs keyJobs;
  @Autowired IdentityVault vault;

  @Test
  void aNewDataKeyResealsTheOtherPartysContactToo() {
    DualCase c = referredAndAllocated("07700 900719");
    String before = jdbc.queryForObject("select perpetrator_contact from case_identity where case_code = ?", String.class,
        c.caseCode());
    // The job takes the cases keyed before "since": a second ahead takes this one for sure.
    assertThat(keyJobs.reencryptSince(java.time.Instant.now().plusSeconds(1), 100_000)).isPositive();
    String after = jdbc.queryForObject("select perpetrator_contact from case_identity where case_code = ?", String.class,
        c.caseCode());
    assertThat(after).startsWith(CaseSeal.PREFIX).isNotEqualTo(before);
    assertThat(vault.find(c.caseCode()).orElseThrow().perpetrator().contact()).isEqualTo("07700 900719");
  }
}
