package uk.police.daoversight.config;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Two people (or a person and a timer) changing the same task at once: the engine lets exactly one
 * transaction win and fails the other with an optimistic locking error, or the loser finds the task
 * already gone. Camunda's REST layer answers both with a 500 and the engine's internals; this turns
 * them into a 409 Conflict that says what happened, on engine-rest and on the webapps' engine API
 * (what Tasklist submits forms through). Nothing of the losing request was saved.
 *
 * <p>Registered in every Jersey application of this server (engine-rest and the webapps' own) by
 * {@link Registration}, listed in {@code META-INF/services}: the webapps' applications are built by
 * Camunda and offer no other hook.
 */
@Provider
public class ConcurrentTaskChangeAnswer implements ContainerResponseFilter {

  static final String MESSAGE = "Someone else completed or changed this task at the same moment. "
      + "Nothing you entered was saved; reload the task list to see where the case stands.";

  /** ENGINE-03005: optimistic locking failure; the other: the task was completed before this request. */
  private static final Pattern CONFLICT = Pattern.compile("ENGINE-03005|Cannot find task with id");
  private static final Pattern TASK_CHANGE = Pattern.compile(".*task/[^/]+/(complete|submit-form|resolve|claim)$");

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() == Response.Status.INTERNAL_SERVER_ERROR.getStatusCode()
        && response.getEntity() instanceof ExceptionDto error
        && isConflict(request.getUriInfo().getPath(), error.getType(), error.getMessage())) {
      ExceptionDto answer = new ExceptionDto();
      answer.setType("ConcurrentChange");
      answer.setMessage(MESSAGE);
      response.setStatus(Response.Status.CONFLICT.getStatusCode());
      response.setEntity(answer, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }
  }

  /** Jersey's service-loaded hook, run for each Jersey application as it is built. */
  public static final class Registration implements AutoDiscoverable {
    @Override
    public void configure(FeatureContext context) {
      if (!context.getConfiguration().isRegistered(ConcurrentTaskChangeAnswer.class)) {
        context.register(ConcurrentTaskChangeAnswer.class);
      }
    }
  }

  static boolean isConflict(String path, String type, String message) {
    if ("OptimisticLockingException".equals(type)) {
      return true;
    }
    return path != null && TASK_CHANGE.matcher(path).matches() && message != null && CONFLICT.matcher(message).find();
  }
}
