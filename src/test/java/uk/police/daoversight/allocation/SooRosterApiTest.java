package uk.police.daoversight.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.access.StaffDirectory;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** {@code GET/PUT /api/soos}: coordinators maintain the roster; nobody else reads it. */
@IntegrationTest
@SuppressWarnings("unchecked")
class SooRosterApiTest {

  @Autowired TestRestTemplate rest;
  @Autowired SooRoster roster;
  @Autowired IdentityService identityService;
  @Autowired StaffDirectory directory;
  @Autowired RuntimeService runtimeService;
  @Autowired AllocationDesk desk;
  @Autowired JdbcTemplate jdbc;

  @Test
  void coordinatorsReadAndMaintainTheRoster() {
    ResponseEntity<List<Map<String, Object>>> all = rest.withBasicAuth("coordinator", "demo")
        .exchange("/api/soos", HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(all.getBody()).extracting(s -> s.get("userId")).contains("soo1", "soo6");

    String soo = user("soo-roster-test-", Groups.SENIOR_OVERSIGHT_OFFICERS, "Chief Inspector");
    var entry = new SooController.SooEntry("Chief Inspector", "Training", "CI2001", false, null, null);
    ResponseEntity<Map<String, Object>> saved = rest.withBasicAuth("coordinator", "demo")
        .exchange("/api/soos/" + soo, HttpMethod.PUT, new HttpEntity<>(entry), new ParameterizedTypeReference<>() {});
    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(roster.find(soo)).get().extracting(SooProfile::department, SooProfile::available)
        .containsExactly("Training", false);
  }

  /** #19 item 2: a roster entry for someone who is not a real chief inspector in the SOO group is refused, with the reason. */
  @Test
  void onlyUsersInTheSooGroupWhomTheDirectoryListsAsChiefInspectorsMayBeOnTheRoster() {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("nobody-" + UUID.randomUUID().toString().substring(0, 8), SooMembership.NOT_A_USER);
    cases.put(user("coord-", Groups.CASE_COORDINATORS, "Chief Inspector"), SooMembership.NOT_IN_GROUP);
    cases.put(user("undirected-", Groups.SENIOR_OVERSIGHT_OFFICERS, null), SooMembership.NOT_IN_DIRECTORY);
    cases.put(user("inspector-", Groups.SENIOR_OVERSIGHT_OFFICERS, "Inspector"), SooMembership.NOT_THE_RANK);
    cases.put(user("unranked-", Groups.SENIOR_OVERSIGHT_OFFICERS, ""), SooMembership.NOT_THE_RANK);
    var entry = new SooController.SooEntry("Chief Inspector", "Training", null, true, null, null);
    cases.forEach((userId, reason) -> {
      ResponseEntity<Map<String, Object>> answer = rest.withBasicAuth("coordinator", "demo")
          .exchange("/api/soos/" + userId, HttpMethod.PUT, new HttpEntity<>(entry), new ParameterizedTypeReference<>() {});
      assertThat(answer.getStatusCode()).as(userId).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat((Map<String, String>) answer.getBody().get("problems")).as(userId).containsExactly(Map.entry("userId", reason));
      assertThat(roster.find(userId)).as(userId).isEmpty();
    });
  }

  /**
   * #19 item 3: the people a SOO knows well are kept on their roster entry as keyed hashes only, and
   * a case with one of them as a party never recommends that SOO.
   */
  @Test
  void standingConflictsAreKeptAsKeyedHashesAndExcludeTheSooFromThoseCases() {
    String soo = user("soo-knows-", Groups.SENIOR_OVERSIGHT_OFFICERS, "Chief Inspector");
    roster.save(new SooProfile(soo, "Chief Inspector", "Training", null, true, null, null));
    var referral = Referrals.policeVictim("MASH");
    String code = new CaseDriver(runtimeService).start(referral).getBusinessKey();
    assertThat(desk.recommend(code, null, false).excluded()).doesNotContainKey(soo);

    List<Map<String, String>> people = List.of(Map.of("staffNumber", referral.perpetrator().staffNumber()),
        Map.of("name", "Someone Else", "dateOfBirth", "1980-01-02"));
    ResponseEntity<Map<String, Object>> saved = rest.withBasicAuth(soo, PASSWORD)
        .exchange("/api/soos/" + soo + "/standing-conflicts", HttpMethod.PUT, new HttpEntity<>(people), new ParameterizedTypeReference<>() {});
    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(saved.getBody()).containsEntry("people", 2).doesNotContainValue(referral.perpetrator().staffNumber());

    assertThat(desk.recommend(code, null, false).excluded()).containsEntry(soo, AllocationService.DECLARED_CONFLICT);
    List<String> kept = jdbc.queryForList("select person_key from soo_standing_conflict where user_id = ?", String.class, soo);
    assertThat(kept).hasSize(2).allMatch(k -> k.matches("[0-9a-f]{64}"));
    assertThat(String.join(",", kept)).doesNotContain(referral.perpetrator().staffNumber()).doesNotContainIgnoringCase("someone");

    // Another SOO may not set them; a person needs a staff number or a name with a date of birth.
    assertThat(rest.withBasicAuth("soo1", "demo").exchange("/api/soos/" + soo + "/standing-conflicts", HttpMethod.PUT,
        new HttpEntity<>(List.of()), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map<String, Object>> bad = rest.withBasicAuth("coordinator", "demo").exchange("/api/soos/" + soo + "/standing-conflicts",
        HttpMethod.PUT, new HttpEntity<>(List.of(Map.of("name", "No Birthday"))), new ParameterizedTypeReference<>() {});
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((Map<String, String>) bad.getBody().get("problems")).containsOnlyKeys("people[0]");
    assertThat(rest.withBasicAuth("coordinator", "demo").exchange("/api/soos/" + soo + "/standing-conflicts", HttpMethod.PUT,
        new HttpEntity<>(List.of(Map.of("name", "X", "dateOfBirth", "02/01/1980"))), String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(roster.standingConflictCount(soo)).isEqualTo(2);

    // Cleared: the SOO is eligible for the case again.
    assertThat(rest.withBasicAuth("coordinator", "demo").exchange("/api/soos/" + soo + "/standing-conflicts", HttpMethod.PUT,
        new HttpEntity<>(List.of()), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(desk.recommend(code, null, false).excluded()).doesNotContainKey(soo);
    roster.save(new SooProfile(soo, "Chief Inspector", "Training", null, false, null, null));
  }

  static final String PASSWORD = "Roster-Check-2026!";

  /** A user in a group, listed in the directory with this rank (null: not in the directory). */
  private String user(String prefix, String group, String rank) {
    String id = prefix + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setFirstName("Test");
    user.setLastName("User");
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, group);
    if (rank != null) {
      directory.save(new StaffDirectory.Staff(id, "R" + Math.abs(id.hashCode()), "Training", "manager"));
      directory.setRank(id, rank.isEmpty() ? null : rank);
    }
    return id;
  }

  @Test
  void anIncompleteEntryIsRefusedWithTheReasons() {
    ResponseEntity<Map<String, Object>> answer = rest.withBasicAuth("coordinator", "demo").exchange("/api/soos/bad id",
        HttpMethod.PUT, new HttpEntity<>(Map.of("department", "X")), new ParameterizedTypeReference<>() {});
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    @SuppressWarnings("unchecked")
    Map<String, String> problems = (Map<String, String>) answer.getBody().get("problems");
    assertThat(problems).containsOnlyKeys("userId", "rank", "available");
  }

  @Test
  void othersMayNotReadOrChangeTheRoster() {
    for (String user : List.of("soo1", "manager", "chair", "analyst")) {
      assertThat(rest.withBasicAuth(user, "demo").getForEntity("/api/soos", String.class).getStatusCode())
          .as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    var entry = new SooController.SooEntry("Chief Inspector", "X", null, true, null, null);
    assertThat(rest.withBasicAuth("soo1", "demo").exchange("/api/soos/soo1", HttpMethod.PUT, new HttpEntity<>(entry), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
