package uk.police.daoversight.vault.seal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands out a case's {@link CaseSeal}. The case's key row is read on every use (so shredding on any
 * node counts at once), its unwrapped key comes from a bounded, short-lived {@link KeyCache}
 * ({@code oversight.vault.key-cache.max-entries}, default 1000; {@code oversight.vault.key-cache.ttl},
 * default 5 minutes; 0 entries switches it off), and within one transaction a case's key is looked
 * up once. Keeps the time spent getting keys, sealing and opening (for the lifecycle benchmark).
 */
@Component
public class VaultSeals {

  private final CaseKeys keys;
  private final LongAdder nanos = new LongAdder();
  private final LongAdder lookups = new LongAdder();

  @Autowired
  public VaultSeals(JdbcTemplate jdbc, VaultKek kek, Clock clock,
                    @Value("${oversight.vault.key-cache.max-entries:1000}") int maxEntries,
                    @Value("${oversight.vault.key-cache.ttl:PT5M}") Duration ttl) {
    this(new CaseKeys(jdbc, kek, clock, new KeyCache(maxEntries, ttl)));
  }

  public VaultSeals(CaseKeys keys) {
    this.keys = keys;
  }

  /** The case's seal (its key made if it has none yet); an erased case's seal opens nothing. */
  public CaseSeal of(String caseCode) {
    long start = System.nanoTime();
    lookups.increment();
    try {
      return new CaseSeal(caseCode, keys.aead(caseCode), nanos);
    } catch (CaseKeys.ErasedException erased) {
      return CaseSeal.erased(caseCode);
    } finally {
      nanos.add(System.nanoTime() - start);
    }
  }

  /**
   * The case's seal from its key row as read together with the sealed values (the query joins
   * {@code case_key k} and selects {@link CaseKeys#KEY_COLUMNS}): no second look-up.
   */
  public CaseSeal of(String caseCode, java.sql.ResultSet row) throws java.sql.SQLException {
    boolean found = row.getString("key_case_code") != null;
    String wrapped = row.getString("key_wrapped_key");
    long start = System.nanoTime();
    lookups.increment();
    try {
      return new CaseSeal(caseCode, keys.aead(caseCode, found, wrapped), nanos);
    } catch (CaseKeys.ErasedException erased) {
      return CaseSeal.erased(caseCode);
    } finally {
      nanos.add(System.nanoTime() - start);
    }
  }

  public CaseKeys keys() {
    return keys;
  }

  /** Nanoseconds spent so far getting case keys, sealing and opening values (every thread). */
  public long timeSpentNanos() {
    return nanos.sum();
  }

  /** Seals handed out so far. */
  public long lookups() {
    return lookups.sum();
  }
}
