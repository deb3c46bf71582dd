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

  private final SecretKeySpec key;

  public ReferenceKeys(@Value("${oversight.vault.reference-key}") String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
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
