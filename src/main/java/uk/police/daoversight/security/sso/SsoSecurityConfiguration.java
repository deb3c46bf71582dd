package uk.police.daoversight.security.sso;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.logout.DelegatingLogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import uk.police.daoversight.access.StaffDirectory;
import uk.police.daoversight.security.sso.SsoIdentity.Caller;
import uk.police.daoversight.security.sso.SsoIdentity.Kind;

/**
 * Single sign-on (issue #22), profile {@code sso}: people sign in with the force's identity provider
 * (OpenID Connect, e.g. Entra ID) for Tasklist, Cockpit, Admin and the dashboard; {@code /api} takes
 * bearer tokens (a person's, or a force system's client credentials) and, for reading, the signed-in
 * browser. The local login is closed. README "Single sign-on".
 */
@Configuration(proxyBeanMethods = false)
@Profile("sso")
@EnableWebSecurity
@EnableConfigurationProperties(SsoProperties.class)
public class SsoSecurityConfiguration {

  static final String GROUP_AUTHORITY = "GROUP_";
  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

  @Bean
  SsoIdentity ssoIdentity(SsoProperties properties, StaffDirectory directory) {
    return new SsoIdentity(properties,
        staffNumber -> directory.byStaffNumber(staffNumber).map(StaffDirectory.Staff::userId),
        userId -> directory.find(userId).map(StaffDirectory.Staff::userId));
  }

  @Bean
  SsoUsers ssoUsers(IdentityService identityService) {
    return new SsoUsers(identityService);
  }

