package uk.police.daoversight.security.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.sso.SsoIdentity.Caller;
import uk.police.daoversight.security.sso.SsoIdentity.Kind;

/** Who a token names here: the directory first, groups only by the mapping, force systems by client id and scope. */
class SsoIdentityTest {

  /** The directory: staff number CI1002 is soo2; user ids it knows. */
  static final Map<String, String> BY_STAFF_NUMBER = Map.of("CI1002", "soo2");
  static final List<String> KNOWN_USERS = List.of("soo2", "coordinator");

  SsoProperties properties = properties();
  SsoIdentity identity = new SsoIdentity(properties, n -> Optional.ofNullable(BY_STAFF_NUMBER.get(n)),
      u -> KNOWN_USERS.contains(u) ? Optional.of(u) : Optional.empty());

  static SsoProperties properties() {
    SsoProperties p = new SsoProperties();
    p.setGroupMapping(Map.of("guid-soo", Groups.SENIOR_OVERSIGHT_OFFICERS, "guid-coord", Groups.CASE_COORDINATORS,
        "guid-coord-2", Groups.CASE_COORDINATORS));
    p.setReferralClients(List.of("force-rms"));
    return p;
  }

  @Test
  void theDirectorysStaffNumberNamesThePersonWhateverTheirUserNameClaimSays() {
    Caller caller = identity.resolve(Map.of("employeeid", "CI1002", "preferred_username", "coordinator",
        "groups", List.of("guid-soo")));
    assertThat(caller.kind()).isEqualTo(Kind.PERSON);
    assertThat(caller.userId()).isEqualTo("soo2");
    assertThat(caller.groups()).containsExactly(Groups.SENIOR_OVERSIGHT_OFFICERS);
  }

  @Test
  void withoutAKnownStaffNumberTheUserIdClaimNamesThem() {
    assertThat(identity.resolve(Map.of("employeeid", "XX9999", "preferred_username", "coordinator")).userId()).isEqualTo("coordinator");
    assertThat(identity.resolve(Map.of("preferred_username", "new.starter")).userId()).isEqualTo("new.starter");
  }

  @Test
  void aUserIdTheEngineCannotTakeIsRefusedWithAReasonThatQuotesNoClaim() {
    Caller caller = identity.resolve(Map.of("preferred_username", "jane.smith@force.example", "groups", List.of("guid-coord")));
    assertThat(caller.refusal()).contains("names no one").doesNotContain("jane");
    assertThat(identity.resolve(Map.of("sub", "abc")).refusal()).isNotNull();
  }

  @Test
  void onlyMappedGroupsCountAndAGroupNamedLikeOursGivesNothing() {
    Caller caller = identity.resolve(Map.of("preferred_username", "coordinator",
        "groups", List.of("camunda-admin", "case-coordinators", "guid-coord", "guid-coord-2", "guid-unknown")));
    assertThat(caller.groups()).containsExactly(Groups.CASE_COORDINATORS);
    assertThat(identity.resolve(Map.of("preferred_username", "coordinator", "groups", "guid-soo")).groups())
        .as("a single group as a string").containsExactly(Groups.SENIOR_OVERSIGHT_OFFICERS);
    assertThat(identity.resolve(Map.of("preferred_username", "coordinator")).groups()).isEmpty();
  }

  @Test
  void aListedForceSystemWithTheScopeGetsReferralIntakeAlone() {
    Caller system = identity.resolve(Map.of("azp", "force-rms", "scope", "openid referrals.submit", "groups", List.of("guid-coord")));
    assertThat(system.kind()).isEqualTo(Kind.SYSTEM);
    assertThat(system.userId()).isEqualTo("force-rms");
    assertThat(system.groups()).containsExactly(Groups.REFERRAL_INTAKE);
    assertThat(system.referralScope()).isTrue();
    assertThat(identity.resolve(Map.of("appid", "force-rms", "roles", List.of("referrals.submit"))).referralScope())
        .as("an Entra app role").isTrue();
  }

  @Test
  void aListedForceSystemWithoutTheScopeGetsNoGroup() {
    Caller system = identity.resolve(Map.of("azp", "force-rms", "scope", "profile"));
    assertThat(system.kind()).isEqualTo(Kind.SYSTEM);
    assertThat(system.groups()).isEmpty();
    assertThat(system.referralScope()).isFalse();
  }

  @Test
  void aClientThatIsNotListedIsNoSystemEvenWithTheScope() {
    Caller caller = identity.resolve(Map.of("azp", "someone-elses-app", "scope", "referrals.submit"));
    assertThat(caller.kind()).isEqualTo(Kind.PERSON);
    assertThat(caller.refusal()).isNotNull();
  }

  @Test
  void aPersonSigningInThroughAListedClientIsStillThePerson() {
    Caller caller = identity.resolve(Map.of("azp", "force-rms", "employeeid", "CI1002", "scope", "referrals.submit"));
    assertThat(caller.kind()).isEqualTo(Kind.PERSON);
    assertThat(caller.groups()).doesNotContain(Groups.REFERRAL_INTAKE);
  }

  @Test
  void aMappingToAGroupThatIsNotOursOrToReferralIntakeStopsStartUp() {
    SsoProperties wrong = properties();
    wrong.setGroupMapping(Map.of("guid", "case-coordinator"));
    assertThatThrownBy(() -> new SsoIdentity(wrong, n -> Optional.empty(), u -> Optional.empty()))
        .hasMessageContaining("case-coordinator");
    wrong.setGroupMapping(Map.of("guid", Groups.REFERRAL_INTAKE));
    assertThatThrownBy(() -> new SsoIdentity(wrong, n -> Optional.empty(), u -> Optional.empty()))
        .hasMessageContaining("force systems alone");
    SsoProperties badClient = properties();
    badClient.setReferralClients(List.of("force rms"));
    assertThatThrownBy(() -> new SsoIdentity(badClient, n -> Optional.empty(), u -> Optional.empty()))
        .hasMessageContaining("client id");
  }
}
