package uk.police.daoversight.intake;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/**
 * Random case codes such as {@code K7Q4-M2XD}: 40 bits from a secure random source, drawn from an
 * alphabet without look-alike characters (no I, O, 0, 1). They carry nothing about the people or
 * the force's reference, so the panel can use them openly.
 */
@Component
public class CaseCodeGenerator {

  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private final SecureRandom random = new SecureRandom();

  public String next() {
    StringBuilder code = new StringBuilder(9);
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        code.append('-');
      }
      code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }

  public static boolean isCaseCode(String value) {
    return value != null && value.matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
  }
}
