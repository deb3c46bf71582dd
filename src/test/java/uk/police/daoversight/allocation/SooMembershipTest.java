package uk.police.daoversight.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may be on the SOO roster (#19 item 2): the rule as a table, the first failing check is the reason. */
class SooMembershipTest {

  @ParameterizedTest(name = "user {0}, SOO group {1}, directory {2}, rank ''{3}'' -> {4}")
  @CsvSource(nullValues = "null", value = {
      "true,  true,  true,  Chief Inspector,      ",
      "true,  true,  true,  chief  inspector ,    ",
      "false, true,  true,  Chief Inspector,      not a user of the system",
      "false, false, false, null,                 not a user of the system",
      "true,  false, true,  Chief Inspector,      not in the senior-oversight-officers group",
      "true,  true,  false, null,                 not in the force's staff directory",
      "true,  true,  true,  null,                 not a chief inspector in the force's staff directory",
      "true,  true,  true,  Inspector,            not a chief inspector in the force's staff directory",
      "true,  true,  true,  Chief Superintendent, not a chief inspector in the force's staff directory",
      "true,  true,  true,  Detective Chief Inspector, ",
      "true,  true,  true,  Detective Inspector,  not a chief inspector in the force's staff directory",
      "true,  true,  true,  Chief Inspector (retired), not a chief inspector in the force's staff directory"})
  void onlyARealChiefInspectorInTheSooGroupMayBeOnTheRoster(boolean user, boolean group, boolean directory, String rank,
                                                           String reason) {
    assertThat(SooMembership.decide(user, group, directory, rank).orElse(null)).isEqualTo(reason);
  }
}
