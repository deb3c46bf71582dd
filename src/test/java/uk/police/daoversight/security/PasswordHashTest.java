package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.support.IntegrationTest;

/** Issue #17 item 4: local users' passwords are PBKDF2 hashes, salted; the engine's older SHA-512 hashes still check. */
@IntegrationTest
class PasswordHashTest {

  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void passwordsAreSlowSaltedHashesAndOlderHashesStillCheck() {
    String stored = jdbc.queryForObject("select pwd_ from act_id_user where id_ = 'coordinator'", String.class);
    assertThat(stored).startsWith("{" + Pbkdf2PasswordEncryptor.NAME + "}").doesNotContain("demo");
    assertThat(identityService.checkPassword("coordinator", "demo")).isTrue();
    assertThat(identityService.checkPassword("coordinator", "Demo")).isFalse();
    // A wrong password delays the user's next login (Camunda's login throttling): the tests after
    // this one log in as the coordinator at once.
    identityService.unlockUser("coordinator");

    Pbkdf2PasswordEncryptor pbkdf2 = new Pbkdf2PasswordEncryptor(1000);
    String a = pbkdf2.encrypt("same password");
    assertThat(pbkdf2.encrypt("same password")).as("a salt of its own each time").isNotEqualTo(a);
    assertThat(pbkdf2.check("same password", a)).isTrue();
    assertThat(pbkdf2.check("same passwore", a)).isFalse();
    assertThat(pbkdf2.check("same password", a.replace("1000$", "1001$"))).as("the iterations are part of the hash").isFalse();

    // A hash the engine wrote before this change (salted SHA-512) still logs its user in.
    String salt = jdbc.queryForObject("select salt_ from act_id_user where id_ = 'analyst'", String.class);
    String legacy = "{SHA-512}" + new Sha512HashDigest().encrypt("older-password" + salt);
    String before = jdbc.queryForObject("select pwd_ from act_id_user where id_ = 'analyst'", String.class);
    // The login below upgrades the hash with a new salt (PasswordRehashTest): both are put back.
    try {
      jdbc.update("update act_id_user set pwd_ = ? where id_ = 'analyst'", legacy);
      assertThat(identityService.checkPassword("analyst", "older-password")).isTrue();
      assertThat(identityService.checkPassword("analyst", "demo")).isFalse();
    } finally {
      jdbc.update("update act_id_user set pwd_ = ?, salt_ = ? where id_ = 'analyst'", before, salt);
      identityService.unlockUser("analyst");
    }
  }
}
