package uk.police.daoversight.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import uk.police.daoversight.Application;

/**
 * One application node as production runs it: its own JVM (so it can be killed, not shut down),
 * the {@code postgres} profile on the shared database, its own job executor, and the same
 * configuration as every other node but for its name and port.
 */
final class ClusterNode implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

  final String name;
  final int port;
  private final Path log;
  private final Process process;

  private ClusterNode(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts the node and returns when it serves authenticated requests (engine, users and grants ready). */
  static ClusterNode start(String name, String database, List<String> settings) throws IOException {
    List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres,demo", "--DB_NAME=" + database,
        "--NODE_NAME=" + name, "--logging.level.org.camunda.bpm.engine.jobexecutor=warn"));
    arguments.addAll(settings);
    return launch(name, arguments, null);
  }

  /**
   * The embedded default exactly as {@code mvn spring-boot:run} starts it (no profile: the H2 file
   * under {@code ./data}, demo users), with {@code workingDirectory} as its {@code .}.
   */
  static ClusterNode startEmbedded(String name, Path workingDirectory) throws IOException {
    return launch(name, List.of(), workingDirectory);
  }

  private static ClusterNode launch(String name, List<String> arguments, Path workingDirectory) throws IOException {
    int port = freePort();
    Path log = Path.of("target", "cluster", name + ".log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
        "-cp", classpath(), Application.class.getName(), "--server.port=" + port, "--logging.level.root=warn"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    ClusterNode node = new ClusterNode(name, port, log, builder.start());
    node.awaitReady();
    return node;
  }

  long pid() {
    return process.pid();
  }

  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up (exit " + process.exitValue() + "); see " + log);
      }
      try {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/engine-rest/user/count"))
            .header("Authorization", basic("admin", "demo")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      sleep(Duration.ofMillis(500));
    }
    close();
    throw new IllegalStateException(name + " did not become ready within " + START_TIMEOUT + "; see " + log);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** SIGKILL: no shutdown hook, no job executor shutdown, no unlocking. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * SIGSTOP: the node freezes as a stalled machine does (a long GC pause, a hung VM): it holds its
   * connections and does nothing, its job executor included, until {@link #resume()}.
   */
  void pause() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** SIGCONT: the frozen node carries on where it stopped. */
  void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill " + signal + " " + name + " failed");
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Surefire hands the test class path to the forked JVM in this property (java.class.path is its
   * booter jar). Entries are made unique: a folder listed twice would deploy every model twice.
   */
  private static String classpath() {
    String path = System.getProperty("surefire.test.class.path");
    String raw = path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    return String.join(File.pathSeparator, List.of(raw.split(File.pathSeparator)).stream()
        .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", port " + port + ")";
  }
}
