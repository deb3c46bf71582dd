package uk.police.daoversight.vault.seal;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;

/**
 * Seals and opens one case's values with its data key. The associated data binds each ciphertext to
 * its case, table and column: a value copied to another case, table or column does not open.
 * A sealed value reads {@code v1:} and the base64 of Tink's ciphertext (key id, nonce, text, tag).
 */
public final class CaseSeal {

  public static final String PREFIX = "v1:";

  private final String caseCode;
  private final Aead aead;
  /** Where the time spent sealing and opening is added up (VaultSeals' figure); may be null. */
  private final LongAdder nanos;

  CaseSeal(String caseCode, Aead aead) {
    this(caseCode, aead, null);
  }

  CaseSeal(String caseCode, Aead aead, LongAdder nanos) {
    this.caseCode = caseCode;
    this.aead = aead;
    this.nanos = nanos;
  }

  /** A seal for a case whose key is destroyed: it opens nothing, and seals nothing. */
  static CaseSeal erased(String caseCode) {
    return new CaseSeal(caseCode, null);
  }

  public String caseCode() {
    return caseCode;
  }

  public boolean erased() {
    return aead == null;
  }

  Aead aead() {
    return aead;
  }

  LongAdder nanos() {
    return nanos;
  }

  public static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  public String seal(String table, String column, String plain) {
    if (plain == null) {
      return null;
    }
    if (aead == null) {
      throw new CaseKeys.ErasedException(caseCode);
    }
    long start = System.nanoTime();
    try {
      return PREFIX + Base64.getEncoder().encodeToString(
          aead.encrypt(plain.getBytes(StandardCharsets.UTF_8), associatedData(table, column)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A value of case " + caseCode + " could not be sealed", e);
    } finally {
      spent(start);
    }
  }

  /** The plain value; null for null, and for every value of an erased case. */
  public String open(String table, String column, String sealed) {
    if (sealed == null || aead == null) {
      return null;
    }
    if (!isSealed(sealed)) {
      throw new TamperedException(caseCode, table, column);
    }
    long start = System.nanoTime();
    try {
      return new String(aead.decrypt(Base64.getDecoder().decode(sealed.substring(PREFIX.length())),
          associatedData(table, column)), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TamperedException(caseCode, table, column);
    } finally {
      spent(start);
    }
  }

  private void spent(long start) {
    if (nanos != null) {
      nanos.add(System.nanoTime() - start);
    }
  }

  private byte[] associatedData(String table, String column) {
    return (caseCode + "|" + table + "|" + column).getBytes(StandardCharsets.UTF_8);
  }

  /** A stored value that does not open with its own case, table and column: changed, moved or never sealed. */
  public static class TamperedException extends RuntimeException {
    public TamperedException(String caseCode, String table, String column) {
      super("A sealed value of case " + caseCode + " (" + table + "." + column + ") does not open: changed, moved or never sealed");
    }
  }
}
