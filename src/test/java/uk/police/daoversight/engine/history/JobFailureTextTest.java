package uk.police.daoversight.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLIntegrityConstraintViolationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** What a failed job may say about itself: the step and the reason, never a value. */
class JobFailureTextTest {

  private static final String TYPED = "Kestrel-typed-by-a-person";

  @Test
  void ourOwnStepFailureKeepsItsReason() {
    assertThat(JobFailureText.message("Record contact plan", new StepFailure("The contact outcome is not one the form offers")))
        .isEqualTo("Record contact plan failed: The contact outcome is not one the form offers");
    assertThat(JobFailureText.reason(new ProcessEngineException("wrapped", new StepFailure("An engaged victim needs an agreed contact interval"))))
        .isEqualTo("An engaged victim needs an agreed contact interval");
  }

  @Test
  void anyOtherMessageIsReplacedByTheKindOfFailure() {
    assertThat(JobFailureText.reason(new IllegalArgumentException("No enum constant Outcome." + TYPED)))
        .doesNotContain(TYPED).contains("unexpected error (IllegalArgumentException)");
    assertThat(JobFailureText.reason(new ProcessEngineException("insert failed",
        new SQLIntegrityConstraintViolationException("Unique index violation: VALUES ('" + TYPED + "')"))))
        .doesNotContain(TYPED).startsWith("the database refused the change");
  }

  @Test
  void theRecordedFailureCarriesNoMessageOrCauseOfTheOriginal() {
    RuntimeException original = new IllegalStateException("value " + TYPED, new RuntimeException(TYPED));
    Throwable recorded = JobFailureText.forEngine(null, original);
    assertThat(recorded.getMessage()).isEqualTo("A step failed: unexpected error (RuntimeException); the details are in the server log");
    assertThat(recorded.getCause()).isNull();
    StringWriter trace = new StringWriter();
    recorded.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(TYPED).contains("JobFailureTextTest");
    assertThat(JobFailureText.forEngine(null, recorded)).isSameAs(recorded);
  }
}
