package uk.police.daoversight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses expressions ({@code ${...}}, {@code #{...}}) in ad-hoc queries, for everyone, on
 * engine-rest and on the webapps' engine API. The engine refuses them at the top level of a task
 * query, but not inside nested {@code orQueries}: an expression there runs with the engine's rights.
 * Stored filters (created by administrators only) keep their expressions.
 */
public class AdhocQueryExpressionGuard extends OncePerRequestFilter {

  /** Query endpoints, after /engine-rest or /camunda/api/engine/engine/{name}. */
  static final Pattern QUERY = Pattern.compile(
      ".*/(task|task/count|history/task|history/task/count|process-instance|process-instance/count"
          + "|history/process-instance|history/process-instance/count|filter/[^/]+/(list|count|singleResult))/?$");
  static final Pattern EXPRESSION = Pattern.compile("[$#]\\s*\\{");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!QUERY.matcher(request.getRequestURI()).matches()) {
      chain.doFilter(request, response);
      return;
    }
    String query = request.getQueryString() == null ? "" : URLDecoder.decode(request.getQueryString(), StandardCharsets.UTF_8);
    byte[] body = request.getInputStream().readAllBytes();
    if (EXPRESSION.matcher(query).find() || EXPRESSION.matcher(new String(body, StandardCharsets.UTF_8)).find()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/json");
      response.getWriter().write("{\"type\":\"BadUserRequestException\",\"message\":\"Expressions are forbidden in ad-hoc queries\"}");
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }

  /** The request with its body read once and replayed. */
  static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
