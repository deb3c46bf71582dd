package uk.police.daoversight.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's form of the PostgreSQL trigger that keeps {@code access_audit} append-only. */
public class AppendOnlyTrigger implements Trigger {

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException("access_audit is append-only");
  }
}
