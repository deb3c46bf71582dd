package uk.police.daoversight.engine.history;

/**
 * A step of a process could not do its work, for a reason that names no value a person typed.
 * Its message reaches the job, the job log and the incident that managers see in Cockpit as it is;
 * every other exception a job throws reaches them only as the step and a kind of reason (see
 * {@link JobFailureText}). Build the message from constant text only, never from a variable.
 */
public class StepFailure extends IllegalArgumentException {

  public StepFailure(String reason) {
    super(reason);
  }
}
