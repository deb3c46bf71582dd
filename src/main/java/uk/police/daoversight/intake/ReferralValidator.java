package uk.police.daoversight.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks a referral and names every problem by its JSON field path ({@code victim.name}). Messages
 * never repeat the submitted value: they may end up in a log or on a screen.
 */
@Component
public class ReferralValidator {

  public static final String NOT_POLICE_RELATED =
      "At least one party must be a police officer or member of police staff: this is not a police-related case";

  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/._ -]{0,99}");
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  /** People who declared they know a party: the vault keeps them in one column of 1,000 characters. */
  static final int MAX_KNOWN_TO = 15;
  static final int MAX_KNOWN_TO_CHARACTERS = 1000;
  /** A date of birth before this, or less than this many years ago, is a typing error, not a person. */
  static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
  static final int YOUNGEST_AGE_YEARS = 10;

  private final Clock clock;

  public ReferralValidator(Clock clock) {
    this.clock = clock;
  }

  /** The validated referral, or a {@link ReferralRejectedException} naming every problem. */
  public Referral validate(ReferralRequest request) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (request == null) {
      throw new ReferralRejectedException(Map.of("body", "a referral is required"));
    }
    Route route = oneOf(Route.class, request.route(), "route", problems);
    String reference = trimmed(request.externalReference());
    if (reference == null) {
      problems.put("externalReference", "required: the force's case reference number");
    } else if (!REFERENCE.matcher(reference).matches()) {
      problems.put("externalReference", "letters, digits and / . _ - only, at most 100 characters");
    }
    Party victim = party("victim", request.victim(), true, problems);
    // In a counter-allegation the other party alleges abuse too and gets their own SOO (#19 item 6),
    // so their contact details are kept, checked as the victim's; otherwise nobody contacts them.
    boolean counterAllegation = Boolean.TRUE.equals(request.counterAllegation());
    Party perpetrator = party("perpetrator", request.perpetrator(), counterAllegation, problems);
    RiskLevel risk = oneOf(RiskLevel.class, request.riskLevel(), "riskLevel", problems);
    Set<String> knownTo = new LinkedHashSet<>();
    if (request.knownTo() != null && request.knownTo().size() > MAX_KNOWN_TO * 4) {
      problems.put("knownTo", "at most " + MAX_KNOWN_TO + " people");
    } else if (request.knownTo() != null) {
      for (String user : request.knownTo()) {
        String id = trimmed(user);
        if (id == null) {
          continue;
        }
        if (!USER_ID.matcher(id).matches()) {
          problems.put("knownTo", "user ids only (letters, digits and . _ @ -)");
        } else {
          knownTo.add(id);
        }
      }
    }
    if (knownTo.size() > MAX_KNOWN_TO) {
      problems.put("knownTo", "at most " + MAX_KNOWN_TO + " people");
    } else if (String.join(",", knownTo).length() > MAX_KNOWN_TO_CHARACTERS) {
      problems.put("knownTo", "at most " + MAX_KNOWN_TO_CHARACTERS + " characters in all");
    }
    if (victim != null && perpetrator != null && !victim.policeEmployee() && !perpetrator.policeEmployee()) {
      problems.put("policeEmployee", NOT_POLICE_RELATED);
    }
    if (!problems.isEmpty()) {
      throw new ReferralRejectedException(problems);
    }
    return new Referral(route, reference, victim, perpetrator, Set.copyOf(knownTo), risk,
        counterAllegation, Boolean.TRUE.equals(request.serialPerpetrator()),
        Boolean.TRUE.equals(request.perpetratorInPositionOfPower()));
  }

  private Party party(String path, ReferralRequest.PartyRequest p, boolean withContact, Map<String, String> problems) {
    if (p == null) {
      problems.put(path, "required");
      return null;
    }
    int before = problems.size();
    String name = trimmed(p.name());
    if (name == null) {
      problems.put(path + ".name", "required");
    } else if (name.length() > 200) {
      problems.put(path + ".name", "at most 200 characters");
    }
    LocalDate dob = null;
    if (trimmed(p.dateOfBirth()) != null) {
      try {
        dob = LocalDate.parse(p.dateOfBirth().trim());
        LocalDate today = LocalDate.now(clock);
        if (dob.isAfter(today)) {
          problems.put(path + ".dateOfBirth", "cannot be in the future");
        } else if (dob.isBefore(EARLIEST_BIRTH)) {
          problems.put(path + ".dateOfBirth", "cannot be before " + EARLIEST_BIRTH);
        } else if (dob.isAfter(today.minusYears(YOUNGEST_AGE_YEARS))) {
          problems.put(path + ".dateOfBirth", "must be at least " + YOUNGEST_AGE_YEARS + " years ago");
        }
      } catch (DateTimeParseException e) {
        problems.put(path + ".dateOfBirth", "a date as YYYY-MM-DD");
      }
    }
    if (p.policeEmployee() == null) {
      problems.put(path + ".policeEmployee", "required: true or false");
    }
    boolean police = Boolean.TRUE.equals(p.policeEmployee());
    String staffNumber = trimmed(p.staffNumber());
    if (police && staffNumber == null) {
      problems.put(path + ".staffNumber", "required for a police officer or member of staff");
    }
    maxLength(path + ".staffNumber", staffNumber, 50, problems);
    maxLength(path + ".rank", trimmed(p.rank()), 100, problems);
    maxLength(path + ".department", trimmed(p.department()), 200, problems);
    String contact = withContact ? trimmed(p.contact()) : null;
    maxLength(path + ".contact", contact, 500, problems);
    if (problems.size() > before) {
      return null;
    }
    return new Party(name, dob, police, staffNumber, trimmed(p.rank()), trimmed(p.department()), contact);
  }

  private static void maxLength(String field, String value, int max, Map<String, String> problems) {
    if (value != null && value.length() > max) {
      problems.put(field, "at most " + max + " characters");
    }
  }

  private static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field, Map<String, String> problems) {
    String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    if (trimmed(value) == null) {
      problems.put(field, "required: one of " + allowed);
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim());
    } catch (IllegalArgumentException e) {
      problems.put(field, "must be one of " + allowed);
      return null;
    }
  }

  static String trimmed(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.trim();
  }

  static List<String> splitUserIds(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
  }
}
