package uk.police.daoversight.vault;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.police.daoversight.intake.Party;

/**
 * Two records that may be the same person although {@link PersonMatch} says they are not (#19 item
 * 5, after Primero's duplicate search): names that differ by spelling or order, or a date of birth
 * with day and month transposed. Plain, inside the vault: only the verdict and the score leave it.
 *
 * <p>Names are compared word by word in any order: the same word scores 1, the same sound (Soundex)
 * within two letters' difference 0.9, one letter's difference in a word of five letters or more
 * 0.85; every word of the shorter name must find a partner or there is no match (a sibling with the
 * same surname and birthday is a different person). The date of birth must be the same (1) or have
 * day and month transposed (0.8). Score = 60 × names + 40 × date of birth, 0 to 100:
 * {@value #LIKELY} or more is "likely", {@value #POSSIBLE} or more "possible". Staff numbers, when
 * both have one, decide alone (an exact match, never a likely one).
 */
public final class LikelyMatch {

  public static final int LIKELY = 90;
  public static final int POSSIBLE = 75;

  public enum Level { NONE, POSSIBLE, LIKELY }

  public record Verdict(Level level, int score) {
    public static final Verdict NONE = new Verdict(Level.NONE, 0);

    /** "likely (score 94)" */
    public String describe() {
      return level.name().toLowerCase(Locale.ROOT) + " (score " + score + ")";
    }
  }

  private LikelyMatch() {}

  public static Verdict of(Party a, Party b) {
    if (a == null || b == null || PersonMatch.samePerson(a, b)) {
      return Verdict.NONE;
    }
    if (a.staffNumber() != null && b.staffNumber() != null) {
      return Verdict.NONE;
    }
    return of(a.name(), a.dateOfBirth(), b.name(), b.dateOfBirth());
  }

  static Verdict of(String nameA, LocalDate bornA, String nameB, LocalDate bornB) {
    if (nameA == null || nameB == null || bornA == null || bornB == null) {
      return Verdict.NONE;
    }
    double born = bornA.equals(bornB) ? 1.0 : transposed(bornA, bornB) ? 0.8 : 0.0;
    if (born == 0.0) {
      return Verdict.NONE;
    }
    double names = names(words(nameA), words(nameB));
    if (names == 0.0) {
      return Verdict.NONE;
    }
    int score = (int) Math.round(60 * names + 40 * born);
    Level level = score >= LIKELY ? Level.LIKELY : score >= POSSIBLE ? Level.POSSIBLE : Level.NONE;
    return level == Level.NONE ? Verdict.NONE : new Verdict(level, score);
  }

  private static boolean transposed(LocalDate a, LocalDate b) {
    return a.getYear() == b.getYear() && a.getDayOfMonth() != a.getMonthValue()
        && a.getDayOfMonth() == b.getMonthValue() && a.getMonthValue() == b.getDayOfMonth();
  }

  /** 0 unless every word of the shorter name has a partner; else the partners' scores over the longer name's words. */
  static double names(List<String> a, List<String> b) {
    List<String> shorter = a.size() <= b.size() ? a : b;
    List<String> longer = new ArrayList<>(a.size() <= b.size() ? b : a);
    if (shorter.isEmpty()) {
      return 0.0;
    }
    double total = 0;
    for (String word : shorter) {
      String best = null;
      double bestScore = 0;
      for (String other : longer) {
        double s = word(word, other);
        if (s > bestScore) {
          bestScore = s;
          best = other;
        }
      }
      if (best == null) {
        return 0.0;
      }
      longer.remove(best);
      total += bestScore;
    }
    return total / Math.max(a.size(), b.size());
  }

  static double word(String a, String b) {
    if (a.equals(b)) {
      return 1.0;
    }
    int distance = distance(a, b);
    if (soundex(a).equals(soundex(b)) && distance <= 2 && distance < Math.min(a.length(), b.length())) {
      return 0.9;
    }
    if (distance == 1 && Math.min(a.length(), b.length()) >= 5) {
      return 0.85;
    }
    return 0.0;
  }

  /** The words of a name: letters only, accents and case dropped; "O'Neil-Smith" is "oneil", "smith". */
  static List<String> words(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
        .replace("'", "");
    return Arrays.stream(plain.split("[^a-z]+")).filter(w -> !w.isEmpty()).toList();
  }

  /** The words' sounds (Soundex), for the vault's keyed index of names that sound alike. */
  static Set<String> sounds(String name) {
    Set<String> sounds = new LinkedHashSet<>();
    if (name != null) {
      words(name).forEach(w -> sounds.add(soundex(w)));
    }
    return sounds;
  }

  /** American Soundex: first letter and three digits ("Smith", "Smyth": S530). */
  static String soundex(String word) {
    StringBuilder code = new StringBuilder().append(Character.toUpperCase(word.charAt(0)));
    char last = digit(word.charAt(0));
    for (int i = 1; i < word.length() && code.length() < 4; i++) {
      char c = word.charAt(i);
      char d = digit(c);
      if (d != '0' && d != last) {
        code.append(d);
      }
      if (c != 'h' && c != 'w') {
        last = d;
      }
    }
    while (code.length() < 4) {
      code.append('0');
    }
    return code.toString();
  }

  private static char digit(char c) {
    return switch (c) {
      case 'b', 'f', 'p', 'v' -> '1';
      case 'c', 'g', 'j', 'k', 'q', 's', 'x', 'z' -> '2';
      case 'd', 't' -> '3';
      case 'l' -> '4';
      case 'm', 'n' -> '5';
      case 'r' -> '6';
      default -> '0';
    };
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
