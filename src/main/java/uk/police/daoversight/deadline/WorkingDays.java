package uk.police.daoversight.deadline;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Working days as the Victims' Code counts them: Monday to Friday, except the England and Wales
 * bank holidays (Jollyday's United Kingdom calendar, subdivision England, which Wales shares) and
 * the force's own closure days. A clock of N working days from a report ends at the close of the
 * N-th working day after the day of the report (a Friday report with 2 working days: the end of
 * Tuesday; the end of Wednesday over a bank-holiday Monday).
 */
public class WorkingDays {

  /** The force's time zone: days start and end at midnight in England and Wales. */
  public static final ZoneId FORCE_ZONE = ZoneId.of("Europe/London");

  private static final String ENGLAND = "eng";

  private final Predicate<LocalDate> bankHoliday;
  private final Set<LocalDate> closureDays;

  public WorkingDays(Collection<LocalDate> closureDays) {
    this(englandAndWalesBankHolidays(), closureDays);
  }

  WorkingDays(Predicate<LocalDate> bankHoliday, Collection<LocalDate> closureDays) {
    this.bankHoliday = bankHoliday;
    this.closureDays = Set.copyOf(new TreeSet<>(closureDays));
  }

  static Predicate<LocalDate> englandAndWalesBankHolidays() {
    HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.UNITED_KINGDOM));
    return date -> manager.isHoliday(date, ENGLAND);
  }

  public boolean isWorkingDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !bankHoliday.test(date) && !closureDays.contains(date);
  }

  /** The N-th working day after {@code from} (from itself never counts); N = 0 is {@code from}. */
  public LocalDate addWorkingDays(LocalDate from, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("working days must not be negative");
    }
    LocalDate date = from;
    int left = days;
    while (left > 0) {
      date = date.plusDays(1);
      if (isWorkingDay(date)) {
        left--;
      }
    }
    return date;
  }

  /** The last day a duty of N working days from {@code start} may be done on. */
  public LocalDate lastDay(Instant start, int days) {
    return addWorkingDays(start.atZone(FORCE_ZONE).toLocalDate(), days);
  }

  /** The moment such a duty becomes late: midnight (force time) at the end of its last day. */
  public Instant dueBy(Instant start, int days) {
    return lastDay(start, days).plusDays(1).atStartOfDay(FORCE_ZONE).toInstant();
  }

  /** Working days from the day of {@code start} to the day of {@code end} (0 on the same day). */
  public int between(Instant start, Instant end) {
    LocalDate from = start.atZone(FORCE_ZONE).toLocalDate();
    LocalDate to = end.atZone(FORCE_ZONE).toLocalDate();
    int count = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }
}
