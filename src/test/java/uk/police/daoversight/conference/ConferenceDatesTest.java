package uk.police.daoversight.conference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConferenceDatesTest {

  final Instant now = Instant.parse("2026-12-02T09:00:00Z");

  @Test
  void tasklistsDateTimeFieldIsReadInForceTime() {
    assertThat(ConferenceDates.parse("2027-06-01T10:00")).contains(Instant.parse("2027-06-01T09:00:00Z")); // BST
    assertThat(ConferenceDates.parse("2026-12-07T10:00:00Z")).contains(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(ConferenceDates.parse("2026-12-07T10:00+01:00")).contains(Instant.parse("2026-12-07T09:00:00Z"));
  }

  @Test
  void aPastOrUnreadableDateIsRefusedWithAPlainReason() {
    assertThat(ConferenceDates.refusal("2026-12-01T10:00", now)).isEqualTo("A case conference cannot be dated in the past");
    assertThat(ConferenceDates.refusal("yesterday", now)).startsWith("Give the conference date");
    assertThat(ConferenceDates.refusal(null, now)).startsWith("Give the conference date");
    assertThat(ConferenceDates.refusal("2026-12-02T09:30", now)).isNull();
  }
}
