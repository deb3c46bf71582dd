package uk.police.daoversight.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

  final WorkingDays plain = new WorkingDays(List.of());

  static Instant at(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), WorkingDays.FORCE_ZONE).toInstant();
  }

  @Test
  void aFridayReferralsTwoWorkingDayClockEndsOnTuesday() {
    LocalDate friday = LocalDate.of(2026, 12, 4);
    assertThat(friday.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
    assertThat(plain.lastDay(at("2026-12-04T16:30"), 2)).isEqualTo(LocalDate.of(2026, 12, 8));
    assertThat(plain.dueBy(at("2026-12-04T16:30"), 2)).isEqualTo(at("2026-12-09T00:00"));
  }

  @Test
  void overABankHolidayMondayItEndsOnWednesday() {
    // Spring bank holiday 2027: Monday 31 May (England and Wales).
    assertThat(plain.isWorkingDay(LocalDate.of(2027, 5, 31))).isFalse();
    assertThat(plain.lastDay(at("2027-05-28T09:00"), 2)).isEqualTo(LocalDate.of(2027, 6, 2));
  }

  @Test
  void easterAndChristmasFollowTheEnglandAndWalesCalendar() {
    // Good Friday 26 March 2027 and Easter Monday 29 March 2027.
    assertThat(plain.lastDay(at("2027-03-25T12:00"), 2)).isEqualTo(LocalDate.of(2027, 3, 31));
    // Christmas 2027 is a Saturday: the substitute days are Monday 27 and Tuesday 28 December.
    assertThat(plain.isWorkingDay(LocalDate.of(2027, 12, 27))).isFalse();
    assertThat(plain.isWorkingDay(LocalDate.of(2027, 12, 28))).isFalse();
    assertThat(plain.isWorkingDay(LocalDate.of(2027, 12, 29))).isTrue();
    // Scotland's 2 January and St Andrew's Day are not England and Wales holidays.
    assertThat(plain.isWorkingDay(LocalDate.of(2026, 11, 30))).isTrue();
  }

  @Test
  void theForcesClosureDaysAreNotWorkingDays() {
    WorkingDays force = new WorkingDays(List.of(LocalDate.of(2026, 12, 7)));
    assertThat(force.lastDay(at("2026-12-04T16:30"), 2)).isEqualTo(LocalDate.of(2026, 12, 9));
    assertThat(force.between(at("2026-12-04T16:30"), at("2026-12-09T10:00"))).isEqualTo(2);
  }

  @Test
  void daysAreCountedInForceTimeAcrossTheClockChange() {
    // 23:30 UTC on Friday 3 April 2026 is already Saturday in London (BST).
    Instant lateFriday = Instant.parse("2026-04-03T23:30:00Z");
    assertThat(plain.lastDay(lateFriday, 1)).isEqualTo(LocalDate.of(2026, 4, 7)); // Easter Monday 6 April
    assertThat(plain.addWorkingDays(LocalDate.of(2026, 4, 7), 0)).isEqualTo(LocalDate.of(2026, 4, 7));
    assertThatThrownBy(() -> plain.addWorkingDays(LocalDate.of(2026, 4, 7), -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
