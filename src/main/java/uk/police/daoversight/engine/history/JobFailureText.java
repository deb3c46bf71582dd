package uk.police.daoversight.engine.history;

import java.sql.SQLException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * What a failed job says about itself in the engine: its exception message (the job, the job log,
 * the incident) and its stack trace. Managers read all three in Cockpit, so the text names the step
 * and the reason, never a value: the message of any exception but a {@link StepFailure} may quote
 * one (an enum's {@code valueOf}, a SQL constraint, a FEEL comparison all do), so those reach the
 * engine as the kind of failure and the exception's class only. The original exception is in the
 * server log (the job executor logs it), which only administrators read.
 */
public final class JobFailureText {

  private JobFailureText() {}

  /** The exception the engine records for this failure: the step and the reason, frames without messages. */
  public static Throwable forEngine(JobEntity job, Throwable failure) {
    if (failure == null || failure instanceof SafeJobFailure) {
      return failure;
    }
    SafeJobFailure safe = new SafeJobFailure(message(stepOf(job), failure));
    safe.setStackTrace(failure.getStackTrace());
    return safe;
  }

  static String message(String step, Throwable failure) {
    return (step == null ? "A step" : step) + " failed: " + reason(failure);
  }

  static String reason(Throwable failure) {
    StepFailure own = find(failure, StepFailure.class);
    if (own != null) {
      return own.getMessage();
    }
    if (find(failure, OptimisticLockingException.class) != null) {
      return "someone else changed the case at the same moment; it is tried again";
    }
    if (find(failure, SQLException.class) != null || hasClassNamed(failure, "org.springframework.dao.")) {
      return "the database refused the change or could not be reached (" + rootClass(failure) + ")";
    }
    if (hasClassNamed(failure, "org.camunda.bpm.dmn.") || hasClassNamed(failure, "org.camunda.feel.")) {
      return "a decision table could not be evaluated (" + rootClass(failure) + ")";
    }
    if (hasClassNamed(failure, "org.camunda.bpm.impl.juel.") || hasClassNamed(failure, "javax.el.")
        || hasClassNamed(failure, "jakarta.el.")) {
      return "an expression in the model could not be evaluated (" + rootClass(failure) + ")";
    }
    return "unexpected error (" + rootClass(failure) + "); the details are in the server log";
  }

  /** The activity's name (its id when it has none), as Cockpit shows the step. */
  static String stepOf(JobEntity job) {
    if (job == null || job.getProcessDefinitionId() == null) {
      return null;
    }
    String activityId = job.getFailedActivityId() != null ? job.getFailedActivityId() : job.getActivityId();
    if (activityId == null) {
      return null;
    }
    try {
      ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedProcessDefinitionById(job.getProcessDefinitionId());
      ActivityImpl activity = definition.findActivity(activityId);
      String name = activity == null ? null : (String) activity.getProperty("name");
      return name == null || name.isBlank() ? activityId : name;
    } catch (RuntimeException e) {
      return activityId;
    }
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static boolean hasClassNamed(Throwable failure, String prefix) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String rootClass(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }

  /** The failure as the engine keeps it: a value-free message and the original's frames, no causes. */
  static final class SafeJobFailure extends RuntimeException {
    SafeJobFailure(String message) {
      super(message, null, false, true);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
