package uk.police.daoversight.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded H2 database file is not opened as {@code sa} without a password (issue #17 item 5).
 * When the datasource is an H2 file ({@code jdbc:h2:file:…}) and no password is configured, the
 * application uses the password in the file next to the database ({@code ./data/oversight.password},
 * mode 600), made with 192 random bits on first start. A database from an earlier version, made
 * without a password, is given this one on that first start ({@code ALTER USER … SET PASSWORD}), so a
 * newcomer's cases are kept. A configured password (production, {@code DB_PASSWORD}) is used as it is.
 *
 * <p>The file is written before the database is changed: a start stopped in between finds the file
 * and a database still without a password, and finishes the change.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedDatabasePassword {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabasePassword.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{16,}");
  private static final String WRONG_PASSWORD = "28000";

  /** Gives Boot's datasource settings the embedded password before any datasource (or Flyway's) is made. */
  @Bean
  static BeanPostProcessor embeddedDatabasePasswordSetting() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties && applies(properties.getUrl(), properties.getPassword())) {
          properties.setPassword(ensure(properties.getUrl(), properties.getUsername() == null ? "sa" : properties.getUsername()));
        }
        return bean;
      }
    };
  }

  /** An H2 file database with no password configured. */
  public static boolean applies(String url, String password) {
    return url != null && url.startsWith("jdbc:h2:file:") && (password == null || password.isEmpty());
  }

  /** The password file of an H2 file URL: next to the database, {@code <name>.password}. */
  public static Path passwordFile(String url) {
    String path = url.substring("jdbc:h2:file:".length());
    int options = path.indexOf(';');
    return Path.of((options < 0 ? path : path.substring(0, options)) + ".password");
  }

  /**
   * The database's password: read from its file, or made and written there; a database that still
   * opens without a password is given it. Returns the password to connect with.
   */
  public static String ensure(String url, String user) {
    Path file = passwordFile(url);
    try {
      String password = Files.exists(file) ? read(file) : writeNew(file);
      if (databaseExists(url)) {
        setIfPasswordless(url, user, password);
      }
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("The embedded database's password file could not be read or written", e);
    }
  }

  private static boolean databaseExists(String url) {
    Path base = passwordFile(url);
    String name = base.getFileName().toString().replaceFirst("\\.password$", "");
    Path dir = base.toAbsolutePath().getParent();
    return Files.exists(dir.resolve(name + ".mv.db")) || Files.exists(dir.resolve(name + ".h2.db"));
  }

  private static void setIfPasswordless(String url, String user, String password) {
    String existing = url + (url.contains("IFEXISTS=") ? "" : ";IFEXISTS=TRUE");
    try (Connection c = DriverManager.getConnection(existing, user, password)) {
      return; // already has this password
    } catch (SQLException withPassword) {
      if (!WRONG_PASSWORD.equals(withPassword.getSQLState())) {
        throw new IllegalStateException("The embedded database could not be opened: " + withPassword.getMessage(), withPassword);
      }
    }
    try (Connection c = DriverManager.getConnection(existing, user, "");
         Statement st = c.createStatement()) {
      // The password is base64url (checked on reading): nothing in it can end the literal.
      st.execute("ALTER USER \"" + user.toUpperCase(java.util.Locale.ROOT) + "\" SET PASSWORD '" + password + "'");
      log.warn("Embedded database: the database made without a password now has the one in its password file");
    } catch (SQLException withoutPassword) {
      throw new IllegalStateException("The embedded database opens neither with the password in "
          + "its password file nor without one; restore the password file that belongs to it", withoutPassword);
    }
  }

  private static String read(Path file) throws IOException {
    String password = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (!SAFE.matcher(password).matches()) {
      throw new IllegalStateException("The embedded database's password file " + file + " does not hold a password made by this application");
    }
    return password;
  }

  /** Writes the file only if no other process did first (a hard link fails on an existing name). */
  private static String writeNew(Path file) throws IOException {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "oversight-password", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's own permissions apply.
      }
      Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
      Files.createLink(file, tmp);
      log.warn("Embedded database: made its password file {} on first start (mode 600)", file);
      return password;
    } catch (FileAlreadyExistsException lost) {
      return read(file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
