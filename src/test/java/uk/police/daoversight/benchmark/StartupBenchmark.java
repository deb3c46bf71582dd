package uk.police.daoversight.benchmark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Benchmark 5: start-up time (process launch to HTTP ready: {@code /actuator/health/readiness}
 * answers 200, which Spring Boot gives only once the application has started and its start-up
 * listeners have run) and resident memory at that moment (VmRSS), of the application and of a bare
 * Camunda webapp + REST application, each as a child JVM with the same classpath and JVM options,
 * both on in-memory H2, launched alternately.
 */
final class StartupBenchmark {

  static final Duration READY_LIMIT = Duration.ofMinutes(3);

  /** What is launched: a main class and its arguments. */
  record App(String name, String mainClass, List<String> arguments) {}

  record Result(String name, Samples seconds, Samples rssMegabytes) {}

  static final App APPLICATION = new App("this application", "uk.police.daoversight.Application", List.of(
      "--spring.datasource.url=jdbc:h2:mem:startup;DB_CLOSE_DELAY=-1", "--spring.datasource.username=sa",
      "--spring.datasource.password=", "--oversight.demo.enabled=false",
      "--oversight.vault.reference-key=" + BenchSettings.VAULT_KEY,
      "--management.endpoint.health.probes.enabled=true", "--logging.level.root=warn"));
  static final App BARE = new App("bare Camunda webapp + REST", "uk.police.daoversight.benchmark.bare.BareCamundaApplication",
      List.of("--spring.config.name=bare-camunda", "--spring.config.location=classpath:/benchmark/"));

  private StartupBenchmark() {}

  static List<Result> run(int runs, String jvmArgs, Path logs) throws IOException, InterruptedException {
    Files.createDirectories(logs);
    logs = logs.toAbsolutePath();
    List<App> apps = List.of(APPLICATION, BARE);
    double[][] seconds = new double[apps.size()][runs];
    double[][] rss = new double[apps.size()][runs];
    for (int r = 0; r < runs; r++) {
      for (int a = 0; a < apps.size(); a++) {
        double[] launch = launch(apps.get(a), jvmArgs, logs.resolve("startup-" + a + "-" + r + ".log"));
        seconds[a][r] = launch[0];
        rss[a][r] = launch[1];
      }
    }
    List<Result> results = new ArrayList<>();
    for (int a = 0; a < apps.size(); a++) {
      results.add(new Result(apps.get(a).name(), Samples.of(seconds[a]), Samples.of(rss[a])));
    }
    return results;
  }

  /** Seconds to ready, and VmRSS in MB at that moment. */
  private static double[] launch(App app, String jvmArgs, Path log) throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!jvmArgs.isBlank()) {
      command.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", classpath(), app.mainClass(), "--server.port=" + port));
    command.addAll(app.arguments());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(250)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(2)).build();
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(log.getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new AssertionError(app.name() + " exited with " + process.exitValue() + " before it was ready; see " + log);
        }
        if (System.nanoTime() - start > READY_LIMIT.toNanos()) {
          throw new AssertionError(app.name() + " not ready after " + READY_LIMIT + "; see " + log);
        }
        try {
          if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return new double[] {seconds, residentMegabytes(process.pid())};
          }
        } catch (IOException notYet) {
          // Not listening yet.
        }
        Thread.sleep(25);
      }
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  static double residentMegabytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("No VmRSS for process " + pid);
  }

  /** The test classpath, without empty entries: the JVM would read one as the working directory. */
  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    return Arrays.stream(classpath.split(File.pathSeparator)).filter(e -> !e.isBlank())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
