package uk.police.daoversight.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.police.daoversight.security.EmbeddedDatabasePasswordTest;

/**
 * Issue #17 item 5: a newcomer's ./data database from an earlier version, made without a password,
 * is given one by the first start of this version (the real embedded default, {@code mvn
 * spring-boot:run} as a process), keeps what it held, and afterwards opens only with that password.
 */
class EmbeddedDatabaseUpgradeTest {

  @Test
  void aPasswordlessDatabaseFromAnEarlierVersionIsKeptAndGivenAPassword(@TempDir Path home) throws Exception {
    String url = "jdbc:h2:file:" + home.resolve("data").resolve("oversight");
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
      st.execute("create table earlier_version_notes (note varchar(100))");
      st.execute("insert into earlier_version_notes values ('kept across the upgrade')");
    }

    try (ClusterNode node = ClusterNode.startEmbedded("embedded-upgrade", home)) {
      NodeClient.Answer tasks = new NodeClient().get(node, "/engine-rest/task/count", "coordinator");
      assertThat(tasks.status()).as("the upgraded embedded default serves its users").isEqualTo(200);
    }

    String password = Files.readString(home.resolve("data").resolve("oversight.password")).trim();
    EmbeddedDatabasePasswordTest.assertOpensOnlyWith(url, password);
    try (Connection c = DriverManager.getConnection(url, "sa", password); Statement st = c.createStatement();
         ResultSet rows = st.executeQuery("select note from earlier_version_notes")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("kept across the upgrade");
    }
  }
}
