package uk.police.daoversight.config;

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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body over {@link #MAX_BYTES} reaches any part of the application: not the engine's
 * REST API, not the webapps, not {@code /api}. A body that declares a larger length is answered 413
 * before a byte of it is read; a body without a length (chunked) is read up to the limit and
 * answered 413 as soon as it passes it. Every body the application reads is therefore bounded,
 * whatever client or path sends it. Nothing in this product needs more: the largest model an
 * analyst sends is a few tens of kilobytes.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

  public static final int MAX_BYTES = 1024 * 1024;

  static final String TOO_LARGE = "{\"status\":413,\"message\":\"The request is larger than 1 MB and was not read. "
      + "Nothing was recorded.\"}";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > MAX_BYTES) {
      refuse(response);
      return;
    }
    if (declared >= 0 || !hasBody(request) || isReadByTheContainer(request)) {
      // The container never hands the application more than the declared length. Forms and uploads
      // are read by the container itself (not through this filter's stream), under the same 1 MB
      // (spring.servlet.multipart.max-request-size, server.tomcat.max-http-form-post-size).
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      refuse(response);
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  /**
   * Multipart uploads and form POSTs: the container parses them from its own stream, under its own
   * limits. A form body sent with PUT, PATCH or DELETE is not the container's (its form limit covers
   * POST alone): Spring's form-content filter reads it through this filter's stream, so it is bounded
   * here like any other body.
   */
  static boolean isReadByTheContainer(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null) {
      return false;
    }
    String lower = type.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("multipart/")
        || lower.startsWith("application/x-www-form-urlencoded") && "POST".equalsIgnoreCase(request.getMethod());
  }

  private static boolean hasBody(HttpServletRequest request) {
    String encoding = request.getHeader("Transfer-Encoding");
    return encoding != null && !encoding.isBlank();
  }

  private static void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    // The rest of the body is not read; the connection is closed rather than drained.
    response.setHeader("Connection", "close");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(TOO_LARGE);
  }

  /** The request's declared charset, or UTF-8 when it names none or one Java does not know. */
  static Charset charset(String encoding) {
    try {
      return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** The request with its (bounded) body already read, replayed to whoever reads it next. */
  static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          try {
            return in.available() == 0;
          } catch (IOException e) {
            return true;
          }
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), charset(getCharacterEncoding())));
    }
  }
}
