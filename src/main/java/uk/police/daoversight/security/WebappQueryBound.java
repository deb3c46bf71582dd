package uk.police.daoversight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine caps every query at {@value #CAP} results ({@code queryMaxResultsLimit}) and refuses
 * unbounded ones. Camunda's own webapps ask for some lists without a bound (Tasklist's filter
 * list, for one), so their engine API requests get {@code maxResults=2000} when they name none.
 * engine-rest keeps the engine's rule: a client must page.
 */
public class WebappQueryBound extends OncePerRequestFilter {

  static final String CAP = "2000";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!"GET".equals(request.getMethod()) || request.getParameter("maxResults") != null) {
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public String getQueryString() {
        String query = super.getQueryString();
        return (query == null || query.isEmpty() ? "" : query + "&") + "maxResults=" + CAP;
      }

      @Override
      public String getParameter(String name) {
        return "maxResults".equals(name) ? CAP : super.getParameter(name);
      }

      @Override
      public Map<String, String[]> getParameterMap() {
        Map<String, String[]> map = new LinkedHashMap<>(super.getParameterMap());
        map.put("maxResults", new String[] {CAP});
        return Collections.unmodifiableMap(map);
      }

      @Override
      public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
      }

      @Override
      public String[] getParameterValues(String name) {
        return getParameterMap().get(name);
      }
    }, response);
  }
}
