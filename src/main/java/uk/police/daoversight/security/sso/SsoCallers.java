package uk.police.daoversight.security.sso;

import java.util.Collection;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import uk.police.daoversight.security.sso.SsoIdentity.Caller;

/** The signed-in caller as Spring Security holds it: a person's sign-in, or a bearer token. */
public final class SsoCallers {

  private SsoCallers() {}

  /** The caller behind a Spring Security authentication, or null if it is not one of ours. */
  public static Caller of(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) {
      return null;
    }
    if (authentication.getPrincipal() instanceof SignedIn person) {
      return person.caller();
    }
    if (authentication instanceof Bearer bearer) {
      return bearer.caller();
    }
    return null;
  }

  /** A person signed in through the provider (OpenID Connect); the engine's user id is their name. */
  public static class SignedIn extends DefaultOidcUser {
    private static final long serialVersionUID = 1L;
    private final Caller caller;

    SignedIn(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo, Caller caller) {
      super(authorities, idToken, userInfo);
      this.caller = caller;
    }

    public Caller caller() {
      return caller;
    }

    @Override
    public String getName() {
      return caller.userId();
    }
  }

  /** A bearer token on /api: a person's access token or a force system's client-credentials token. */
  public static class Bearer extends JwtAuthenticationToken {
    private static final long serialVersionUID = 1L;
    private final Caller caller;

    Bearer(Jwt jwt, Collection<? extends GrantedAuthority> authorities, Caller caller) {
      super(jwt, authorities, caller.userId());
      this.caller = caller;
    }

    public Caller caller() {
      return caller;
    }
  }
}
