package uk.police.daoversight.vault.seal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key-encryption key (KEK) that wraps every case's data key. It never lives in the database:
 * <ul>
 *   <li>production: a KMS key, {@code oversight.vault.kms-key-uri} ({@code VAULT_KMS_KEY_URI}), e.g.
 *       {@code aws-kms://arn:aws:kms:eu-west-2:…:key/…} or {@code gcp-kms://projects/…/cryptoKeys/…},
 *       through the Tink {@code KmsClient} registered for that scheme (README "Sealed vault");</li>
 *   <li>a Tink keyset given whole in {@code oversight.vault.kek} ({@code VAULT_KEK}, JSON);</li>
 *   <li>the embedded demo: a Tink keyset file, {@code oversight.vault.kek-file} ({@code VAULT_KEK_FILE},
 *       default {@code ./data/vault-kek.json}), made on first start in demo mode only.</li>
 * </ul>
 * A keyset KEK rotates by adding a new primary key ({@link #rotate()}): the new key wraps from then on,
 * the older keys still unwrap (Tink picks the key by the id in each ciphertext).
 */
@Component
public class VaultKek {

  private static final Logger log = LoggerFactory.getLogger(VaultKek.class);

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String kmsUri;
  private final Path file;
  private volatile KeysetHandle keyset;
  private volatile Aead aead;

  public VaultKek(@Value("${oversight.vault.kms-key-uri:}") String kmsUri,
                  @Value("${oversight.vault.kek:}") String inlineKeyset,
                  @Value("${oversight.vault.kek-file:./data/vault-kek.json}") String file,
                  @Value("${oversight.demo.enabled:false}") boolean demo) {
    try {
      if (kmsUri != null && !kmsUri.isBlank()) {
        this.kmsUri = kmsUri.trim();
        this.file = null;
        this.aead = KmsClients.get(this.kmsUri).getAead(this.kmsUri);
        return;
      }
      this.kmsUri = null;
      if (inlineKeyset != null && !inlineKeyset.isBlank()) {
        this.file = null;
        use(TinkJsonProtoKeysetFormat.parseKeyset(inlineKeyset, InsecureSecretKeyAccess.get()));
        return;
      }
      this.file = Path.of(file);
      if (Files.exists(this.file)) {
        use(TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(this.file), InsecureSecretKeyAccess.get()));
      } else if (demo) {
        use(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        if (!writeNew()) {
          // Another node of the same demo made it first: every node must use the same key.
          use(TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(this.file), InsecureSecretKeyAccess.get()));
        }
        log.warn("Vault: made a new key-encryption key file for the embedded demo; outside demo mode set "
            + "VAULT_KMS_KEY_URI (or VAULT_KEK / VAULT_KEK_FILE)");
      } else {
        throw new IllegalStateException("No vault key-encryption key: outside demo mode set VAULT_KMS_KEY_URI "
            + "(a KMS key), VAULT_KEK (a Tink keyset) or VAULT_KEK_FILE (an existing Tink keyset file)");
      }
    } catch (GeneralSecurityException e) {
      // The exception names the problem, never key material.
      throw new IllegalStateException("The vault key-encryption key could not be loaded: " + e.getClass().getSimpleName(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("The vault key-encryption key file could not be read or written", e);
    }
  }

  private void use(KeysetHandle handle) throws GeneralSecurityException {
    this.keyset = handle;
    this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  /** Which key wraps from now on: the KMS key, or the keyset's primary key id. */
  public String currentVersion() {
    return kmsUri != null ? "kms:" + kmsUri : "kek:" + Integer.toUnsignedString(keyset.getPrimary().getId());
  }

  byte[] wrap(byte[] plain, byte[] associatedData) throws GeneralSecurityException {
    return aead.encrypt(plain, associatedData);
  }

  byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
    return aead.decrypt(wrapped, associatedData);
  }

  Aead aead() {
    return aead;
  }

  /**
   * A new primary key for a keyset KEK (kept in its file when there is one); the old keys stay to
   * unwrap what they wrapped until the re-wrap job has moved every case key. A KMS key rotates in the
   * KMS (its URI stays the same), so there is nothing to do here.
   */
  public synchronized String rotate() {
    if (kmsUri != null) {
      throw new IllegalStateException("A KMS key-encryption key is rotated in the KMS itself");
    }
    try {
      KeysetHandle rotated = KeysetHandle.newBuilder(keyset)
          .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
          .build();
      use(rotated);
      if (file != null) {
        write();
      }
      return currentVersion();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The key-encryption key could not be rotated: " + e.getClass().getSimpleName(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("The key-encryption key file could not be written", e);
    }
  }

  /** How many keys the KEK holds (a KMS key counts as one). */
  public int keyCount() {
    return kmsUri != null ? 1 : keyset.size();
  }

  /** Writes the file only if no other process did first (a hard link fails on an existing name). */
  private boolean writeNew() throws IOException, GeneralSecurityException {
    Path tmp = temporary();
    try {
      Files.createLink(file, tmp);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException lost) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path temporary() throws IOException, GeneralSecurityException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "vault-kek", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the folder's own permissions apply.
    }
    Files.writeString(tmp, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()), StandardCharsets.UTF_8);
    return tmp;
  }

  private void write() throws IOException, GeneralSecurityException {
    Files.move(temporary(), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
