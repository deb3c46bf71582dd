package uk.police.daoversight.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.police.daoversight.intake.Party;

/**
 * Keyed hashes of the force's case reference numbers, for the uniqueness of open cases, and of the
 * people in the vault, for finding earlier cases by index rather than by reading every case.
 * References, staff numbers and names are guessable, so a plain hash would not hide them; the key
 * comes from configuration ({@code oversight.vault.reference-key}, set it per force in production).
 */
@Component
public class ReferenceKeys {

  /** The key application.yaml falls back to: for the embedded demo only. */
  static final String DEVELOPMENT_KEY = "development-only-reference-key";
  static final int MIN_LENGTH = 32;

  private final SecretKeySpec key;

  public ReferenceKeys(@Value("${oversight.vault.reference-key}") String secret,
                       @Value("${oversight.demo.enabled:false}") boolean demo) {
    refuseWeakKeyOutsideDemo(secret, demo);
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /**
   * Outside demo mode the keyed hashes protect real people: the application does not start with
   * the development key, without a key, or with a key too short to resist guessing.
   */
  static void refuseWeakKeyOutsideDemo(String secret, boolean demo) {
    if (demo) {
      return;
    }
    if (secret == null || secret.isBlank() || DEVELOPMENT_KEY.equals(secret.trim())) {
      throw new IllegalStateException("VAULT_REFERENCE_KEY is not set: outside demo mode the application does not "
          + "start with the development vault key. Set VAULT_REFERENCE_KEY to a random secret of at least "
          + MIN_LENGTH + " characters, the same on every node.");
    }
    if (secret.length() < MIN_LENGTH) {
      throw new IllegalStateException("VAULT_REFERENCE_KEY is shorter than " + MIN_LENGTH
          + " characters: use a random secret of at least that length, the same on every node.");
    }
  }

  public String keyOf(String externalReference) {
    return hmac(externalReference.trim().toUpperCase(Locale.ROOT));
  }

  /** The key of a staff number as people match (spacing and case ignored); null without one. */
  public String staffKeyOf(Party party) {
    return party == null || party.staffNumber() == null ? null : hmac("staff:" + PersonMatch.normal(party.staffNumber()));
  }

  /** The key of a name and date of birth as people match; null unless both are known. */
  public String personKeyOf(Party party) {
    return party == null || party.name() == null || party.dateOfBirth() == null ? null
        : hmac("person:" + PersonMatch.normal(party.name()) + "|" + party.dateOfBirth());
  }

  /** The keys of the sounds of a name's words with the year of birth (likely matches); none unless both are known. */
  public java.util.Set<String> soundKeysOf(Party party) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    if (party != null && party.name() != null && party.dateOfBirth() != null) {
      LikelyMatch.sounds(party.name()).forEach(sound -> keys.add(hmac("sound:" + sound + "|" + party.dateOfBirth().getYear())));
    }
    return keys;
  }

  /** The key of a free text refused or released for a case (its spacing and case ignored). */
  public String textKeyOf(String caseCode, String text) {
    return hmac("text:" + (caseCode == null ? "" : caseCode) + "|" + text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
  }

  private String hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
