package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.Party;
import uk.police.daoversight.intake.Referral;
import uk.police.daoversight.intake.RiskLevel;
import uk.police.daoversight.intake.Route;
import uk.police.daoversight.support.IntegrationTest;

/**
 * "Search previous cases" through the vault's person keys: the same people as the plain rule
 * ({@link PersonMatch}) finds, without reading the whole vault.
 */
@IntegrationTest
class IdentityVaultTest {

  private static final LocalDate DOB = LocalDate.of(1984, 3, 7);

  @Autowired IdentityVault vault;
  @Autowired PersonKeysMigration migration;
  @Autowired JdbcTemplate jdbc;

  private final String tag = UUID.randomUUID().toString().substring(0, 6);

  private static Party staff(String name, String staffNumber) {
    return new Party(name, DOB, true, staffNumber, "PC", "Response", null);
  }

  private static Party civilian(String name, LocalDate dob) {
    return new Party(name, dob, false, null, null, null, null);
  }

  private String store(Party victim, Party perpetrator) {
    String code = "V" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    vault.store(code, new Referral(Route.CALL_101, "REF-" + UUID.randomUUID(), victim, perpetrator, Set.of(),
        RiskLevel.values()[0], false, false, false), Instant.now());
    return code;
  }

  @Test
  void theSameStaffNumberMatchesWhateverItsSpacingAndCase() {
    String earlier = store(staff("Pat " + tag, "AB 12" + tag), civilian("Other " + tag, DOB));
    String now = store(staff("Patricia " + tag, " ab  12" + tag.toUpperCase() + " "), civilian("Someone " + tag, DOB));

    assertThat(vault.previousCases(now)).containsExactly(new IdentityVault.PreviousCase(earlier, true, false, false));
  }

  @Test
  void differentStaffNumbersAreDifferentPeopleEvenWithTheSameNameAndBirthday() {
    store(staff("Sam " + tag, "S1-" + tag), civilian("Other " + tag, DOB));
    String now = store(staff("Sam " + tag, "S2-" + tag), civilian("Another " + tag, LocalDate.of(1990, 1, 1)));

    assertThat(vault.previousCases(now)).isEmpty();
  }

  @Test
  void withoutAStaffNumberTheNameAndDateOfBirthMatchInEitherRole() {
    String earlier = store(staff("Lee " + tag, "L-" + tag), civilian("Jo   " + tag.toUpperCase(), DOB));
    String now = store(civilian("jo " + tag, DOB), staff("Kim " + tag, "K-" + tag));
    vault.close(earlier, Instant.now());

    assertThat(vault.previousCases(now)).containsExactly(new IdentityVault.PreviousCase(earlier, false, true, true));
  }

  @Test
  void aDifferentDateOfBirthIsSomeoneElse() {
    store(civilian("Ray " + tag, DOB), staff("A " + tag, "A-" + tag));
    String now = store(civilian("Ray " + tag, DOB.plusDays(1)), staff("B " + tag, "B-" + tag));

    assertThat(vault.previousCases(now)).isEmpty();
  }

  @Test
  void casesStoredBeforeTheKeysExistedAreFoundOnceTheMigrationFillsThem() throws Exception {
    String earlier = store(staff("Max " + tag, "M-" + tag), civilian("Other " + tag, DOB));
    jdbc.update("update case_identity set victim_staff_key = null, victim_person_key = null, perpetrator_staff_key = null,"
        + " perpetrator_person_key = null where case_code = ?", earlier);
    String now = store(staff("Max " + tag, "M-" + tag), civilian("New " + tag, DOB));
    assertThat(vault.previousCases(now)).isEmpty();

    try (var connection = jdbc.getDataSource().getConnection()) {
      migration.fillKeys(connection);
    }

    assertThat(vault.previousCases(now)).extracting(IdentityVault.PreviousCase::caseCode).containsExactly(earlier);
  }
}
