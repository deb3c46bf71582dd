package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.police.daoversight.intake.Party;

/** Which role matched which, and the serial facts, decided from the vault's records. */
class CaseHistoryTest {

  static final Party VICTIM = new Party("Vera One", LocalDate.of(1990, 1, 1), false, null, null, null, null);
  static final Party OTHER_VICTIM = new Party("Wendy Two", LocalDate.of(1991, 2, 2), false, null, null, null, null);
  static final Party THIRD_VICTIM = new Party("Xena Three", LocalDate.of(1992, 3, 3), false, null, null, null, null);
  static final Party PERPETRATOR = new Party("Perry Cop", LocalDate.of(1980, 1, 1), true, "P100", "PC", "Response", null);
  static final Party OTHER_PERPETRATOR = new Party("Quinn Cop", LocalDate.of(1981, 1, 1), true, "Q200", "PC", "Roads", null);

  static CaseIdentity c(String code, int day, Party victim, Party perpetrator, boolean closed) {
    Instant at = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * day);
    return new CaseIdentity(code, "REF-" + code, "CALL_101", victim, perpetrator, Set.of(), null, at, closed ? at.plusSeconds(60) : null, false);
  }

  @Test
  void eachRoleMatchIsLabelledFromThisCasesSideNewestFirst() {
    CaseIdentity now = c("NOW", 10, VICTIM, PERPETRATOR, false);
    var findings = CaseHistory.of(now, List.of(
        c("OLD", 1, VICTIM, PERPETRATOR, true),
        c("SWAP", 2, PERPETRATOR, VICTIM, false),
        c("PERP", 3, OTHER_VICTIM, PERPETRATOR, false),
        c("NOBODY", 4, OTHER_VICTIM, OTHER_PERPETRATOR, false),
        now));

    assertThat(findings.newestFirst()).extracting(CaseHistory.EarlierCase::describe).containsExactly(
        "PERP (same perpetrator, open)",
        "SWAP (victim now perpetrator, perpetrator now victim, open)",
        "OLD (same victim, same perpetrator, closed)");
  }

  @Test
  void aPerpetratorWithOtherVictimsIsSerialCountingEachVictimOnce() {
    CaseIdentity now = c("NOW", 10, VICTIM, PERPETRATOR, false);
    var serial = CaseHistory.of(now, List.of(
        c("A", 1, OTHER_VICTIM, PERPETRATOR, false),
        c("B", 2, OTHER_VICTIM, PERPETRATOR, false),
        c("C", 3, THIRD_VICTIM, PERPETRATOR, false),
        c("D", 4, VICTIM, PERPETRATOR, false))).serial();

    assertThat(serial.serialPerpetrator()).isTrue();
    assertThat(serial.perpetratorCases()).containsExactly("C", "B", "A");
    assertThat(serial.otherVictims()).isEqualTo(2);
    assertThat(serial.serialVictim()).isFalse();
  }

  @Test
  void theSameCoupleAgainIsNotSerial() {
    var serial = CaseHistory.of(c("NOW", 10, VICTIM, PERPETRATOR, false),
        List.of(c("A", 1, VICTIM, PERPETRATOR, true), c("B", 2, VICTIM, PERPETRATOR, false))).serial();
    assertThat(serial.serialPerpetrator()).isFalse();
    assertThat(serial.serialVictim()).isFalse();
  }

  @Test
  void aVictimWithAnotherPerpetratorIsASerialVictim() {
    var serial = CaseHistory.of(c("NOW", 10, VICTIM, PERPETRATOR, false),
        List.of(c("A", 1, VICTIM, OTHER_PERPETRATOR, false))).serial();
    assertThat(serial.serialVictim()).isTrue();
    assertThat(serial.victimCases()).containsExactly("A");
    assertThat(serial.otherPerpetrators()).isEqualTo(1);
    assertThat(serial.serialPerpetrator()).isFalse();
  }

  @Test
  void thePerpetratorAsAVictimElsewhereIsNotASerialPerpetrator() {
    var serial = CaseHistory.of(c("NOW", 10, VICTIM, PERPETRATOR, false),
        List.of(c("A", 1, PERPETRATOR, OTHER_PERPETRATOR, false))).serial();
    assertThat(serial.serialPerpetrator()).isFalse();
    assertThat(serial.serialVictim()).isFalse();
  }
}
