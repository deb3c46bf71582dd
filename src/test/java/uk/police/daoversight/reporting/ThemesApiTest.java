package uk.police.daoversight.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.police.daoversight.support.IntegrationTest;

/** Analysts maintain the theme taxonomy; a theme becomes a force-wide tasking tracked to completion. */
@IntegrationTest
class ThemesApiTest {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate rest;

  @Test
  void analystsAddRenameAndRetireThemesAndTheOldNameIsKept() {
    ResponseEntity<Map<String, Object>> added = rest.withBasicAuth("analyst", "demo").exchange("/api/themes", HttpMethod.POST,
        new HttpEntity<>(Map.of("name", "Victim's manager told without consent")), JSON);
    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String id = (String) added.getBody().get("id");
    assertThat(id).isEqualTo("victimSManagerToldWithoutConsent");
    assertThat(rest.withBasicAuth("analyst", "demo").exchange("/api/themes", HttpMethod.POST,
        new HttpEntity<>(Map.of("name", "Victim's manager told without consent")), JSON).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    ResponseEntity<Map<String, Object>> renamed = rest.withBasicAuth("analyst", "demo").exchange("/api/themes/" + id, HttpMethod.PUT,
        new HttpEntity<>(Map.of("name", "Manager informed without the victim's consent")), JSON);
    assertThat(renamed.getBody()).containsEntry("name", "Manager informed without the victim's consent")
        .containsEntry("formerNames", List.of("Victim's manager told without consent")).containsEntry("active", true);
    ResponseEntity<Map<String, Object>> retired = rest.withBasicAuth("analyst", "demo").exchange("/api/themes/" + id + "/retire",
        HttpMethod.POST, null, JSON);
    assertThat(retired.getBody()).containsEntry("active", false);
    assertThat(rest.withBasicAuth("manager", "demo").getForEntity("/api/themes", String.class).getBody())
        .contains("Manager informed without the victim's consent");

    for (String user : List.of("manager", "coordinator", "chair")) {
      assertThat(rest.withBasicAuth(user, "demo").exchange("/api/themes", HttpMethod.POST,
          new HttpEntity<>(Map.of("name", "Anything")), JSON).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(rest.withBasicAuth("soo1", "demo").getForEntity("/api/themes", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aThemeBecomesAForceWideTaskingWhoseCompletionIsTracked() {
    ResponseEntity<Map<String, Object>> tasking = rest.withBasicAuth("manager", "demo").exchange(
        "/api/themes/workChannelsContact/taskings", HttpMethod.POST, new HttpEntity<>(Map.of(
            "title", "Brief every response team: never contact victims on work channels",
            "owner", "Head of Response", "dueDate", LocalDate.now().minusDays(1).toString())), JSON);
    assertThat(tasking.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(tasking.getBody()).containsEntry("status", "OPEN").containsEntry("overdue", true);
    String id = (String) tasking.getBody().get("id");

    ResponseEntity<Map<String, Object>> done = rest.withBasicAuth("manager", "demo").exchange("/api/taskings/" + id + "/complete",
        HttpMethod.POST, null, JSON);
    assertThat(done.getBody()).containsEntry("status", "DONE").containsEntry("overdue", false);
    assertThat(rest.withBasicAuth("analyst", "demo").exchange("/api/themes/workChannelsContact/taskings", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "x")), JSON).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rest.withBasicAuth("chair", "demo").getForEntity("/api/taskings", String.class).getBody()).contains(id);
  }
}
