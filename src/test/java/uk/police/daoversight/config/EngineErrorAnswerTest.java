package uk.police.daoversight.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.glassfish.jersey.server.internal.process.MappableException;
import org.junit.jupiter.api.Test;

/** Which engine failures are the request's (400) and which stay the server's (5xx). Plain: no engine. */
class EngineErrorAnswerTest {

  @Test
  void theEnginesOwnRefusalsOfParametersAreTheRequests() {
    assertThat(EngineErrorAnswer.isRefusedParameters(new NullValueException("taskId is null"))).isTrue();
    assertThat(EngineErrorAnswer.isRefusedParameters(new NotValidException("Invalid query"))).isTrue();
    assertThat(EngineErrorAnswer.isRefusedParameters(new ProcessEngineException("Invalid query: call asc() or desc()"))).isTrue();
    assertThat(EngineErrorAnswer.isRefusedParameters(new MappableException(new NullValueException("x")))).isTrue();
    assertThat(EngineErrorAnswer.isRefusedParameters(new InvalidRequestException(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
        new NotValidException("x"), "Cannot complete"))).isTrue();
  }

  @Test
  void databaseFaultsConflictsAndTheApplicationsOwnFailuresStayTheServers() {
    SQLException down = new SQLTransientConnectionException("connection refused", "08001");
    ProcessEngineException unreachable = new ProcessEngineException("ENGINE-03004", down);
    assertThat(EngineErrorAnswer.isRefusedParameters(unreachable)).isFalse();
    assertThat(DatabaseUnavailable.isCauseOf(new MappableException(unreachable))).as("a 503").isTrue();
    assertThat(EngineErrorAnswer.isRefusedParameters(new ProcessEnginePersistenceException("x", new RuntimeException()))).isFalse();
    assertThat(EngineErrorAnswer.isRefusedParameters(new OptimisticLockingException("ENGINE-03005"))).isFalse();
    assertThat(EngineErrorAnswer.isRefusedParameters(new ProcessEngineException("delegate failed", new IllegalStateException()))).isFalse();
    assertThat(EngineErrorAnswer.isRefusedParameters(new IllegalStateException("ours"))).isFalse();
    ProcessEngineException deadlock = new ProcessEngineException("deadlock");
    deadlock.setCode(10000);
    assertThat(EngineErrorAnswer.isRefusedParameters(deadlock)).isFalse();
    assertThat(EngineErrorAnswer.isRefusedByTheStore(new ProcessEngineException("x", new SQLException("offset", "22003")))).isTrue();
    assertThat(EngineErrorAnswer.isRefusedByTheStore(unreachable)).isFalse();
  }

  @Test
  void onlyJavasOwnFailuresInCamundasRequestObjectsAreTheRequests() {
    NullPointerException inDto = new NullPointerException();
    inDto.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.rest.dto.task.TaskQueryDto", "applyFilters", "TaskQueryDto.java", 1454)});
    assertThat(EngineErrorAnswer.isRefusedByTheRestLayer(new MappableException(inDto))).isTrue();
    NullPointerException ours = new NullPointerException();
    ours.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("uk.police.daoversight.intake.ReferralService", "seal", "ReferralService.java", 30)});
    assertThat(EngineErrorAnswer.isRefusedByTheRestLayer(ours)).isFalse();
    NullPointerException inResource = new NullPointerException();
    inResource.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.rest.sub.runtime.impl.JobResourceImpl", "setJobRetries", "JobResourceImpl.java", 77)});
    assertThat(EngineErrorAnswer.isRefusedByTheRestLayer(new MappableException(inResource))).as("a body without its value").isTrue();
    NullPointerException inEngine = new NullPointerException();
    inEngine.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.impl.persistence.entity.TaskEntity", "complete", "TaskEntity.java", 1)});
    assertThat(EngineErrorAnswer.isRefusedByTheRestLayer(inEngine)).as("an engine fault stays a fault").isFalse();
  }

  @Test
  void aPermissionCheckOnAnEntityThatIsNotThereIsNotFound() {
    NullPointerException onNothing = new NullPointerException();
    onNothing.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker", "checkTaskPermission", "AuthorizationCommandChecker.java", 431)});
    assertThat(EngineErrorAnswer.isPermissionCheckOnNothing(new MappableException(onNothing))).isTrue();
    NullPointerException elsewhere = new NullPointerException();
    elsewhere.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.impl.cmd.GetDeployedTaskFormCmd", "execute", "GetDeployedTaskFormCmd.java", 60)});
    assertThat(EngineErrorAnswer.isPermissionCheckOnNothing(elsewhere)).isFalse();
    NullPointerException oplog = new NullPointerException();
    oplog.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.engine.impl.oplog.UserOperationLogContextEntryBuilder", "inContextOf", "UserOperationLogContextEntryBuilder.java", 95)});
    assertThat(EngineErrorAnswer.isPermissionCheckOnNothing(oplog)).isTrue();
  }

  @Test
  void aRefusalRethrownWithoutItsCauseIsTheRequests() {
    assertThat(EngineErrorAnswer.isRefusalRethrownWithoutCause(
        new org.camunda.bpm.engine.rest.exception.InvalidRequestException(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
            "No job found with id x"))).isTrue();
    assertThat(EngineErrorAnswer.isRefusalRethrownWithoutCause(new org.camunda.bpm.engine.rest.exception.RestException(
        jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR, new IllegalStateException("pool closed"), "x"))).isFalse();
  }

  @Test
  void aTaskIdThatWasNeverATaskIsNotAConflict() {
    ExceptionDto gone = new ExceptionDto();
    gone.setType("RestException");
    gone.setMessage("Cannot submit task form abc: Cannot find task with id abc: task is null");
    assertThat(ConcurrentTaskChangeAnswer.neverExisted(500, "task/abc/submit-form", gone, id -> false)).isTrue();
    assertThat(ConcurrentTaskChangeAnswer.neverExisted(500, "task/abc/submit-form", gone, id -> true)).isFalse();
    assertThat(ConcurrentTaskChangeAnswer.neverExisted(404, "task/abc/submit-form", gone, id -> false)).isFalse();
  }
}
