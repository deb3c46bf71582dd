package uk.police.daoversight.engine;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Set;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.sub.runtime.ProcessInstanceCommentResource;
import org.camunda.bpm.engine.rest.sub.task.TaskAttachmentResource;
import org.camunda.bpm.engine.rest.sub.task.TaskCommentResource;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * The plain reason on engine-rest and the webapps' engine API when someone creates or changes a
 * comment or adds an attachment. The engine refuses these itself ({@link EngineGuard}) for every
 * caller; Camunda's REST resources would answer that refusal with "Not enough parameters submitted"
 * or "Task id is null". Chosen by the JAX-RS resource method the request was matched to (whatever
 * spelling of the path led there), not by the request's text.
 */
@Provider
public class FreeTextEndpoints implements ContainerRequestFilter {

  private static final Set<String> COMMENT_WRITES = Set.of("createComment", "updateComment");

  @Context
  private ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource == null ? null : resource.getResourceMethod();
    Class<?> type = resource == null ? null : resource.getResourceClass();
    if (method != null && type != null && writesFreeText(type, method.getName())) {
      ExceptionDto answer = new ExceptionDto();
      answer.setType("BadUserRequestException");
      answer.setMessage(EngineGuard.FREE_TEXT_REFUSED);
      request.abortWith(Response.status(Response.Status.BAD_REQUEST).entity(answer)
          .type(MediaType.APPLICATION_JSON_TYPE).build());
    }
  }

  static boolean writesFreeText(Class<?> type, String method) {
    return (TaskCommentResource.class.isAssignableFrom(type) || ProcessInstanceCommentResource.class.isAssignableFrom(type))
        && COMMENT_WRITES.contains(method)
        || TaskAttachmentResource.class.isAssignableFrom(type) && "addAttachment".equals(method);
  }

  /** Jersey's service-loaded hook, run for each Jersey application as it is built. */
  public static final class Registration implements AutoDiscoverable {
    @Override
    public void configure(FeatureContext context) {
      if (!context.getConfiguration().isRegistered(FreeTextEndpoints.class)) {
        context.register(FreeTextEndpoints.class);
      }
    }
  }
}
