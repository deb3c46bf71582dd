package uk.police.daoversight.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.police.daoversight.cluster.NodeClient.Answer;
import uk.police.daoversight.security.EmbeddedDatabasePasswordTest;
import uk.police.daoversight.support.Referrals;

/**
 * The embedded default ({@code mvn spring-boot:run}: H2 file under {@code ./data}) as a newcomer or
 * a small force runs it, killed with SIGKILL in the middle of a burst of referrals: every referral
 * that was answered 201 is still there after a restart, and the embedded database never listened on
 * a network port of its own.
 */
class EmbeddedCrashTest {

  static final int REFERRALS = 25;

  @Test
  void noReferralAnswered201IsLostWhenTheEmbeddedDefaultIsKilled(@TempDir Path home) throws Exception {
    NodeClient client = new NodeClient();
    List<String> accepted = new ArrayList<>();
    try (ClusterNode node = ClusterNode.startEmbedded("embedded-crash-1", home)) {
      assertThat(Files.exists(home.resolve("data"))).as("the H2 file lives under ./data of the working directory").isTrue();
      assertThat(listeningPorts(node.pid())).as("the only port the embedded default listens on is its HTTP port")
          .containsExactly(node.port);

      ExecutorService pool = Executors.newFixedThreadPool(5);
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < REFERRALS; i++) {
        Map<String, Object> referral = NodeClient.JSON.convertValue(Referrals.policeVictim("MASH"), Map.class);
        answers.add(pool.submit(() -> client.post(node, "/api/referrals", "coordinator", referral)));
      }
      for (Future<Answer> answer : answers) {
        Answer a = answer.get();
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        accepted.add(a.json().get("caseCode").asText());
      }
      // The moment the last 201 is in: no shutdown, no flush, no chance to write anything late.
      node.kill();
      pool.shutdownNow();
    }
    assertThat(accepted).hasSize(REFERRALS).doesNotHaveDuplicates();

    try (ClusterNode again = ClusterNode.startEmbedded("embedded-crash-2", home)) {
      List<String> missing = new ArrayList<>();
      for (String code : accepted) {
        Answer running = client.get(again, "/engine-rest/process-instance/count?processDefinitionKey=oversightCase&businessKey=" + code, "admin");
        Answer identity = client.get(again, "/api/cases/" + code + "/identity?purpose=ALLOCATION", "coordinator");
        if (running.json().get("count").asInt() != 1 || identity.status() != 200) {
          missing.add(code + " (running: " + running.body() + ", vault: " + identity.status() + ")");
        }
      }
      assertThat(missing).as("cases answered 201 before the kill, missing after the restart").isEmpty();
    }

    // Issue #17 item 5: the database the newcomer's first start made does not open as sa without a
    // password; it opens with the one in its password file (mode 600) beside it.
    Path passwordFile = home.resolve("data").resolve("oversight.password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    EmbeddedDatabasePasswordTest.assertOpensOnlyWith("jdbc:h2:file:" + home.resolve("data").resolve("oversight"),
        Files.readString(passwordFile).trim());
  }

  /** The TCP ports a process listens on, from /proc (Linux): its socket inodes matched to listening sockets. */
  static Set<Integer> listeningPorts(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          Matcher socket = Pattern.compile("socket:\\[(\\d+)]").matcher(Files.readSymbolicLink(fd).toString());
          if (socket.matches()) {
            inodes.add(socket.group(1));
          }
        } catch (IOException e) {
          // the descriptor closed meanwhile
        }
      }
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] f = line.trim().split("\\s+");
        // f[1] local address:port (hex), f[3] state (0A = LISTEN), f[9] inode
        if ("0A".equals(f[3]) && inodes.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }
}
