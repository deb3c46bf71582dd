package uk.police.daoversight.config;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.glassfish.jersey.server.internal.process.MappableException;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.police.daoversight.intake.ReferralRejectedException;

/**
 * Camunda's REST layer answers a request the engine refuses for its parameters (a null where a
 * value is needed, a sort order without a sort key, a combination the query does not allow:
 * {@code NullValueException}, {@code NotValidException}, a plain {@code ProcessEngineException})
 * with a 500 and the engine's own message. This answers them with a 400 and a plain message, on
 * engine-rest and on the webapps' engine API. A real server fault stays a 5xx: the database out of
 * reach is a 503 (as on {@code /api}, see {@link DatabaseUnavailable}), any other fault a 500; and no
 * engine message reaches the caller in either (it can carry a value or the database's text).
 *
 * <p>The filter sees the exception itself, not only Camunda's rendering of it: the request event
 * listener keeps it on the request when Jersey meets it, before any exception mapper runs. A task
 * changed by two people at once is {@link ConcurrentTaskChangeAnswer}'s, and is left to it.
 */
@Provider
public class EngineErrorAnswer implements ContainerResponseFilter, ApplicationEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(EngineErrorAnswer.class);

  static final String FAULT = EngineErrorAnswer.class.getName() + ".fault";
  static final String BAD_PARAMETERS = "The request's parameters were refused: a value is missing, not of the right form, "
      + "or does not go with another parameter. Check the parameters against the REST API reference.";
  static final String UNAVAILABLE = "The case store is briefly unavailable. Try again in a few seconds.";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 500 || !(request.getProperty(FAULT) instanceof Throwable fault)) {
      return;
    }
    if (response.getEntity() instanceof ExceptionDto error
        && ConcurrentTaskChangeAnswer.isConflict(request.getUriInfo().getPath(), error.getType(), error.getMessage())) {
      return;
    }
    ReferralRejectedException rejected = find(fault, ReferralRejectedException.class);
    BadRequestException badRequest = find(fault, BadRequestException.class);
    if (DatabaseUnavailable.isCauseOf(fault)) {
      LOG.warn("Database unavailable; engine API answered 503 ({})", fault.getClass().getName());
      answer(response, Response.Status.SERVICE_UNAVAILABLE, "Unavailable", UNAVAILABLE);
      response.getHeaders().putSingle("Retry-After", "5");
    } else if (rejected != null) {
      // The start form's referral, refused by the referral validator: its problems name fields, never values.
      answer(response, Response.Status.BAD_REQUEST, "ReferralRejected", "The referral was not recorded: "
          + rejected.problems().entrySet().stream().map(p -> p.getKey() + ": " + p.getValue()).collect(Collectors.joining("; ")));
    } else if (badRequest != null) {
      answer(response, Response.Status.BAD_REQUEST, "InvalidRequest", badRequest.getMessage());
    } else if (isRefusedByTheStore(fault) || isRefusedByTheRestLayer(fault)) {
      answer(response, Response.Status.BAD_REQUEST, "InvalidRequest", BAD_PARAMETERS);
    } else if (isPermissionCheckOnNothing(fault)
        || isRefusedParameters(fault) && unwrapped(fault) instanceof NotFoundException) {
      answer(response, Response.Status.NOT_FOUND, "NotFound", "Not found");
    } else if (isRefusedParameters(fault) || isRefusalRethrownWithoutCause(fault)) {
      answer(response, Response.Status.BAD_REQUEST, "InvalidRequest", BAD_PARAMETERS);
    } else {
      String reference = UUID.randomUUID().toString();
      LOG.error("Unexpected engine API error {} ({}); causes: {}", reference, request.getUriInfo().getPath(),
          ApiExceptionHandler.causeChain(fault));
      answer(response, Response.Status.INTERNAL_SERVER_ERROR, "ServerError",
          "The request could not be completed. Quote reference " + reference + " to support.");
    }
  }

  /**
   * The engine refused the request itself: every exception in the chain is the engine's own (none
   * from the database, the transaction manager or the application's code), and not a conflict.
   */
  static boolean isRefusedParameters(Throwable failure) {
    Throwable fault = unwrapped(failure);
    if (!(fault instanceof ProcessEngineException)) {
      return false;
    }
    for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (!(t instanceof ProcessEngineException) || t instanceof OptimisticLockingException || t instanceof SQLException
          || t.getClass().getSimpleName().contains("Persistence")) {
        return false;
      }
      if (t instanceof ProcessEngineException engine && engine.getCode() >= 10000) {
        // Camunda's codes for database errors (deadlock, constraint, column size...).
        return false;
      }
    }
    return true;
  }

  /** The database refused a value of the request (SQLSTATE 22: a negative offset, a value out of range). */
  static boolean isRefusedByTheStore(Throwable fault) {
    return ApiExceptionHandler.isValueRefusedByTheStore(fault);
  }

  /**
   * Camunda's REST layer failed on the request's own shape while reading it into a query (a null
   * where it expected a nested query or a sorting, a value of the wrong kind): the exception is
   * Java's own and was thrown in Camunda's request DTOs.
   */
  static boolean isRefusedByTheRestLayer(Throwable failure) {
    Throwable fault = unwrapped(failure);
    if (!(fault instanceof NullPointerException || fault instanceof IllegalArgumentException || fault instanceof ClassCastException
        || fault instanceof IndexOutOfBoundsException) || fault.getCause() != null && fault.getCause() != fault) {
      return false;
    }
    StackTraceElement[] stack = fault.getStackTrace();
    for (int i = 0; i < stack.length && i < 3; i++) {
      // The request DTOs, or a resource reading a value the body did not carry (a retry count, a due date).
      if (stack[i].getClassName().startsWith("org.camunda.bpm.engine.rest.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The engine checked a permission on an entity that is not there (a task id that never existed:
   * Camunda's deployed-form command checks the task before looking for it, and fails on the null).
   */
  static boolean isPermissionCheckOnNothing(Throwable failure) {
    Throwable fault = unwrapped(failure);
    StackTraceElement[] stack = fault.getStackTrace();
    return fault instanceof NullPointerException && fault.getCause() == null && stack.length > 0
        && BOOKKEEPING_ON_NOTHING.contains(stack[0].getClassName());
  }

  /**
   * Where Camunda 7.24 fails on a null entity it did not look for first: the permission check of the
   * deployed-form command, and the operation log of a suspension by an id that does not exist.
   */
  static final java.util.Set<String> BOOKKEEPING_ON_NOTHING = java.util.Set.of(
      "org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker",
      "org.camunda.bpm.engine.impl.oplog.UserOperationLogContextEntryBuilder");

  /**
   * Some resources rethrow the engine's refusal as their own exception with the engine's message and
   * without the engine's exception (setting a job's due date on a job that is not there): a refusal
   * of the request, not a fault (a database out of reach surfaces with its cause and is answered
   * 503 before this is asked).
   */
  static boolean isRefusalRethrownWithoutCause(Throwable failure) {
    Throwable fault = unwrapped(failure);
    return fault instanceof RestException && (fault.getCause() == null || fault.getCause() == fault);
  }

  /** Camunda's resources rethrow the engine's exception inside their own RestException: look at what the engine said. */
  static Throwable unwrapped(Throwable fault) {
    Throwable t = fault;
    while ((t instanceof RestException || t instanceof MappableException) && t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static <T extends Throwable> T find(Throwable fault, Class<T> type) {
    for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static void answer(ContainerResponseContext response, Response.Status status, String type, String message) {
    ExceptionDto answer = new ExceptionDto();
    answer.setType(type);
    answer.setMessage(message);
    response.setStatus(status.getStatusCode());
    response.setEntity(answer, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
  }

  @Override
  public void onEvent(ApplicationEvent event) {
    // Only requests matter.
  }

  @Override
  public RequestEventListener onRequest(RequestEvent requestEvent) {
    return event -> {
      if (event.getType() == RequestEvent.Type.ON_EXCEPTION && event.getException() != null
          && event.getContainerRequest() != null && event.getContainerRequest().getProperty(FAULT) == null) {
        event.getContainerRequest().setProperty(FAULT, event.getException());
      }
    };
  }

  /** Jersey's service-loaded hook, run for each Jersey application as it is built. */
  public static final class Registration implements AutoDiscoverable {
    @Override
    public void configure(FeatureContext context) {
      if (!context.getConfiguration().isRegistered(EngineErrorAnswer.class)) {
        context.register(EngineErrorAnswer.class);
      }
    }
  }
}
