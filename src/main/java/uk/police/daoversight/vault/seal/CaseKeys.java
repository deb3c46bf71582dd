package uk.police.daoversight.vault.seal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each case's own data key (a Tink AES-256-GCM keyset) in {@code case_key}, stored only wrapped by
 * the {@link VaultKek}, bound to its case code. Destroying it (crypto-shredding) leaves the row with
 * no key: every sealed value of that case, in this database and in every backup of it, is noise.
 * A plain class over a {@link JdbcTemplate}, so that the migration runs it on Flyway's connection.
 */
public class CaseKeys {

  /** The case's key is destroyed: its identities cannot be opened any more. */
  public static class ErasedException extends RuntimeException {
    public ErasedException(String caseCode) {
      super("The identities of case " + caseCode + " were erased at the end of retention");
    }
  }

  private final JdbcTemplate jdbc;
  private final VaultKek kek;
  private final Clock clock;
  private final KeyCache cache;
  /** This instance's per-transaction memo, bound as a transaction resource. */
  private final Object memoKey = new Object();
  /** Marks, in a transaction's memo, a case whose key is destroyed. */
  private static final Aead ERASED = new Aead() {
    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
      throw new GeneralSecurityException("erased");
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
      throw new GeneralSecurityException("erased");
    }
  };

  /** Without a cache: every use unwraps the case's key again (the migrations). */
  public CaseKeys(JdbcTemplate jdbc, VaultKek kek, Clock clock) {
    this(jdbc, kek, clock, KeyCache.none());
  }

  public CaseKeys(JdbcTemplate jdbc, VaultKek kek, Clock clock, KeyCache cache) {
    this.jdbc = jdbc;
    this.kek = kek;
    this.clock = clock;
    this.cache = cache;
  }

  /**
   * The case's data key, made (and wrapped) the first time it is needed. The row is read every time,
   * so a key destroyed or replaced by any node is seen at once; only the unwrapping through the KEK
   * (a KMS call in production) is skipped when the row still holds the wrapped key already unwrapped.
   */
  public Aead aead(String caseCode) {
    Map<String, Aead> memo = memo();
    Aead known = memo == null ? null : memo.get(caseCode);
    if (known == ERASED) {
      throw new ErasedException(caseCode);
    }
    if (known != null) {
      return known;
    }
    try {
      Aead aead = load(caseCode);
      if (memo != null) {
        memo.put(caseCode, aead);
      }
      return aead;
    } catch (ErasedException erased) {
      if (memo != null) {
        memo.put(caseCode, ERASED);
      }
      throw erased;
    }
  }

  /**
   * The case's data key from its {@code case_key} row as the caller has just read it in the same
   * statement as the sealed values ({@link #KEY_COLUMNS}), so that opening them needs no second
   * query; a case with no key row yet is looked up (and keyed) as by {@link #aead(String)}.
   */
  public Aead aead(String caseCode, boolean keyRowFound, String wrapped) {
    if (!keyRowFound) {
      return aead(caseCode);
    }
    Map<String, Aead> memo = memo();
    Aead known = memo == null ? null : memo.get(caseCode);
    if (known == ERASED) {
      throw new ErasedException(caseCode);
    }
    if (known != null) {
      return known;
    }
    try {
      Aead aead = fromRow(caseCode, wrapped);
      if (memo != null) {
        memo.put(caseCode, aead);
      }
      return aead;
    } catch (ErasedException erased) {
      if (memo != null) {
        memo.put(caseCode, ERASED);
      }
      throw erased;
    }
  }

  /**
   * What a query joining {@code case_key k} on the case code selects for {@link #aead(String, boolean, String)}:
   * whether the key row exists and its wrapped key.
   */
  public static final String KEY_COLUMNS = "k.case_code as key_case_code, k.wrapped_key as key_wrapped_key";

  private Aead load(String caseCode) {
    List<Map<String, Object>> rows = jdbc.queryForList("select wrapped_key from case_key where case_code = ?", caseCode);
    if (rows.isEmpty()) {
      cache.forget(caseCode);
      return create(caseCode);
    }
    return fromRow(caseCode, (String) rows.get(0).get("wrapped_key"));
  }

  private Aead fromRow(String caseCode, String wrapped) {
    if (wrapped == null) {
      cache.forget(caseCode);
      throw new ErasedException(caseCode);
    }
    Aead cached = cache.get(caseCode, wrapped);
    if (cached != null) {
      return cached;
    }
    Aead aead = primitive(unwrap(caseCode, wrapped));
    cache.put(caseCode, wrapped, aead);
    return aead;
  }

  /**
   * Within one transaction a case's key is looked up once: the transaction's later uses of it take
   * the same key (a key destroyed by another node meanwhile is, for this transaction, destroyed after
   * it read). Only when the cache is on; outside a Spring transaction every use looks it up.
   */
  private Map<String, Aead> memo() {
    if (!cache.enabled() || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Aead> memo = (Map<String, Aead>) TransactionSynchronizationManager.getResource(memoKey);
    if (memo == null) {
      Map<String, Aead> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(memoKey, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(memoKey);
        }
      });
      memo = fresh;
    }
    return memo;
  }

  /** Forgets the case's key here: in this transaction and in the cache. */
  private void forget(String caseCode) {
    cache.forget(caseCode);
    if (TransactionSynchronizationManager.hasResource(memoKey)) {
      @SuppressWarnings("unchecked")
      Map<String, Aead> memo = (Map<String, Aead>) TransactionSynchronizationManager.getResource(memoKey);
      memo.remove(caseCode);
    }
  }

  /** The cache of unwrapped keys (its counts, for the benchmark and tests). */
  public KeyCache cache() {
    return cache;
  }

  /** Whether the case's key was destroyed. */
  public boolean erased(String caseCode) {
    Integer n = jdbc.queryForObject("select count(*) from case_key where case_code = ? and wrapped_key is null",
        Integer.class, caseCode);
    return n != null && n > 0;
  }

  private Aead create(String caseCode) {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      String wrapped = wrap(caseCode, handle);
      jdbc.update("insert into case_key (case_code, kek_version, wrapped_key, created_at) values (?,?,?,?)",
          caseCode, kek.currentVersion(), wrapped, Timestamp.from(clock.instant()));
      Aead aead = primitive(handle);
      cache.put(caseCode, wrapped, aead);
      return aead;
    } catch (DuplicateKeyException raced) {
      return aead(caseCode);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A data key could not be made for case " + caseCode, e);
    }
  }

  /**
   * Crypto-shredding: the wrapped key is overwritten with nothing. Returns false when it was gone already.
   */
  public boolean destroy(String caseCode) {
    forget(caseCode);
    int n = jdbc.update("update case_key set wrapped_key = null, destroyed_at = ? where case_code = ? and wrapped_key is not null",
        Timestamp.from(clock.instant()), caseCode);
    if (n == 0) {
      Integer exists = jdbc.queryForObject("select count(*) from case_key where case_code = ?", Integer.class, caseCode);
      if (exists == null || exists == 0) {
        // A case that never had a key gets a destroyed one, so that nothing can be sealed for it afterwards.
        jdbc.update("insert into case_key (case_code, kek_version, wrapped_key, created_at, destroyed_at) values (?,?,?,?,?)",
            caseCode, kek.currentVersion(), null, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()));
        return true;
      }
    }
    return n > 0;
  }

  /** The KEK version that wraps from now on. */
  public String currentVersionLabel() {
    return kek.currentVersion();
  }

  /** Case keys still wrapped by an older KEK version (up to {@code limit}). */
  public List<String> wrappedByOlderKek(int limit) {
    return jdbc.queryForList("select case_code from case_key where wrapped_key is not null and kek_version <> ? order by case_code",
        String.class, kek.currentVersion()).stream().limit(limit).toList();
  }

  /** Unwraps with whichever KEK key wrapped it and wraps again with the current one. */
  public boolean rewrap(String caseCode) {
    forget(caseCode);
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select wrapped_key, kek_version from case_key where case_code = ? and wrapped_key is not null", caseCode);
    if (rows.isEmpty() || kek.currentVersion().equals(rows.get(0).get("kek_version"))) {
      return false;
    }
    KeysetHandle handle = unwrap(caseCode, (String) rows.get(0).get("wrapped_key"));
    return jdbc.update("update case_key set wrapped_key = ?, kek_version = ?, rewrapped_at = ? where case_code = ? and wrapped_key = ?",
        wrap(caseCode, handle), kek.currentVersion(), Timestamp.from(clock.instant()), caseCode, rows.get(0).get("wrapped_key")) == 1;
  }

  /**
   * A new primary data key for the case (the old one kept to open older values until they are sealed
   * again): the re-encryption job's first step.
   */
  public void addDataKey(String caseCode) {
    forget(caseCode);
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select wrapped_key from case_key where case_code = ? and wrapped_key is not null", caseCode);
    if (rows.isEmpty()) {
      throw new ErasedException(caseCode);
    }
    try {
      KeysetHandle handle = unwrap(caseCode, (String) rows.get(0).get("wrapped_key"));
      KeysetHandle grown = KeysetHandle.newBuilder(handle)
          .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
          .build();
      jdbc.update("update case_key set wrapped_key = ?, kek_version = ? where case_code = ?",
          wrap(caseCode, grown), kek.currentVersion(), caseCode);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A new data key could not be made for case " + caseCode, e);
    }
  }

  /** Keeps only the case's primary data key, once every value is sealed with it. */
  public void dropOldDataKeys(String caseCode) {
    forget(caseCode);
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select wrapped_key from case_key where case_code = ? and wrapped_key is not null", caseCode);
    if (rows.isEmpty()) {
      return;
    }
    try {
      KeysetHandle handle = unwrap(caseCode, (String) rows.get(0).get("wrapped_key"));
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
      for (int i = builder.size() - 1; i >= 0; i--) {
        if (!builder.getAt(i).isPrimary()) {
          builder.deleteAt(i);
        }
      }
      jdbc.update("update case_key set wrapped_key = ?, kek_version = ? where case_code = ?",
          wrap(caseCode, builder.build()), kek.currentVersion(), caseCode);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The old data keys of case " + caseCode + " could not be dropped", e);
    }
  }

  /** How many data keys the case holds (1 normally, 2 during re-encryption). */
  public int dataKeyCount(String caseCode) {
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select wrapped_key from case_key where case_code = ? and wrapped_key is not null", caseCode);
    return rows.isEmpty() ? 0 : unwrap(caseCode, (String) rows.get(0).get("wrapped_key")).size();
  }

  private String wrap(String caseCode, KeysetHandle handle) {
    try {
      return Base64.getEncoder().encodeToString(
          TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, kek.aead(), associatedData(caseCode)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The data key of case " + caseCode + " could not be wrapped", e);
    }
  }

  private KeysetHandle unwrap(String caseCode, String wrapped) {
    try {
      return TinkProtoKeysetFormat.parseEncryptedKeyset(Base64.getDecoder().decode(wrapped), kek.aead(), associatedData(caseCode));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("The data key of case " + caseCode + " could not be unwrapped "
          + "(wrong key-encryption key, or the key row was moved or changed)", e);
    }
  }

  private static Aead primitive(KeysetHandle handle) {
    try {
      return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static byte[] associatedData(String caseCode) {
    return ("case_key|" + caseCode).getBytes(StandardCharsets.UTF_8);
  }
}
