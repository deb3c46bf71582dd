package uk.police.daoversight.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A logged-in Camunda webapp session (as Tasklist or Cockpit holds it), with its CSRF token. */
public final class WebappSession {

  private final TestRestTemplate rest;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  private WebappSession(TestRestTemplate rest) {
    this.rest = rest;
  }

  public static WebappSession login(TestRestTemplate rest, String user, String app) {
    WebappSession session = new WebappSession(rest);
    session.get("/camunda/app/" + app + "/default/");
    HttpHeaders headers = session.headers();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = rest.exchange("/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=demo", headers), String.class);
    session.keep(login);
    if (!login.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException(user + " could not log into " + app + ": " + login.getStatusCode());
    }
    session.get("/camunda/api/admin/auth/user/default");
    return session;
  }

  public ResponseEntity<String> get(String path) {
    ResponseEntity<String> answer = rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers()), String.class);
    keep(answer);
    return answer;
  }

  /** A JSON POST, as Tasklist submits a form. */
  public ResponseEntity<String> post(String path, String json) {
    HttpHeaders headers = headers();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = rest.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), String.class);
    keep(answer);
    return answer;
  }

  /** Any request with this session's cookies and CSRF token (a multipart upload, a PUT). */
  public ResponseEntity<String> send(String path, HttpMethod method, Object body, MediaType contentType) {
    HttpHeaders headers = headers();
    if (contentType != null) {
      headers.setContentType(contentType);
    }
    ResponseEntity<String> answer = rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    keep(answer);
    return answer;
  }

  private HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    if (!cookies.isEmpty()) {
      headers.add(HttpHeaders.COOKIE, cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    if (cookies.containsKey("XSRF-TOKEN")) {
      headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    }
    return headers;
  }

  private void keep(ResponseEntity<?> answer) {
    List<String> set = answer.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
    for (String cookie : set) {
      String pair = cookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
  }
}
