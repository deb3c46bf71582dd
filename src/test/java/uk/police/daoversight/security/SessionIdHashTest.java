package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import uk.police.daoversight.support.IntegrationTest;

/**
 * Issue #17 item 5, as an attacker holding a copy of the database: the coordinator logs into
 * Tasklist; the attacker reads the session's row from {@code spring_session} and presents its stored
 * ids as the session cookie: not logged in. The coordinator's own cookie still works.
 */
@IntegrationTest
class SessionIdHashTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aSessionIdReadFromTheDatabaseLogsNobodyIn() {
    Map<String, String> cookies = new LinkedHashMap<>();
    keep(cookies, rest.exchange("/camunda/app/tasklist/default/", HttpMethod.GET, new HttpEntity<>(headers(cookies)), String.class));
    HttpHeaders form = headers(cookies);
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
        new HttpEntity<>("username=coordinator&password=demo", form), String.class);
    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
    keep(cookies, login);
    String cookie = cookies.get("SESSION");
    assertThat(cookie).isNotNull();

    // The real cookie: logged in, in the webapp and for the engine's API behind Tasklist.
    assertThat(loggedInAs(cookies)).isEqualTo("coordinator");

    // The attacker's copy of the database: the session touched last is the coordinator's.
    Map<String, Object> row = jdbc.queryForMap("select primary_id, session_id from spring_session "
        + "order by last_access_time desc fetch first 1 rows only");

    // The attacker presents the stored ids, as the cookie the browser sends (base64) and as they are.
    for (Object stored : List.of(row.get("session_id"), row.get("primary_id"))) {
      String id = stored.toString().trim();
      for (String presented : List.of(Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)), id)) {
        Map<String, String> forged = new LinkedHashMap<>(cookies);
        forged.put("SESSION", presented);
        assertThat(loggedInAs(forged)).as("the stored id %s presented as the cookie", id).isNull();
        assertThat(rest.exchange("/camunda/api/engine/engine/default/task/count", HttpMethod.GET,
            new HttpEntity<>(headers(forged)), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      }
    }

    // The row is the hash of the cookie's token; the token itself is stored nowhere.
    String token = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    assertThat(row.get("session_id").toString().trim()).isEqualTo(HashedSessionIds.storedId(token));
    assertThat(jdbc.queryForObject("select count(*) from spring_session where session_id = ? or primary_id = ?",
        Integer.class, token, token)).as("the cookie's token is not stored").isZero();
    assertThat(jdbc.queryForObject("select count(*) from spring_session_attributes a join spring_session s "
        + "on a.session_primary_id = s.primary_id where s.session_id = ?", Integer.class, row.get("session_id")))
        .as("the row holds the login").isPositive();

    // The coordinator's own cookie still works afterwards.
    assertThat(loggedInAs(cookies)).isEqualTo("coordinator");
    assertThat(rest.exchange("/camunda/api/engine/engine/default/task/count", HttpMethod.GET,
        new HttpEntity<>(headers(cookies)), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theStoredIdIsAOneWayHashOfTheTokenInSpringSessionsColumnWidth() {
    String id = HashedSessionIds.storedId("some-token");
    assertThat(id).hasSize(36).isEqualTo(HashedSessionIds.storedId("some-token")).isNotEqualTo(HashedSessionIds.storedId("some-tokeo"));
    String a = HashedSessionIds.generator().generate();
    assertThat(a).hasSize(36).isNotEqualTo(HashedSessionIds.generator().generate());
  }

  /** The webapp's own answer to "who is logged in" on this session, or null. */
  private String loggedInAs(Map<String, String> cookies) {
    ResponseEntity<String> me = rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
        new HttpEntity<>(headers(cookies)), String.class);
    if (me.getStatusCode() != HttpStatus.OK || me.getBody() == null) {
      return null;
    }
    return me.getBody().contains("\"userId\":\"coordinator\"") ? "coordinator" : "someone else";
  }

  private static HttpHeaders headers(Map<String, String> cookies) {
    HttpHeaders headers = new HttpHeaders();
    if (!cookies.isEmpty()) {
      headers.add(HttpHeaders.COOKIE, cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    if (cookies.containsKey("XSRF-TOKEN")) {
      headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    }
    return headers;
  }

  private static void keep(Map<String, String> cookies, ResponseEntity<?> answer) {
    for (String cookie : answer.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
      String pair = cookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
  }
}
