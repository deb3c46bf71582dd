package uk.police.daoversight.vault;

import java.util.Locale;
import uk.police.daoversight.intake.Party;

/**
 * When two records in the vault are the same person: the same staff number when both have one,
 * else the same name and date of birth. Spacing and case are ignored.
 */
final class PersonMatch {

  private PersonMatch() {}

  static boolean samePerson(Party a, Party b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.staffNumber() != null && b.staffNumber() != null) {
      return normal(a.staffNumber()).equals(normal(b.staffNumber()));
    }
    return a.name() != null && b.name() != null && a.dateOfBirth() != null
        && normal(a.name()).equals(normal(b.name())) && a.dateOfBirth().equals(b.dateOfBirth());
  }

  static String normal(String s) {
    return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
