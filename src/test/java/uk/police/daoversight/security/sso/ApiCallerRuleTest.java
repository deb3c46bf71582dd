package uk.police.daoversight.security.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.sso.SsoIdentity.Caller;
import uk.police.daoversight.security.sso.SsoIdentity.Kind;

class ApiCallerRuleTest {

  static final Caller SYSTEM = new Caller(Kind.SYSTEM, "force-rms", List.of(Groups.REFERRAL_INTAKE), true, null);
  static final Caller UNSCOPED = new Caller(Kind.SYSTEM, "force-rms", List.of(), false, null);
  static final Caller PERSON = new Caller(Kind.PERSON, "soo2", List.of(Groups.SENIOR_OVERSIGHT_OFFICERS), false, null);

  @Test
  void aForceSystemMaySendAReferralAndNothingElse() {
    assertThat(ApiCallerRule.refusal(SYSTEM, false, "POST", "/api/referrals", "referrals.submit")).isNull();
    assertThat(ApiCallerRule.refusal(SYSTEM, false, "GET", "/api/referrals", "referrals.submit")).contains("referral intake alone");
    assertThat(ApiCallerRule.refusal(SYSTEM, false, "GET", "/api/audit", "referrals.submit")).contains("referral intake alone");
    assertThat(ApiCallerRule.refusal(SYSTEM, false, "POST", "/api/referrals/x", "referrals.submit")).isNotNull();
  }

  @Test
  void aForceSystemWithoutTheScopeMayNotSendAReferral() {
    assertThat(ApiCallerRule.refusal(UNSCOPED, false, "POST", "/api/referrals", "referrals.submit"))
        .contains("referral intake scope (referrals.submit)");
  }

  @Test
  void aSignedInBrowserMayReadButChangeNothing() {
    assertThat(ApiCallerRule.refusal(PERSON, true, "GET", "/api/cases/X/identity", "s")).isNull();
    assertThat(ApiCallerRule.refusal(PERSON, true, "POST", "/api/referrals", "s")).contains("bearer token");
    assertThat(ApiCallerRule.refusal(PERSON, true, "PUT", "/api/soos/soo1", "s")).contains("bearer token");
    assertThat(ApiCallerRule.refusal(PERSON, false, "POST", "/api/referrals", "s")).isNull();
    assertThat(ApiCallerRule.refusal(null, false, "GET", "/api/audit", "s")).isNotNull();
  }
}
