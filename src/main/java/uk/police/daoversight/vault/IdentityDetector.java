package uk.police.daoversight.vault;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds a detail that may identify someone in free text meant to be anonymised: the case's own
 * identities (names and their parts, staff numbers, the force reference, contact details, dates of
 * birth) and common identity patterns (UK phone numbers, e-mail addresses, collar numbers,
 * postcodes). Answers the kind of detail, never the value. Plain, no engine, no database.
 */
public final class IdentityDetector {

  /** What the case itself holds, opened from the vault. */
  public record Known(List<String> names, List<String> staffNumbers, List<String> references, List<String> contacts,
                      List<LocalDate> datesOfBirth) {
    public static final Known NONE = new Known(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public static final String NAME = "a name of someone in this case";
  public static final String STAFF_NUMBER = "a staff number of someone in this case";
  public static final String REFERENCE = "the force's reference for this case";
  public static final String CONTACT = "a contact detail of someone in this case";
  public static final String DATE_OF_BIRTH = "a date of birth of someone in this case";
  public static final String PHONE = "a phone number";
  public static final String EMAIL = "an e-mail address";
  public static final String COLLAR = "a collar number";
  public static final String POSTCODE = "a postcode";

  private static final Pattern EMAIL_PATTERN = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern PHONE_PATTERN = Pattern.compile("(?<![\\d+])(?:\\+\\s?44\\s?(?:\\(0\\)\\s?)?|\\(?0)(?:\\d[\\s\\-)]{0,2}){9,10}(?!\\d)");
  private static final Pattern COLLAR_PATTERN = Pattern.compile(
      "(?i)(?<![\\p{L}])(?:PC|DC|PS|DS|PCSO|Sgt|collar(?:\\s+(?:no\\.?|number))?)\\s*#?\\s*\\d{2,6}(?!\\d)");
  private static final Pattern POSTCODE_PATTERN = Pattern.compile(
      "(?i)(?<![\\p{L}\\d])(?:[A-Z]{1,2}\\d[A-Z\\d]?|GIR)\\s*\\d[ABD-HJLNP-UW-Z]{2}(?![\\p{L}\\d])");
  private static final Set<String> ADDRESS_WORDS = Set.of("road", "street", "lane", "mews", "close", "avenue", "drive",
      "house", "flat", "court", "place", "gardens", "crescent", "terrace", "mobile", "phone", "email", "home", "work");
  private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("dd/MM/yyyy"), DateTimeFormatter.ofPattern("d/M/yyyy"),
      DateTimeFormatter.ofPattern("dd.MM.yyyy"), DateTimeFormatter.ofPattern("dd-MM-yyyy"), DateTimeFormatter.ofPattern("dd/MM/yy"),
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK), DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK));

  private IdentityDetector() {}

  /** The kinds of detail found in the text, most specific first; empty when none. */
  public static List<String> kinds(String text, Known known) {
    Set<String> kinds = new LinkedHashSet<>();
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String folded = fold(text);
    String compact = compact(text);
    for (String name : known.names()) {
      for (String part : nameParts(name)) {
        if (containsWord(folded, part)) {
          kinds.add(NAME);
        }
      }
    }
    if (known.staffNumbers().stream().map(IdentityDetector::compact).anyMatch(s -> s.length() >= 3 && compact.contains(s))) {
      kinds.add(STAFF_NUMBER);
    }
    if (known.references().stream().map(IdentityDetector::compact).anyMatch(s -> s.length() >= 3 && compact.contains(s))) {
      kinds.add(REFERENCE);
    }
    String digits = text.replaceAll("\\D", "");
    for (String contact : known.contacts()) {
      for (String part : contact.split("[,;\\n]")) {
        String p = part.trim();
        String pDigits = p.replaceAll("\\D", "");
        if (pDigits.length() >= 6 && digits.contains(pDigits)) {
          kinds.add(CONTACT);
        } else if (p.length() >= 4 && folded.contains(fold(p))) {
          kinds.add(CONTACT);
        } else {
          for (String word : p.split("[^\\p{L}'-]+")) {
            if (word.length() >= 5 && !ADDRESS_WORDS.contains(fold(word)) && containsWord(folded, fold(word))) {
              kinds.add(CONTACT);
            }
          }
        }
      }
    }
    for (LocalDate dob : known.datesOfBirth()) {
      for (DateTimeFormatter f : DATE_FORMATS) {
        if (folded.contains(fold(dob.format(f)))) {
          kinds.add(DATE_OF_BIRTH);
        }
      }
    }
    if (EMAIL_PATTERN.matcher(text).find()) {
      kinds.add(EMAIL);
    }
    if (PHONE_PATTERN.matcher(text).find()) {
      kinds.add(PHONE);
    }
    if (COLLAR_PATTERN.matcher(text).find()) {
      kinds.add(COLLAR);
    }
    if (POSTCODE_PATTERN.matcher(text).find()) {
      kinds.add(POSTCODE);
    }
    return List.copyOf(kinds);
  }

  /** The whole name and each of its parts (two letters or more), folded. */
  static List<String> nameParts(String name) {
    List<String> parts = new ArrayList<>();
    if (name == null || name.isBlank()) {
      return parts;
    }
    parts.add(fold(name.trim()));
    for (String part : fold(name).split("[^\\p{L}']+")) {
      if (part.length() >= 2) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static boolean containsWord(String folded, String word) {
    return Pattern.compile("(?<![\\p{L}])" + Pattern.quote(word) + "(?![\\p{L}])").matcher(folded).find();
  }

  /** Lower case without accents, so "ZOË" finds "Zoe". */
  static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
  }

  /** Letters and digits only, upper case: "QX 774-13" reads as "QX77413". */
  static String compact(String s) {
    return s == null ? "" : fold(s).replaceAll("[^\\p{L}\\d]", "").toUpperCase(Locale.ROOT);
  }

  public static Optional<String> first(String text, Known known) {
    return kinds(text, known).stream().findFirst();
  }
}
