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
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

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

  public CaseKeys(JdbcTemplate jdbc, VaultKek kek, Clock clock) {
    this.jdbc = jdbc;
    this.kek = kek;
    this.clock = clock;
  }

  /** The case's data key, made (and wrapped) the first time it is needed. */
  public Aead aead(String caseCode) {
    List<Map<String, Object>> rows = jdbc.queryForList("select wrapped_key from case_key where case_code = ?", caseCode);
    if (rows.isEmpty()) {
      return create(caseCode);
    }
    Object wrapped = rows.get(0).get("wrapped_key");
    if (wrapped == null) {
      throw new ErasedException(caseCode);
    }
    return primitive(unwrap(caseCode, (String) wrapped));
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
      jdbc.update("insert into case_key (case_code, kek_version, wrapped_key, created_at) values (?,?,?,?)",
          caseCode, kek.currentVersion(), wrap(caseCode, handle), Timestamp.from(clock.instant()));
      return primitive(handle);
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
