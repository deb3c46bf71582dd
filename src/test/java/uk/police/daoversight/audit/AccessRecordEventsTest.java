package uk.police.daoversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** DPA 2018 s.62's events in the access record: collection, alteration, combination (consultation and disclosure elsewhere). */
@IntegrationTest
class AccessRecordEventsTest extends EngineTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired uk.police.daoversight.vault.IdentityVault vault;

  @Test
  void aReferralIsRecordedAsCollectionAndALinkAsCombination() {
    ReferralRequest first = Referrals.policeVictim("COLLEAGUE");
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance earlier = driver.start(first);
    driver.reviewHistory(earlier);
    driver.allocateAsRecommended(earlier);
    ProcessInstance again = driver.start(Referrals.sameVictim(first));
    assertThat(actions(earlier.getBusinessKey())).contains("COLLECTION:referral via COLLEAGUE");
    String review = taskService.createTaskQuery().processInstanceId(again.getId()).taskDefinitionKey("reviewHistory").singleResult().getId();
    taskService.complete(review, Map.of("historyReviewed", true, "linkToPreviousCase", true));
    assertThat(actions(again.getBusinessKey())).contains("COLLECTION:referral via COLLEAGUE",
        "COMBINATION:linked to earlier case " + earlier.getBusinessKey());
  }

  @Test
  void aCoordinatorCorrectsAnIdentityAndTheOldValueStaysInTheVaultNotTheRecord() {
    ReferralRequest referral = Referrals.policeVictim("MASH");
    String code = new CaseDriver(runtimeService).start(referral).getBusinessKey();
    String oldName = referral.victim().name();
    String newName = "Correctedname Example-" + code.substring(0, 4);
    String path = "/api/cases/" + code + "/identity/victim/name";

    assertThat(put("soo1", path, Map.of("value", "Attacker Name", "reason", "want to"))).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put("coordinator", "/api/cases/" + code + "/identity/victim/shoeSize", Map.of("value", "9", "reason", "r")))
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(put("coordinator", path, Map.of("value", newName))).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(put("coordinator", "/api/cases/" + code + "/identity/victim/dateOfBirth", Map.of("value", "yesterday", "reason", "r")))
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(put("coordinator", path, Map.of("value", "x".repeat(201), "reason", "r"))).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(put("coordinator", "/api/cases/ZZZZ-ZZZZ/identity/victim/name", Map.of("value", newName, "reason", "r")))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(identity(code)).contains(oldName).doesNotContain("Attacker Name");

    assertThat(put("coordinator", path, Map.of("value", newName, "reason", "name misspelt on the referral"))).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(identity(code)).contains(newName).doesNotContain(oldName);
    // Kept sealed in the vault (issue #17), opened by it.
    assertThat(vault.corrections(code).stream().map(h -> h.field() + "|" + h.oldValue() + "|" + h.reason() + "|" + h.changedBy())).containsExactly("victim.name|" + oldName + "|name misspelt on the referral|coordinator");
    assertThat(jdbc.queryForList("select outcome || ':' || user_id from access_audit where case_code = ? and action = 'ALTERATION'",
        String.class, code)).containsExactly("REFUSED:soo1", "ALLOWED:coordinator");
    assertThat(jdbc.queryForObject("select count(*) from access_audit where detail like ? or detail like ? or detail like ?",
        Integer.class, "%" + oldName + "%", "%" + newName + "%", "%misspelt%")).as("no identity value nor reason in the record").isZero();
  }

  private String identity(String code) {
    return rest.withBasicAuth("coordinator", "demo").getForEntity("/api/cases/" + code + "/identity?purpose=IG_REVIEW", String.class).getBody();
  }

  private HttpStatus put(String user, String path, Map<String, String> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    assertThat(answer.getBody() == null ? "" : answer.getBody()).doesNotContain("at org.");
    return HttpStatus.valueOf(answer.getStatusCode().value());
  }

  private List<String> actions(String code) {
    return jdbc.queryForList("select action || ':' || detail from access_audit where case_code = ? order by seq", String.class, code);
  }
}
