package uk.police.daoversight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;

/** {@link EngineGuard} around a stand-in for the rest of the chain. */
class EngineGuardUnitTest {

  /** The chain after the guard, failing as Camunda's query code does on a refused expression. */
  static final class Failing extends CommandInterceptor {
    private final RuntimeException failure;

    Failing(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public <T> T execute(Command<T> command) {
      throw failure;
    }
  }

  private static EngineGuard guardBefore(RuntimeException failure) {
    EngineGuard guard = new EngineGuard();
    guard.setNext(new Failing(failure));
    return guard;
  }

  @Test
  void aRefusalInsideAPersonsQueryIsABadRequestInPlainWords() {
    ProcessEngineException camundas = new ProcessEngineException("Unable to resolve expression '${x}' for method 'taskAssignee'",
        new ProcessEngineException("Error while evaluating expression",
            new GuardedElResolver.RefusedExpressionException("Expressions may not use the method 'getClass': refused")));
    assertThatThrownBy(() -> guardBefore(camundas).execute(new TaskQueryImpl()))
        .isInstanceOf(BadUserRequestException.class).hasMessage("Expressions may not use the method 'getClass': refused");
  }

  @Test
  void otherFailuresPassUnchanged() {
    ProcessEngineException other = new ProcessEngineException("something else");
    assertThatThrownBy(() -> guardBefore(other).execute(new TaskQueryImpl())).isSameAs(other);
    ProcessEngineException refusedInAModel = new ProcessEngineException("x",
        new GuardedElResolver.RefusedExpressionException("refused"));
    assertThatThrownBy(() -> guardBefore(refusedInAModel).execute(new GetTaskCommentsCmd("t")))
        .as("outside a person's query the engine's own exception stays").isSameAs(refusedInAModel);
  }

  @Test
  void theQueryIsCheckedBeforeTheChainRuns() {
    TaskQueryImpl query = new TaskQueryImpl();
    query.taskAssigneeExpression("${x}");
    assertThatThrownBy(() -> guardBefore(new IllegalStateException("must not run")).execute(query))
        .isInstanceOf(BadUserRequestException.class);
    assertThat(EngineGuard.refusalIn(new RuntimeException())).isNull();
  }
}
