package uk.police.daoversight.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request's body has one concrete type: a {@code Content-Type} with a wildcard ({@code *}/{@code *},
 * {@code application/*}) or one that does not parse is a 415 before anything reads the body
 * (Spring's own header handling fails on it with an internal error).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ContentTypeGuard extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getHeader("Content-Type");
    if (type != null && !type.isBlank() && !acceptable(type)) {
      response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":415,\"message\":\"The Content-Type must be one concrete media type, such as application/json\"}");
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean acceptable(String header) {
    try {
      MediaType type = MediaType.parseMediaType(header);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
