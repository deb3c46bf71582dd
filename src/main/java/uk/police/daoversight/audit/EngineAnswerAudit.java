package uk.police.daoversight.audit;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The access record where engine data leaves: every answer of engine-rest and of the webapps' REST
 * applications (Tasklist's and Cockpit's engine API, Cockpit's plugins), GET or POST, goes to
 * {@link CaseAnswers} with the entity actually returned, after every other filter has had its say
 * (lowest priority runs last). The parsed request body (a query) is kept for the refusal of an
 * empty answer. If the record cannot be written, the data does not go out (503).
 */
@Provider
@Priority(1)
public class EngineAnswerAudit implements ContainerResponseFilter, ReaderInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(EngineAnswerAudit.class);
  static final String BODY = EngineAnswerAudit.class.getName() + ".body";

  @Context
  private HttpServletRequest servletRequest;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    Object body = context.proceed();
    context.setProperty(BODY, body);
    return body;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String method = request.getMethod();
    if ("OPTIONS".equals(method) || "HEAD".equals(method) || servletRequest == null) {
      return;
    }
    WebApplicationContext spring = WebApplicationContextUtils.getWebApplicationContext(servletRequest.getServletContext());
    if (spring == null) {
      return;
    }
    String[] user = user(spring.getBean(IdentityService.class));
    if (user == null) {
      return;
    }
    String path = servletRequest.getRequestURI().substring(servletRequest.getContextPath().length());
    Map<String, List<String>> params = request.getUriInfo().getQueryParameters();
    try {
      spring.getBean(CaseAnswers.class).record(new CaseAnswers.Answer(user[0], List.of(user).subList(1, user.length), method,
          path.length() > 200 ? path.substring(0, 200) : path, response.getStatus(), response.getEntity(),
          request.getProperty(BODY), params));
    } catch (RuntimeException e) {
      // No record, no data: the answer is withheld.
      LOG.error("Access record not written for {} {}: {}; answer withheld", method, path, e.getClass().getName());
      ExceptionDto dto = new ExceptionDto();
      dto.setType("Unavailable");
      dto.setMessage("The case store is briefly unavailable. Try again in a few seconds.");
      response.setStatus(Response.Status.SERVICE_UNAVAILABLE.getStatusCode());
      response.setEntity(dto, null, MediaType.APPLICATION_JSON_TYPE);
    }
  }

  /** [user id, group ids...] from the engine's authentication (engine-rest) or the webapps' login; null if neither. */
  private static String[] user(IdentityService identityService) {
    Authentication engine = identityService.getCurrentAuthentication();
    if (engine != null && engine.getUserId() != null) {
      return join(engine.getUserId(), engine.getGroupIds());
    }
    Authentications webapp = Authentications.getCurrent();
    if (webapp != null) {
      for (UserAuthentication u : webapp.getAuthentications()) {
        return join(u.getName(), u.getGroupIds() == null ? List.of() : new ArrayList<>(u.getGroupIds()));
      }
    }
    return null;
  }

  private static String[] join(String userId, List<String> groups) {
    List<String> all = new ArrayList<>();
    all.add(userId);
    if (groups != null) {
      all.addAll(groups);
    }
    return all.toArray(String[]::new);
  }

  /** Jersey's service-loaded hook, run for each Jersey application as it is built. */
  public static final class Registration implements AutoDiscoverable {
    @Override
    public void configure(FeatureContext context) {
      if (!context.getConfiguration().isRegistered(EngineAnswerAudit.class)) {
        context.register(EngineAnswerAudit.class);
      }
    }
  }
}
