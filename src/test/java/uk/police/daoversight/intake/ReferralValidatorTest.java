package uk.police.daoversight.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferralValidatorTest {

  final ReferralValidator validator = new ReferralValidator(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

  static ReferralRequest.PartyRequest police(String name) {
    return new ReferralRequest.PartyRequest(name, "1980-01-01", true, "AB123", "PC", "Response", "07700 900000");
  }

  @Test
  void aCompleteReferralIsAcceptedTrimmedAndTyped() {
    Referral r = validator.validate(new ReferralRequest("IOPC", " HC/2026/1 ", police(" Ann Example "), police("Bob Example"),
        List.of("soo3", " "), "HIGH", true, null, null));
    assertThat(r.route()).isEqualTo(Route.IOPC);
    assertThat(r.externalReference()).isEqualTo("HC/2026/1");
    assertThat(r.victim().name()).isEqualTo("Ann Example");
    assertThat(r.perpetrator().contact()).as("a counter-allegation keeps the other party's contact").isEqualTo("07700 900000");
    assertThat(r.knownTo()).containsExactly("soo3");
    assertThat(r.bothPartiesPolice()).isTrue();
    assertThat(r.counterAllegation()).isTrue();
    assertThat(r.serialPerpetrator()).isFalse();
  }

  @Test
  void theOtherPartysContactIsKeptOnlyInACounterAllegationAndCheckedAsTheVictims() {
    Referral single = validator.validate(new ReferralRequest("MASH", "R1", police("Ann"), police("Bob"), null, "STANDARD",
        false, null, null));
    assertThat(single.perpetrator().contact()).as("nobody contacts the perpetrator of a one-sided case").isNull();
    var longContact = new ReferralRequest.PartyRequest("Bob", "1980-01-01", true, "AB124", "PC", "Response", "x".repeat(501));
    assertThatThrownBy(() -> validator.validate(new ReferralRequest("MASH", "R1", police("Ann"), longContact, null, "STANDARD",
        true, null, null)))
        .isInstanceOfSatisfying(ReferralRejectedException.class, e -> assertThat(e.problems())
            .containsOnly(java.util.Map.entry("perpetrator.contact", "at most 500 characters")));
    var blank = new ReferralRequest.PartyRequest("Bob", "1980-01-01", true, "AB124", "PC", "Response", "  ");
    assertThat(validator.validate(new ReferralRequest("MASH", "R1", police("Ann"), blank, null, "STANDARD", true, null, null))
        .perpetrator().contact()).isNull();
  }

  @Test
  void aFutureDateOfBirthAndAMissingStaffNumberAreNamed() {
    var victim = new ReferralRequest.PartyRequest("Ann", "2030-01-01", true, null, null, null, null);
    assertThatThrownBy(() -> validator.validate(new ReferralRequest("MASH", "R1", victim, police("Bob"), null, "STANDARD",
        null, null, null)))
        .isInstanceOfSatisfying(ReferralRejectedException.class, e -> assertThat(e.problems())
            .containsOnlyKeys("victim.dateOfBirth", "victim.staffNumber"));
  }

  @Test
  void aDateOfBirthOutsideAPlausibleRangeIsRefusedNotShifted() {
    for (String dob : java.util.List.of("1899-12-31", "0001-01-01", "-999999999-01-01", "2016-11-23", "2026-11-22")) {
      var victim = new ReferralRequest.PartyRequest("Ann", dob, true, "S1", null, null, null);
      assertThatThrownBy(() -> validator.validate(new ReferralRequest("MASH", "R1", victim, police("Bob"), null, "STANDARD",
          null, null, null)))
          .as(dob).isInstanceOfSatisfying(ReferralRejectedException.class, e -> assertThat(e.problems())
              .containsOnlyKeys("victim.dateOfBirth"));
    }
    for (String dob : java.util.List.of("1900-01-01", "2016-11-22")) {
      var victim = new ReferralRequest.PartyRequest("Ann", dob, true, "S1", null, null, null);
      assertThat(validator.validate(new ReferralRequest("MASH", "R1", victim, police("Bob"), null, "STANDARD", null, null, null))
          .victim().dateOfBirth()).as(dob).hasToString(dob);
    }
  }

  @Test
  void aLongKnownToListIsRefused() {
    var many = java.util.stream.IntStream.range(0, 16).mapToObj(i -> "user" + i).toList();
    assertThatThrownBy(() -> validator.validate(new ReferralRequest("MASH", "R1", police("Ann"), police("Bob"), many, "STANDARD",
        null, null, null)))
        .isInstanceOfSatisfying(ReferralRejectedException.class, e -> assertThat(e.problems()).containsOnlyKeys("knownTo"));
  }

  @Test
  void messagesNeverRepeatWhatWasSubmitted() {
    var victim = new ReferralRequest.PartyRequest("Zed Secretname", "not-a-date", true, null, null, null, null);
    assertThatThrownBy(() -> validator.validate(new ReferralRequest("NOPE", "<script>", victim, null, null, "?", null, null, null)))
        .isInstanceOfSatisfying(ReferralRejectedException.class, e -> {
          assertThat(e.getMessage()).doesNotContain("Secretname").doesNotContain("not-a-date").doesNotContain("<script>");
          assertThat(e.problems()).containsKeys("route", "externalReference", "victim.dateOfBirth", "perpetrator", "riskLevel");
        });
  }
}
