package uk.police.daoversight.vault.seal;

import com.google.crypto.tink.Aead;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A bounded, short-lived cache of unwrapped case data keys, so that opening a case's values does not
 * unwrap its key through the KEK (a KMS call in production) on every use. An entry is used only while
 * the case's {@code case_key} row still holds the very wrapped key it was unwrapped from: the row is
 * read on every use ({@link CaseKeys#aead}), so a key destroyed (crypto-shredding) or replaced
 * (re-wrap, re-encryption) on any node of the cluster is never opened from the cache, not even for a
 * moment. The time limit and the size bound only keep unwrapped keys from staying in memory longer
 * than they are useful: least recently used entries go first, and an entry older than the time to
 * live is unwrapped again.
 */
public final class KeyCache {

  private record Entry(String wrapped, Aead aead, long loadedAtNanos) {}

  private final int maxEntries;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Entry> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder unwraps = new LongAdder();

  /**
   * @param maxEntries at most this many case keys (0: no cache)
   * @param ttl how long an unwrapped key may be used before it is unwrapped again
   * @param nanoTime the ticker ({@link System#nanoTime} outside tests)
   */
  public KeyCache(int maxEntries, Duration ttl, LongSupplier nanoTime) {
    if (maxEntries < 0 || ttl.isNegative()) {
      throw new IllegalArgumentException("The key cache needs a size and a time to live of 0 or more");
    }
    this.maxEntries = maxEntries;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > KeyCache.this.maxEntries;
      }
    };
  }

  public KeyCache(int maxEntries, Duration ttl) {
    this(maxEntries, ttl, System::nanoTime);
  }

  /** No cache: every use unwraps. */
  public static KeyCache none() {
    return new KeyCache(0, Duration.ZERO);
  }

  /** The unwrapped key, if the cache holds it for exactly this wrapped key and it is still fresh; else null. */
  synchronized Aead get(String caseCode, String wrapped) {
    Entry e = entries.get(caseCode);
    if (e == null || !e.wrapped().equals(wrapped) || nanoTime.getAsLong() - e.loadedAtNanos() > ttlNanos) {
      if (e != null) {
        entries.remove(caseCode);
      }
      unwraps.increment();
      return null;
    }
    hits.increment();
    return e.aead();
  }

  synchronized void put(String caseCode, String wrapped, Aead aead) {
    if (maxEntries > 0 && ttlNanos > 0) {
      entries.put(caseCode, new Entry(wrapped, aead, nanoTime.getAsLong()));
    }
  }

  /** Drops the case's key (shredded, re-wrapped or re-keyed here). */
  synchronized void forget(String caseCode) {
    entries.remove(caseCode);
  }

  /** Whether keys are kept at all. */
  public boolean enabled() {
    return maxEntries > 0 && ttlNanos > 0;
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Uses answered from the cache. */
  public long hits() {
    return hits.sum();
  }

  /** Uses that had to unwrap the key through the KEK. */
  public long unwraps() {
    return unwraps.sum();
  }
}
