package uk.police.daoversight.engine.history;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * The engine's retry handling (retries, the next try, the incident at the last try) with the
 * failure the job records replaced by {@link JobFailureText}: the job's exception message and stack
 * trace, and so the incident's message, name the step and the reason only.
 */
class ValueFreeFailedJobCommandFactory implements FailedJobCommandFactory {

  private final FailedJobCommandFactory delegate;

  ValueFreeFailedJobCommandFactory(FailedJobCommandFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public Command<Object> getCommand(String jobId, Throwable exception) {
    return commandContext -> {
      JobEntity job = commandContext.getJobManager().findJobById(jobId);
      return delegate.getCommand(jobId, JobFailureText.forEngine(job, exception)).execute(commandContext);
    };
  }
}
