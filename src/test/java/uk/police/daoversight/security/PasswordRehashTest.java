package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.TestUsers;
import uk.police.daoversight.support.WebappSession;

/**
 * Issue #17 item 4: a local user whose stored hash is the engine's older salted SHA-512 gets the
 * current PBKDF2 hash (the configured iterations, 1000 in the tests) at their next successful login,
 * whether through the webapps' login or HTTP Basic on /api, as users really log in; a wrong password
 * changes nothing.
 */
@IntegrationTest
class PasswordRehashTest {

  static final String PREFIX = "{" + Pbkdf2PasswordEncryptor.NAME + "}";

  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @Test
  void anOlderHashIsReplacedByTheCurrentOneAtTheWebappLogin() {
    String user = "rehash-webapp";
    TestUsers.ensure(identityService, user, Groups.CASE_COORDINATORS);
    String legacy = giveLegacyHash(user, "demo");

    try {
      // A wrong password at the login form: refused, the older hash stays as it was.
      assertThat(webappLogin(user, "Demo")).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(stored(user)).containsEntry("pwd_", legacy);
    } finally {
      identityService.unlockUser(user);
    }

    WebappSession.login(rest, user, "tasklist");
    assertCurrent(user, legacy);
  }

  @Test
  void anOlderHashIsReplacedByTheCurrentOneAtAnApiBasicLogin() {
    String user = "rehash-api";
    TestUsers.ensure(identityService, user, Groups.CASE_COORDINATORS);
    String legacy = giveLegacyHash(user, "demo");

    try {
      assertThat(rest.withBasicAuth(user, "not-demo").getForEntity("/api/themes", String.class).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(stored(user)).containsEntry("pwd_", legacy);
    } finally {
      identityService.unlockUser(user);
    }

    assertThat(rest.withBasicAuth(user, "demo").getForEntity("/api/themes", String.class).getStatusCode())
        .isNotEqualTo(HttpStatus.UNAUTHORIZED);
    assertCurrent(user, legacy);

    // Once current, a later login leaves the hash alone.
    String upgraded = (String) stored(user).get("pwd_");
    assertThat(rest.withBasicAuth(user, "demo").getForEntity("/api/themes", String.class).getStatusCode())
        .isNotEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(stored(user)).containsEntry("pwd_", upgraded);
  }

  @Test
  void onlyTheCurrentAlgorithmWithAtLeastTheConfiguredIterationsIsCurrent() {
    Pbkdf2PasswordEncryptor configured = new Pbkdf2PasswordEncryptor(2000);
    assertThat(configured.isCurrent(PREFIX + configured.encrypt("x"))).isTrue();
    assertThat(configured.isCurrent(PREFIX + new Pbkdf2PasswordEncryptor(1000).encrypt("x"))).as("fewer iterations").isFalse();
    assertThat(configured.isCurrent(PREFIX + new Pbkdf2PasswordEncryptor(3000).encrypt("x"))).as("more iterations").isTrue();
    assertThat(configured.isCurrent("{SHA-512}" + new Sha512HashDigest().encrypt("x"))).isFalse();
    assertThat(configured.isCurrent("{SHA}abc")).isFalse();
    assertThat(configured.isCurrent(PREFIX + "garbage")).isFalse();
    assertThat(configured.isCurrent(null)).isFalse();
  }

  /** The hash the engine wrote before PBKDF2: salted SHA-512 of the password and the user's salt. */
  private String giveLegacyHash(String user, String password) {
    String salt = jdbc.queryForObject("select salt_ from act_id_user where id_ = ?", String.class, user);
    String legacy = "{SHA-512}" + new Sha512HashDigest().encrypt(password + salt);
    jdbc.update("update act_id_user set pwd_ = ? where id_ = ?", legacy, user);
    return legacy;
  }

  /** Tasklist's login form, as the browser posts it (its CSRF cookie first). */
  private HttpStatusCode webappLogin(String user, String password) {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    String xsrf = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.split(";", 2)[0].substring("XSRF-TOKEN=".length()))
        .findFirst().orElseThrow();
    HttpHeaders headers = new HttpHeaders();
    page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).forEach(c -> headers.add(HttpHeaders.COOKIE, c.split(";", 2)[0]));
    headers.add("X-XSRF-TOKEN", xsrf);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class).getStatusCode();
  }

  private Map<String, Object> stored(String user) {
    return jdbc.queryForMap("select pwd_, salt_ from act_id_user where id_ = ?", user);
  }

  private void assertCurrent(String user, String legacy) {
    String hash = (String) stored(user).get("pwd_");
    assertThat(hash).isNotEqualTo(legacy).startsWith(PREFIX + "1000$").doesNotContain("demo");
    assertThat(identityService.checkPassword(user, "demo")).isTrue();
    assertThat(identityService.checkPassword(user, "Demo")).isFalse();
    identityService.unlockUser(user);
  }
}
