package uk.police.daoversight.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;

/**
 * Local users' passwords hashed with PBKDF2-HMAC-SHA256 (issue #17 item 4): a slow function with its
 * own random salt per hash (besides the engine's per-user salt), stored as
 * {@code iterations$salt$hash} after the engine's {@code {PBKDF2-SHA256}} prefix. The iteration count
 * travels with each hash, so raising it later leaves older hashes checkable.
 */
public class Pbkdf2PasswordEncryptor implements PasswordEncryptor {

  public static final String NAME = "PBKDF2-SHA256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  public Pbkdf2PasswordEncryptor(int iterations) {
    if (iterations < 1000) {
      throw new IllegalArgumentException("PBKDF2 needs at least 1000 iterations");
    }
    this.iterations = iterations;
  }

  @Override
  public String encrypt(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
  }

  @Override
  public boolean check(String password, String encrypted) {
    String[] parts = encrypted == null ? new String[0] : encrypted.split("\\$");
    if (parts.length != 3) {
      return false;
    }
    try {
      int n = Integer.parseInt(parts[0]);
      byte[] salt = Base64.getDecoder().decode(parts[1]);
      byte[] expected = Base64.getDecoder().decode(parts[2]);
      return n >= 1000 && MessageDigest.isEqual(expected, derive(password, salt, n));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /**
   * Whether a stored hash (with the engine's algorithm prefix) is this encryptor's with at least the
   * configured iterations; anything else (the engine's SHA-512 or SHA-1, fewer iterations) is
   * upgraded at the user's next login ({@link RehashingIdentityProvider}).
   */
  public boolean isCurrent(String stored) {
    String prefix = "{" + NAME + "}";
    if (stored == null || !stored.startsWith(prefix)) {
      return false;
    }
    String rest = stored.substring(prefix.length());
    int dollar = rest.indexOf('$');
    try {
      return dollar > 0 && Integer.parseInt(rest.substring(0, dollar)) >= iterations;
    } catch (NumberFormatException malformed) {
      return false;
    }
  }

  public int iterations() {
    return iterations;
  }

  @Override
  public String hashAlgorithmName() {
    return NAME;
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
