package uk.police.daoversight.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;

/**
 * Webapp sessions (Tasklist, Cockpit) are stored by a hash of the cookie, never by the cookie itself
 * (issue #17 item 5): a session id read from {@code spring_session} (a dump, a backup, a DBA) does not
 * log anyone in, because the browser's cookie is a random token whose SHA-256 is the stored id, and
 * the stored id hashed again matches nothing.
 *
 * <ul>
 *   <li>A new session (and a session renamed at login) gets a random 256-bit token; its id, the only
 *       thing stored, is the token's SHA-256 (first 27 bytes, base64url: 36 characters, Spring
 *       Session's own column width). The token is kept for this request only, on its thread, until
 *       the cookie is written.</li>
 *   <li>Every cookie read is hashed before the session is looked up; every cookie written is the
 *       token of the id being written.</li>
 * </ul>
 * No key: every node of a cluster computes the same hash, so any node finds any session. Sessions made
 * before this change (their cookie is their stored id) are no longer found: their users log in again.
 */
@Configuration(proxyBeanMethods = false)
public class HashedSessionIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  /** Tokens made on this thread whose cookie is not yet written, by stored id (a request makes one or two). */
  private static final ThreadLocal<Map<String, String>> PENDING = ThreadLocal.withInitial(() -> new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > 4;
    }
  });

  @Bean
  SessionRepositoryCustomizer<JdbcIndexedSessionRepository> hashedSessionIdGenerator() {
    return repository -> repository.setSessionIdGenerator(generator());
  }

  /** Wraps the cookie serializer Spring Boot makes from {@code server.servlet.session.cookie}. */
  @Bean
  static BeanPostProcessor hashedSessionCookies() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof CookieSerializer serializer && !(bean instanceof HashingCookieSerializer)
            ? new HashingCookieSerializer(serializer) : bean;
      }
    };
  }

  static SessionIdGenerator generator() {
    return () -> {
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      String token = URL.encodeToString(random);
      String id = storedId(token);
      PENDING.get().put(id, token);
      return id;
    };
  }

  /** The id stored for a cookie's token. */
  public static String storedId(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return URL.encodeToString(java.util.Arrays.copyOf(digest, 27));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Reads a cookie as the hash of its token; writes the token of the id it is given. */
  static final class HashingCookieSerializer implements CookieSerializer {

    private final CookieSerializer delegate;

    HashingCookieSerializer(CookieSerializer delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<String> readCookieValues(jakarta.servlet.http.HttpServletRequest request) {
      return delegate.readCookieValues(request).stream().map(HashedSessionIds::storedId).toList();
    }

    @Override
    public void writeCookieValue(CookieValue value) {
      String id = value.getCookieValue();
      if (id == null || id.isEmpty()) {
        // The session ended: the cookie is expired as it is.
        delegate.writeCookieValue(value);
        return;
      }
      Map<String, String> pending = PENDING.get();
      String token = pending.get(id);
      pending.clear();
      if (token == null) {
        // Not a session made on this request: its token is not known here, and the id is never a cookie.
        return;
      }
      CookieValue withToken = new CookieValue(value.getRequest(), value.getResponse(), token);
      withToken.setCookieMaxAge(value.getCookieMaxAge());
      delegate.writeCookieValue(withToken);
    }
  }
}
