package uk.police.daoversight.vault.seal;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For the lifecycle benchmark only: the vault's seals with sealing switchable at run time, so that
 * one application can be measured with and without it, round after round. {@link Mode#SHIPPED} is
 * the product (key cache on); {@link Mode#UNCACHED} unwraps every case key through the KEK on every
 * use, as before the key cache; {@link Mode#OFF} stores values without encryption and without any
 * key (a marked copy, which every mode opens), i.e. the application as it would be without sealing.
 */
public final class SwitchableSeals extends VaultSeals {

  public enum Mode { SHIPPED, UNCACHED, OFF }

  private static final byte[] PLAIN = "plain:".getBytes(StandardCharsets.UTF_8);

  private final VaultSeals uncached;
  private volatile Mode mode = Mode.SHIPPED;

  public SwitchableSeals(JdbcTemplate jdbc, VaultKek kek, Clock clock, int maxEntries, java.time.Duration ttl) {
    super(new CaseKeys(jdbc, kek, clock, new KeyCache(maxEntries, ttl)));
    this.uncached = new VaultSeals(new CaseKeys(jdbc, kek, clock));
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  public Mode mode() {
    return mode;
  }

  @Override
  public CaseSeal of(String caseCode) {
    return switch (mode) {
      case OFF -> new CaseSeal(caseCode, PlainMarked.INSTANCE);
      case UNCACHED -> opensMarked(uncached.of(caseCode));
      case SHIPPED -> opensMarked(super.of(caseCode));
    };
  }

  @Override
  public CaseSeal of(String caseCode, java.sql.ResultSet row) throws java.sql.SQLException {
    return switch (mode) {
      case OFF -> new CaseSeal(caseCode, PlainMarked.INSTANCE);
      case UNCACHED -> opensMarked(uncached.of(caseCode, row));
      case SHIPPED -> opensMarked(super.of(caseCode, row));
    };
  }

  /** Time spent by the shipped and the uncached seals together. */
  @Override
  public long timeSpentNanos() {
    return super.timeSpentNanos() + uncached.timeSpentNanos();
  }

  @Override
  public long lookups() {
    return super.lookups() + uncached.lookups();
  }

  /** Unwraps through the KEK by both seals (the uncached one unwraps on every look-up). */
  public long unwraps() {
    return keys().cache().unwraps() + uncached.lookups();
  }

  /** A real seal that also opens the marked copies written while sealing was off (in other rounds). */
  private CaseSeal opensMarked(CaseSeal real) {
    if (real.erased()) {
      return real;
    }
    return new CaseSeal(real.caseCode(), new MarkedOrReal(real.aead()), real.nanos());
  }

  private record MarkedOrReal(Aead real) implements Aead {
    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
      return real.encrypt(plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
      return PlainMarked.marked(ciphertext) ? PlainMarked.INSTANCE.decrypt(ciphertext, associatedData)
          : real.decrypt(ciphertext, associatedData);
    }
  }

  private enum PlainMarked implements Aead {
    INSTANCE;

    static boolean marked(byte[] text) {
      return text.length >= PLAIN.length && Arrays.equals(text, 0, PLAIN.length, PLAIN, 0, PLAIN.length);
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
      byte[] out = Arrays.copyOf(PLAIN, PLAIN.length + plaintext.length);
      System.arraycopy(plaintext, 0, out, PLAIN.length, plaintext.length);
      return out;
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
      // A real ciphertext read while sealing is off comes back as it is: the benchmark does not look at it.
      return marked(ciphertext) ? Arrays.copyOfRange(ciphertext, PLAIN.length, ciphertext.length) : ciphertext.clone();
    }
  }
}
