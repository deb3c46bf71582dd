package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.police.daoversight.support.IntegrationTest;

/**
 * Every operation of engine-rest, taken from Camunda's own OpenAPI document of 7.24, sent bad input
 * the way a fuzzer (schemathesis) would: ids that do not exist, query parameters of the wrong type,
 * unknown sort keys, broken JSON bodies. Whatever the engine makes of it, the answer is a 4xx with a
 * plain message, never a 500 and never a stack trace. Run as the administrator (who gets deepest)
 * and as a SOO.
 *
 * <p>Nothing here can change data that exists: bodies that parse ({@code {}}) go only to operations
 * on an id that does not exist; operations without one get a body that does not parse.
 */
@IntegrationTest
class EngineRestSweepTest {

  static final String NO_SUCH_ID = "sweep-no-such-id";

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  record Call(String method, String path, String body) {}

  /** Bad calls for every operation in the OpenAPI document. */
  static List<Call> badCalls() throws Exception {
    JsonNode api;
    try (InputStream in = EngineRestSweepTest.class.getResourceAsStream("/openapi.json")) {
      assertThat(in).as("Camunda's engine-rest OpenAPI document on the test class path").isNotNull();
      api = new ObjectMapper().readTree(in);
    }
    List<Call> calls = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = paths.next();
      String template = entry.getKey();
      boolean onAnId = template.contains("{");
      String path = "/engine-rest" + template.replaceAll("\\{[^}]+}", NO_SUCH_ID);
      for (Iterator<Map.Entry<String, JsonNode>> ops = entry.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String method = op.getKey().toUpperCase();
        if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
          continue;
        }
        if (method.equals("DELETE") && !onAnId) {
          continue;
        }
        String query = badQuery(op.getValue());
        boolean multipart = op.getValue().path("requestBody").path("content").has("multipart/form-data");
        if (method.equals("GET") || method.equals("DELETE")) {
          calls.add(new Call(method, path + query, null));
        } else if (!multipart) {
          calls.add(new Call(method, path + query, "{\"sweep\": [1, "));
          if (onAnId) {
            calls.add(new Call(method, path, "{}"));
          }
        }
      }
    }
    return calls;
  }

  /** Every query parameter of the operation with a value of the wrong kind for its type. */
  static String badQuery(JsonNode operation) {
    List<String> parts = new ArrayList<>();
    for (JsonNode parameter : operation.path("parameters")) {
      if (!"query".equals(parameter.path("in").asText())) {
        continue;
      }
      String name = parameter.path("name").asText();
      JsonNode schema = parameter.path("schema");
      String type = schema.path("type").asText();
      String value = switch (type) {
        case "integer", "number" -> "not-a-number";
        case "boolean" -> "maybe";
        case "array" -> ",,";
        default -> "date-time".equals(schema.path("format").asText()) || name.matches(".*(Before|After|Date|date).*")
            ? "not-a-date" : name.equals("sortOrder") ? "sideways" : name.equals("sortBy") ? "nonsense" : "_bad_";
      };
      parts.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  @Test
  void noOperationAnswersBadInputWithAServerErrorOrAStackTrace() throws Exception {
    List<Call> calls = badCalls();
    assertThat(calls).as("the document's operations, as bad calls").hasSizeGreaterThan(300);
    Map<String, String> serverErrors = new java.util.concurrent.ConcurrentSkipListMap<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (String user : List.of("admin", "soo1")) {
        for (Call call : calls) {
          sent.add(pool.submit(() -> {
            HttpResponse<String> answer = send(call, user);
            String body = answer.body() == null ? "" : answer.body();
            if (answer.statusCode() >= 500 || body.contains("\tat ") || body.contains("at org.") || body.contains("at java.")) {
              serverErrors.put(call.method() + " " + call.path().replaceAll("\\?.*", "") + (call.body() == null ? "" : " " + call.body())
                  + " as " + user, answer.statusCode() + " " + body.substring(0, Math.min(160, body.length())));
            }
            return null;
          }));
        }
      }
      for (java.util.concurrent.Future<?> f : sent) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("engine-rest sweep: " + calls.size() * 2 + " bad calls, " + serverErrors.size() + " server errors");
    serverErrors.forEach((call, answer) -> System.out.println("  " + call + " -> " + answer));
    assertThat(serverErrors).as("bad input answered with a server error or a stack trace").isEmpty();
  }

  private HttpResponse<String> send(Call call, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    if (call.body() == null) {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
