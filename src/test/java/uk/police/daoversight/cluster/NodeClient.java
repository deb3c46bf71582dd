package uk.police.daoversight.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a user's browser or a client system sends to one node: HTTP Basic calls to {@code /api} and
 * engine-rest, or a webapp login whose cookies the caller may carry to another node.
 */
final class NodeClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final CookieManager cookies;

  NodeClient() {
    cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
  }

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Answer get(ClusterNode node, String path, String user) {
    return send(base(node, path, user).GET().build());
  }

  Answer post(ClusterNode node, String path, String user, Object body) {
    return send(base(node, path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
  }

  /** A user whose password is not the demo one. */
  Answer postAs(ClusterNode node, String path, String user, String password, Object body) {
    return send(base(node, path, user, password).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
  }

  Answer put(ClusterNode node, String path, String user, Object body) {
    return send(base(node, path, user).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(write(body))).build());
  }

  /** The Tasklist login: the session and CSRF cookies stay in this client, whichever node is asked next. */
  Answer loginToWebapp(ClusterNode node, String user, String password, String app) {
    get(node, "/camunda/app/" + app + "/default/", null);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(webapp(node, "/camunda/api/admin/auth/user/default/login/" + app)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  /** A webapp API call with this client's session and CSRF token. */
  Answer webappGet(ClusterNode node, String path) {
    return send(webapp(node, path).GET().build());
  }

  Answer webappPost(ClusterNode node, String path, String body) {
    return send(webapp(node, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpRequest.Builder webapp(ClusterNode node, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(60));
    cookies.getCookieStore().get(URI.create("http://127.0.0.1/")).stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
        .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
    return request;
  }

  private static HttpRequest.Builder base(ClusterNode node, String path, String user) {
    return base(node, path, user, "demo");
  }

  private static HttpRequest.Builder base(ClusterNode node, String path, String user, String password) {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(60));
    if (user != null) {
      request.header("Authorization", ClusterNode.basic(user, password));
    }
    return request;
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String write(Object body) {
    try {
      return body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** engine-rest's variable shape: {"name": {"value": v}}; the engine infers the type. */
  static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, value == null ? Map.of("type", "Null") : Map.of("value", value)));
    return Map.of("variables", variables);
  }
}
