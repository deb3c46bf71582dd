package uk.police.daoversight.allocation;

import static org.assertj.core.api.Assertions.assertThat;

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

/** {@code GET/PUT /api/soos}: coordinators maintain the roster; nobody else reads it. */
@IntegrationTest
class SooRosterApiTest {

  @Autowired TestRestTemplate rest;
  @Autowired SooRoster roster;

  @Test
  void coordinatorsReadAndMaintainTheRoster() {
    ResponseEntity<List<Map<String, Object>>> all = rest.withBasicAuth("coordinator", "demo")
        .exchange("/api/soos", HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(all.getBody()).extracting(s -> s.get("userId")).contains("soo1", "soo6");

    var entry = new SooController.SooEntry("Chief Inspector", "Training", "CI2001", false, null, null);
    ResponseEntity<Map<String, Object>> saved = rest.withBasicAuth("coordinator", "demo")
        .exchange("/api/soos/soo-roster-test", HttpMethod.PUT, new HttpEntity<>(entry), new ParameterizedTypeReference<>() {});
    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(roster.find("soo-roster-test")).get().extracting(SooProfile::department, SooProfile::available)
        .containsExactly("Training", false);
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
