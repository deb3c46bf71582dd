package uk.police.daoversight.config;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database could not be reached (restart, failover, network), as
 * opposed to a fault in the request or the application: the first is worth a retry by the caller.
 */
public final class DatabaseUnavailable {

  private DatabaseUnavailable() {}

  public static boolean isCauseOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
          || t instanceof SQLRecoverableException || t instanceof CannotCreateTransactionException) {
        return true;
      }
      if (t instanceof TransactionSystemException tx
          && (tx.getCause() instanceof SQLException || tx.getApplicationException() != null && isCauseOf(tx.getApplicationException()))) {
        // Commit or rollback failed on the connection itself (it was closed under the transaction).
        return true;
      }
      if (t instanceof SQLException sql && hasConnectionState(sql)) {
        return true;
      }
    }
    return false;
  }

  /** Batched statements carry the server's reason in the chain of next exceptions. */
  private static boolean hasConnectionState(SQLException sql) {
    for (SQLException e = sql; e != null; e = e.getNextException() == e ? null : e.getNextException()) {
      if (e.getSQLState() != null && isConnectionState(e.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** SQLSTATE class 08 (connection exception) and 57P01–57P03 (server shutting down, crashed, starting). */
  static boolean isConnectionState(String sqlState) {
    return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03");
  }
}
