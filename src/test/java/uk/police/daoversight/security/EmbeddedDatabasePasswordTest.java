package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17 item 5, as someone holding a copy of the embedded database's file: it does not open as
 * {@code sa} without a password; it opens with the password made on first start (mode 600, next to
 * it); a passwordless database from an earlier version is given the password on the first start
 * with this version and keeps its rows.
 */
public class EmbeddedDatabasePasswordTest {

  static String url(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("oversight") + ";WRITE_DELAY=0";
  }

  @Test
  void aNewDatabaseDoesNotOpenWithoutThePasswordMadeOnFirstStart(@TempDir Path dir) throws Exception {
    String url = url(dir);
    assertThat(EmbeddedDatabasePassword.applies(url, "")).isTrue();
    String password = EmbeddedDatabasePassword.ensure(url, "sa");

    Path file = dir.resolve("oversight.password");
    assertThat(Files.readString(file).trim()).isEqualTo(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(password).hasSizeGreaterThanOrEqualTo(32);

    // The application's first connection creates the database with it (as the datasource does).
    try (Connection c = DriverManager.getConnection(url, "sa", password); Statement st = c.createStatement()) {
      st.execute("create table referral (code varchar(20))");
      st.execute("insert into referral values ('OV-1')");
    }
    assertOpensOnlyWith(url, password);

    // The next start reads the same password and changes nothing.
    assertThat(EmbeddedDatabasePassword.ensure(url, "sa")).isEqualTo(password);
    assertOpensOnlyWith(url, password);
  }

  @Test
  void aPasswordlessDatabaseFromAnEarlierVersionIsGivenThePasswordAndKeepsItsRows(@TempDir Path dir) throws Exception {
    String url = url(dir);
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
      st.execute("create table referral (code varchar(20))");
      st.execute("insert into referral values ('OV-1'), ('OV-2')");
    }
    String password = EmbeddedDatabasePassword.ensure(url, "sa");
    assertOpensOnlyWith(url, password);
    try (Connection c = DriverManager.getConnection(url, "sa", password); Statement st = c.createStatement();
         var rows = st.executeQuery("select count(*) from referral")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(2);
    }
  }

  @Test
  void aStartStoppedAfterWritingTheFileFinishesTheChangeNextTime(@TempDir Path dir) throws Exception {
    String url = url(dir);
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
      st.execute("create table referral (code varchar(20))");
    }
    Files.writeString(dir.resolve("oversight.password"), "written-before-the-stop-0123456789\n");
    assertThat(EmbeddedDatabasePassword.ensure(url, "sa")).isEqualTo("written-before-the-stop-0123456789");
    assertOpensOnlyWith(url, "written-before-the-stop-0123456789");
  }

  @Test
  void aDatabaseWhosePasswordFileIsLostIsNotTouched(@TempDir Path dir) throws Exception {
    String url = url(dir);
    try (Connection c = DriverManager.getConnection(url, "sa", "someone-elses-password")) {
      assertThat(c.isValid(1)).isTrue();
    }
    assertThatThrownBy(() -> EmbeddedDatabasePassword.ensure(url, "sa")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("restore the password file");
    try (Connection c = DriverManager.getConnection(url, "sa", "someone-elses-password")) {
      assertThat(c.isValid(1)).as("still opens with its own password").isTrue();
    }
  }

  @Test
  void onlyAnH2FileWithoutAConfiguredPasswordIsGivenOne() {
    assertThat(EmbeddedDatabasePassword.applies("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "")).isFalse();
    assertThat(EmbeddedDatabasePassword.applies("jdbc:postgresql://127.0.0.1/x", "")).isFalse();
    assertThat(EmbeddedDatabasePassword.applies("jdbc:h2:file:./data/oversight", "configured")).isFalse();
    assertThat(EmbeddedDatabasePassword.passwordFile("jdbc:h2:file:./data/oversight;WRITE_DELAY=0"))
        .isEqualTo(Path.of("./data/oversight.password"));
  }

  /** The database at this URL does not open as sa without a password, and opens with this one. */
  public static void assertOpensOnlyWith(String url, String password) throws SQLException {
    String existing = url + ";IFEXISTS=TRUE";
    assertThatThrownBy(() -> DriverManager.getConnection(existing, "sa", "").close())
        .as("sa without a password").isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
    try (Connection c = DriverManager.getConnection(existing, "sa", password)) {
      assertThat(c.isValid(1)).isTrue();
    }
  }
}