  /** {@code /api}: bearer tokens (resource server) or the signed-in browser for reading. */
  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, SsoIdentity identity, SsoProperties properties,
                               @org.springframework.beans.factory.annotation.Value("${spring.security.oauth2.resourceserver.jwt.audiences:}")
                               List<String> audiences) throws Exception {
    if (audiences.stream().allMatch(String::isBlank)) {
      // Without it any token the provider issues for another application would be taken here.
      throw new IllegalStateException("Single sign-on needs this API's audience: set SSO_API_AUDIENCE"
          + " (spring.security.oauth2.resourceserver.jwt.audiences), e.g. api://case-oversight");
    }
    AuthenticationEntryPoint entryPoint = new JsonEntryPoint();
    http.securityMatcher(PATHS.matcher("/api/**"))
        // A change needs a bearer token (ApiCallerRule): no cookie-borne request changes anything.
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .authorizeHttpRequests(authorize -> authorize.anyRequest().access((authentication, context) ->
            new AuthorizationDecision(refusal(authentication.get(), context.getRequest(), properties) == null)))
        .oauth2ResourceServer(resource -> resource
            .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> {
              Caller caller = identity.resolve(token.getClaims());
              if (caller.refusal() != null) {
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token", caller.refusal(), null));
              }
              return new SsoCallers.Bearer(token, authorities(caller), caller);
            }))
            .authenticationEntryPoint(entryPoint))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(deniedWithReason(properties)));
    return http.build();
  }

  /** Everything else: the webapps, the dashboard, the sign-in and sign-out. */
  @Bean
  @Order(2)
  SecurityFilterChain webChain(HttpSecurity http, OAuth2UserService<OidcUserRequest, OidcUser> people,
                               ClientRegistrationRepository registrations) throws Exception {
    RequestMatcher webappApi = PATHS.matcher("/camunda/api/**");
    RequestMatcher webappLogout = PATHS.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/logout");
    RequestMatcher formLogout = PATHS.matcher(HttpMethod.POST, "/logout");
    // Only a page the person navigated to is remembered for after the sign-in. A favicon, script or XHR
    // fetched meanwhile must not be (nor make a session of its own: its cookie would replace the one that
    // holds the sign-in's state, and the provider's answer would find no sign-in under way).
    HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    requestCache.setRequestMatcher(new AndRequestMatcher(PATHS.matcher(HttpMethod.GET, "/**"),
        new NegatedRequestMatcher(webappApi), SsoSecurityConfiguration::isPageNavigation));

    OidcClientInitiatedLogoutSuccessHandler providerLogout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    providerLogout.setPostLogoutRedirectUri("{baseUrl}/");
    LinkedHashMap<RequestMatcher, LogoutSuccessHandler> logoutAnswers = new LinkedHashMap<>();
    // Tasklist, Cockpit and Admin sign out by XHR, then show their own page: a plain 200.
    logoutAnswers.put(webappLogout, new HttpStatusReturningLogoutSuccessHandler(HttpStatus.OK));
    DelegatingLogoutSuccessHandler logoutAnswer = new DelegatingLogoutSuccessHandler(logoutAnswers);
    logoutAnswer.setDefaultLogoutSuccessHandler(providerLogout);

    http.securityMatcher(PATHS.matcher("/**"))
        // The webapps' own CSRF filter guards /camunda/api (X-XSRF-TOKEN); the sign-in carries its state.
        .csrf(csrf -> csrf.disable())
        // The webapps and SecurityHeadersFilter set the headers they set today.
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.requestCache(requestCache))
        .authorizeHttpRequests(authorize -> authorize
            .requestMatchers(PATHS.matcher("/actuator/health"), PATHS.matcher("/error")).permitAll()
            // A favicon is no reason to start a sign-in (a second one, racing the first, would lose its state).
            .requestMatchers(request -> request.getRequestURI().endsWith("/favicon.ico")).permitAll()
            // engine-rest keeps Camunda's own HTTP Basic filter (OversightConfiguration).
            .requestMatchers(PATHS.matcher("/engine-rest/**")).permitAll()
            // The webapps' local login is closed: people sign in with the force's provider.
            .requestMatchers(PATHS.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/login/*")).denyAll()
            .anyRequest().authenticated())
        .oauth2Login(login -> login.userInfoEndpoint(userInfo -> userInfo.oidcUserService(people)))
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(webappLogout, formLogout))
            .invalidateHttpSession(true)
            .clearAuthentication(true)
            .logoutSuccessHandler(logoutAnswer))
        .exceptionHandling(exceptions -> exceptions
            // The webapps' XHRs get a 401, not a redirect to the provider they could not follow.
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), webappApi));
    return http.build();
  }

  /** A person's sign-in: the directory and the group mapping decide who they are here. */
  @Bean
  OAuth2UserService<OidcUserRequest, OidcUser> people(SsoIdentity identity, SsoUsers users) {
    OidcUserService provider = new OidcUserService();
    return request -> {
      OidcUser user = provider.loadUser(request);
      Caller caller = identity.resolve(user.getClaims());
      if (caller.refusal() != null || caller.kind() != Kind.PERSON) {
        throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
            caller.refusal() != null ? caller.refusal() : "A force system cannot sign in as a person", null));
      }
      users.ensure(caller.userId(), user.getClaims());
      users.followGroups(caller.userId(), caller.groups());
      return new SsoCallers.SignedIn(authorities(caller), user.getIdToken(), user.getUserInfo(), caller);
    };
  }

  /** Tasklist, Cockpit and Admin run as the signed-in person (before Camunda's own filters). */
  @Bean
  FilterRegistrationBean<SsoWebappAuthentication> ssoWebappAuthentication() {
    FilterRegistrationBean<SsoWebappAuthentication> registration = new FilterRegistrationBean<>(new SsoWebappAuthentication());
    registration.setName("sso-webapp-authentication");
    registration.addUrlPatterns("/camunda/*");
    // After Spring Security (-100), before the webapps' own filters.
    registration.setOrder(-90);
    return registration;
  }

  /** /api and the dashboard run as the caller in the engine (ApiAuthenticationFilter's part, outside this profile). */
  @Bean
  FilterRegistrationBean<SsoEngineAuthentication> ssoEngineAuthentication(IdentityService identityService) {
    FilterRegistrationBean<SsoEngineAuthentication> registration =
        new FilterRegistrationBean<>(new SsoEngineAuthentication(identityService));
    registration.setName("sso-engine-authentication");
    registration.addUrlPatterns("/api/*", "/dashboard");
    registration.setOrder(-90);
    return registration;
  }

  /** A browser asking for a page (HTML), not an asset or an XHR. */
  static boolean isPageNavigation(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    String path = request.getRequestURI();
    return accept != null && accept.contains("text/html") && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
        && !path.endsWith("/favicon.ico");
  }

  static List<GrantedAuthority> authorities(Caller caller) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority(caller.kind() == Kind.SYSTEM ? "ROLE_SYSTEM" : "ROLE_PERSON"));
    caller.groups().forEach(g -> authorities.add(new SimpleGrantedAuthority(GROUP_AUTHORITY + g)));
    return authorities;
  }

  static String refusal(Authentication authentication, HttpServletRequest request, SsoProperties properties) {
    Caller caller = SsoCallers.of(authentication);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return ApiCallerRule.refusal(caller, !(authentication instanceof SsoCallers.Bearer), request.getMethod(), path,
        properties.getReferralScope());
  }

  private static AccessDeniedHandler deniedWithReason(SsoProperties properties) {
    return (request, response, denied) -> {
      String reason = refusal(SecurityContextHolder.getContext().getAuthentication(), request, properties);
      write(response, HttpServletResponse.SC_FORBIDDEN, reason == null ? "Not permitted" : reason);
    };
  }

  /** 401 with Spring's WWW-Authenticate header (error and its description) and the reason as JSON. */
  static class JsonEntryPoint implements AuthenticationEntryPoint {
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
        throws IOException {
      bearer.commence(request, response, failure);
      String reason = failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
          ? oauth.getError().getDescription()
          : "Authentication required: a bearer token from the force's identity provider, or sign in";
      write(response, HttpServletResponse.SC_UNAUTHORIZED, reason);
    }
  }

  static void write(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
  }
}
