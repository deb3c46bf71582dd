package uk.police.daoversight.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes of the force's case reference numbers, for the uniqueness of open cases. Reference
 * numbers are guessable, so a plain hash would not hide them; the key comes from configuration
 * ({@code oversight.vault.reference-key}, set it per force in production).
 */
@Component
public class ReferenceKeys {

  private final SecretKeySpec key;

  public ReferenceKeys(@Value("${oversight.vault.reference-key}") String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String keyOf(String externalReference) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      String normal = externalReference.trim().toUpperCase(Locale.ROOT);
      return HexFormat.of().formatHex(mac.doFinal(normal.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
