package uk.police.daoversight.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseUnavailableTest {

  @Test
  void connectionFailuresAnywhereInTheChainMeanTheDatabaseIsAway() {
    assertThat(DatabaseUnavailable.isCauseOf(new CannotGetJdbcConnectionException("pool timed out"))).isTrue();
    assertThat(DatabaseUnavailable.isCauseOf(new CannotCreateTransactionException("no connection"))).isTrue();
    assertThat(DatabaseUnavailable.isCauseOf(new ProcessEngineException("ENGINE-03083",
        new PersistenceException(new SQLException("An I/O error occurred while sending to the backend.", "08006"))))).isTrue();
    assertThat(DatabaseUnavailable.isCauseOf(new ProcessEngineException("ENGINE-03083",
        new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
  }

  @Test
  void aBatchCarriesTheServersReasonInItsNextException() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0], null);
    batch.setNextException(new SQLException("terminating connection due to administrator command", "57P01"));
    assertThat(DatabaseUnavailable.isCauseOf(new ProcessEngineException("flush failed", batch))).isTrue();
  }

  @Test
  void aRollbackOnAClosedConnectionHidesTheOriginalFailure() {
    assertThat(DatabaseUnavailable.isCauseOf(new TransactionSystemException("Could not roll back JDBC transaction",
        new SQLException("Connection is closed")))).isTrue();
  }

  @Test
  void faultsInTheRequestOrTheDataAreNotUnavailability() {
    assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("bug"))).isFalse();
    assertThat(DatabaseUnavailable.isCauseOf(new ProcessEngineException("unique",
        new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    assertThat(DatabaseUnavailable.isCauseOf(new TransactionSystemException("JTA says no"))).isFalse();
  }
}
