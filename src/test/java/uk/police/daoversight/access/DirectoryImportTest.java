package uk.police.daoversight.access;

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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.allocation.SooProfile;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** The HR feed into the staff directory, and the alerts that need it (issue #16 item 5). */
@IntegrationTest
class DirectoryImportTest extends EngineTest {

  static final String PASSWORD = "Directory-Check-2026!";

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired SooRoster roster;

  @Test
  void goodLinesAreLoadedAndBadLinesReportedWithTheirReason() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String csv = String.join("\n",
        "staffNumber,userId,department,lineManager,rank",
        "HR" + run + "1,hr-a-" + run + ",Public Protection,manager,Inspector",
        "HR" + run + "2,hr-b-" + run + ",Response North,,Sergeant",
        "HR" + run + "3,hr-c-" + run + ",Response North,manager",
        "HR-" + run + ",hr-d-" + run + ",Response North,manager,Sergeant",
        "HR" + run + "5,hr d " + run + ",Response North,manager,Sergeant",
        "HR" + run + "6,hr-a-" + run + ",Response North,manager,Sergeant",
        "HR" + run + "7,hr-e-" + run + ",=cmd|' /C calc'!A0,manager,Sergeant",
        "HR" + run + "8,hr-f-" + run + ",Response North,hr-f-" + run + ",Sergeant",
        "HR" + run + "1,hr-g-" + run + ",Response North,manager,Sergeant",
        "HR" + run + "9,hr-h-" + run + ",Response North,manager,");
    ResponseEntity<Map> report = post("admin", csv);
    assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(report.getBody().get("lines")).isEqualTo(10);
    assertThat(report.getBody().get("loaded")).isEqualTo(2);
    List<Map<String, Object>> rejected = (List<Map<String, Object>>) report.getBody().get("rejected");
    assertThat(rejected).extracting(r -> r.get("line") + ": " + r.get("reason")).containsExactly(
        "4: needs 5 comma-separated values (staffNumber,userId,department,lineManager,rank), has 4",
        "5: staff number must be 1 to 20 letters or digits",
        "6: user id must be 1 to 64 of letters, digits, '.', '_' or '-'",
        "7: user id hr-a-" + run + " is already on line 2",
        "8: department is missing, too long or has characters that are not allowed",
        "9: line manager cannot be the person themself",
        "10: staff number is already on line 2",
        "11: rank is missing, longer than 60 characters or has characters that are not allowed");
    assertThat(jdbc.queryForList("select user_id || ':' || staff_number || ':' || department || ':' || coalesce(line_manager, '-')"
        + " || ':' || staff_rank from staff_directory where user_id like ? order by user_id", String.class, "hr-%-" + run))
        .containsExactly("hr-a-" + run + ":HR" + run + "1:Public Protection:manager:Inspector",
            "hr-b-" + run + ":HR" + run + "2:Response North:-:Sergeant");

    String marker = "hr-z-" + run;
    for (String user : List.of("manager", "coordinator", "auditor")) {
      assertThat(post(user, "HR" + run + "Z," + marker + ",Response North,manager,Sergeant").getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(post("admin", "").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(jdbc.queryForObject("select count(*) from staff_directory where user_id = ?", Integer.class, marker)).isZero();
  }

  @Test
  void someoneInNeitherTheDirectoryNorTheRosterRaisesAnAlertOnTheirFirstCaseRead() {
    String code = new CaseDriver(runtimeService).start(Referrals.policeVictim("MASH")).getBusinessKey();
    String run = UUID.randomUUID().toString().substring(0, 6);
    String stranger = coordinator("stranger-" + run);
    String listed = coordinator("listed-" + run);
    String rostered = coordinator("rostered-" + run);
    post("admin", "LS" + run + "," + listed + ",Public Protection,manager,Sergeant");
    roster.save(new SooProfile(rostered, "Chief Inspector", "Response East", "RS" + run, false, null, null));
    for (String user : List.of(stranger, listed, rostered)) {
      for (int i = 0; i < 2; i++) {
        assertThat(rest.withBasicAuth(user, PASSWORD).getForEntity("/api/cases/" + code + "/identity?purpose=ALLOCATION", String.class)
            .getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      }
    }
    jdbc.update("delete from soo_roster where user_id = ?", rostered);
    assertThat(jdbc.queryForList("select user_id from access_alert where kind = 'NOT_IN_DIRECTORY' and user_id like ?",
        String.class, "%-" + run)).containsExactly(stranger);
  }

  @Test
  void repeatedRefusalsKeepAlertingPastTheFirstAlertOfTheDay() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String prober = user("prober-" + run, Groups.PARTNER_AGENCIES);
    post("admin", "PR" + run + "," + prober + ",Partnerships,manager,Constable");
    for (int i = 0; i < 7; i++) {
      assertThat(rest.withBasicAuth(prober, PASSWORD).getForEntity("/api/cases/ABCD-EFGH/identity?purpose=ALLOCATION", String.class)
          .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(jdbc.queryForObject("select count(*) from access_alert where kind = 'REPEATED_REFUSALS' and user_id = ?",
        Integer.class, prober)).as("after the 3rd and the 6th refusal").isEqualTo(2);
  }

  private String coordinator(String id) {
    return user(id, Groups.CASE_COORDINATORS);
  }

  private String user(String id, String group) {
    User user = identityService.newUser(id);
    user.setFirstName("Test");
    user.setLastName("User");
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, group);
    return id;
  }

  private ResponseEntity<Map> post(String user, String csv) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType("text", "csv"));
    return rest.withBasicAuth(user, "demo").exchange("/api/directory", HttpMethod.POST, new HttpEntity<>(csv, headers), Map.class);
  }
}
