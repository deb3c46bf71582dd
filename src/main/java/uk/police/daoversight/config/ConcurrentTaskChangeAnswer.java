package uk.police.daoversight.config;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Two people (or a person and a timer) changing the same task at once: the engine lets exactly one
 * transaction win and fails the other with an optimistic locking error, or the loser finds the task
 * already gone. Camunda's REST layer answers both with a 500 and the engine's internals; this turns
 * them into a 409 Conflict that says what happened, on engine-rest and on the webapps' engine API
 * (what Tasklist submits forms through). Nothing of the losing request was saved.
 *
 * <p>On PostgreSQL the loser can also meet the winner's commit between reading the task and checking
 * its authorizations, which completing the task deleted: the engine then answers 403. When the task
 * of such a 403 has ended, it is the same race and gets the same 409; a 403 on a live task stays a 403.
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
  private static final Pattern TASK_CHANGE = Pattern.compile(".*task/([^/]+)/(complete|submit-form|resolve|claim)$");

  static final String NO_SUCH_TASK = "There is no such task.";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getEntity() instanceof ExceptionDto error && neverExisted(response.getStatus(), request.getUriInfo().getPath(), error,
        ConcurrentTaskChangeAnswer::taskExisted)) {
      ExceptionDto answer = new ExceptionDto();
      answer.setType("NotFound");
      answer.setMessage(NO_SUCH_TASK);
      response.setStatus(Response.Status.NOT_FOUND.getStatusCode());
      response.setEntity(answer, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
      return;
    }
    if (response.getEntity() instanceof ExceptionDto error
        && isConflict(response.getStatus(), request.getUriInfo().getPath(), error, ConcurrentTaskChangeAnswer::taskEnded)) {
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

  static boolean isConflict(int status, String path, ExceptionDto error, Predicate<String> taskEnded) {
    if (status == Response.Status.INTERNAL_SERVER_ERROR.getStatusCode()) {
      return isConflict(path, error.getType(), error.getMessage());
    }
    if (status == Response.Status.FORBIDDEN.getStatusCode() && "AuthorizationException".equals(error.getType()) && path != null) {
      Matcher change = TASK_CHANGE.matcher(path);
      return change.matches() && taskEnded.test(change.group(1));
    }
    return false;
  }

  /**
   * The task is no longer open and its history shows it ended: read by id, without authorization
   * checks (the caller's are what failed), in the one engine this application runs.
   */
  static boolean taskEnded(String taskId) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) ProcessEngines.getDefaultProcessEngine().getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      if (context.getTaskManager().findTaskById(taskId) != null) {
        return false;
      }
      HistoricTaskInstanceEntity history = context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId);
      return history != null && history.getEndTime() != null;
    });
  }

  /**
   * "Cannot find task" for a task id that was never a task (no open task, no history of one) is no
   * race with another person: it is a 404, not "someone else completed this task".
   */
  static boolean neverExisted(int status, String path, ExceptionDto error, Predicate<String> existed) {
    if (status != Response.Status.INTERNAL_SERVER_ERROR.getStatusCode() || path == null
        || "OptimisticLockingException".equals(error.getType())) {
      return false;
    }
    Matcher change = TASK_CHANGE.matcher(path);
    return change.matches() && error.getMessage() != null && error.getMessage().contains("Cannot find task with id")
        && !existed.test(change.group(1));
  }

  /** An open task, or the history of one, has this id. */
  static boolean taskExisted(String taskId) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) ProcessEngines.getDefaultProcessEngine().getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context ->
        context.getTaskManager().findTaskById(taskId) != null
            || context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId) != null);
  }

  static boolean isConflict(String path, String type, String message) {
    if ("OptimisticLockingException".equals(type)) {
      return true;
    }
    return path != null && TASK_CHANGE.matcher(path).matches() && message != null && CONFLICT.matcher(message).find();
  }
}
