package uk.police.daoversight.conference;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import uk.police.daoversight.deadline.WorkingDays;

/**
 * The date a coordinator gives a case conference, as Tasklist's date-time field sends it
 * ({@code 2026-12-07T10:00}, with seconds, {@code Z} or an offset). A date without a zone is force
 * time (Europe/London). A conference may not be dated in the past.
 */
public final class ConferenceDates {

  private ConferenceDates() {}

  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank() || text.length() > 40) {
      return Optional.empty();
    }
    String t = text.trim();
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException notOffset) {
      try {
        return Optional.of(LocalDateTime.parse(t).atZone(WorkingDays.FORCE_ZONE).toInstant());
      } catch (DateTimeParseException notLocal) {
        return Optional.empty();
      }
    }
  }

  /** Null when the date is acceptable, otherwise the plain reason to show the coordinator. */
  public static String refusal(String text, Instant now) {
    Optional<Instant> when = parse(text);
    if (when.isEmpty()) {
      return "Give the conference date and time, such as 2026-12-07T10:00";
    }
    if (when.get().isBefore(now)) {
      return "A case conference cannot be dated in the past";
    }
    return null;
  }
}
