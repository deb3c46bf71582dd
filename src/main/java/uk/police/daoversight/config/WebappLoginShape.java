package uk.police.daoversight.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) reads the form
 * fields {@code username} and {@code password}; sent without a form, Camunda's Jersey resource fails
 * with a 500. This answers 415 with a sentence instead. Only the request's shape is checked here: who
 * may log in is decided by the engine's identity service as before.
 */
@Component
// After Spring Security (-100) where single sign-on closes the local login with a 403.
@Order(0)
public class WebappLoginShape extends OncePerRequestFilter {

  private static final Pattern LOGIN = Pattern.compile(".*/api/admin/auth/user/[^/]+/login/[^/]+/?");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isLogin(request.getMethod(), request.getRequestURI()) && !isForm(request.getContentType())) {
      response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":415,\"message\":\"The login is a form: send username and password as"
          + " application/x-www-form-urlencoded\"}");
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean isLogin(String method, String uri) {
    return "POST".equalsIgnoreCase(method) && uri != null && LOGIN.matcher(uri.replaceAll("/{2,}", "/")).matches();
  }

  static boolean isForm(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return false;
    }
    try {
      return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
