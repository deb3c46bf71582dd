package uk.police.daoversight.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the database transactions that passed through a data source, the same way for H2 and
 * PostgreSQL, for the application and for the plain baseline engine: every {@code commit()}, and
 * every statement run in auto-commit mode (a transaction of its own). A transaction that ran an
 * insert, update, delete or DDL statement is a <em>write</em> commit: that is what costs the database
 * a WAL flush, and what the database's commits/s ceiling measures. Read-only transactions are counted
 * apart because Spring commits them while the plain engine (MyBatis) rolls them back, so only write
 * commits compare across the two.
 */
class CommitCountingDataSource extends DelegatingDataSource {

  /** Counter values at one moment; subtract two to get what happened in between. */
  record Counts(long commits, long writeCommits, long rollbacks) {
    Counts minus(Counts earlier) {
      return new Counts(commits - earlier.commits, writeCommits - earlier.writeCommits, rollbacks - earlier.rollbacks);
    }

    Counts plus(Counts more) {
      return new Counts(commits + more.commits, writeCommits + more.writeCommits, rollbacks + more.rollbacks);
    }
  }

  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong writeCommits = new AtomicLong();
  private final AtomicLong rollbacks = new AtomicLong();

  CommitCountingDataSource(DataSource target) {
    super(target);
  }

  Counts counts() {
    return new Counts(commits.get(), writeCommits.get(), rollbacks.get());
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(super.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(super.getConnection(username, password));
  }

  private Connection wrap(Connection connection) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        new ConnectionHandler(connection));
  }

  /** SELECT (and WITH … SELECT) reads; anything else writes. Camunda and this application issue nothing subtler. */
  static boolean isWrite(String sql) {
    String s = sql.stripLeading().toLowerCase(Locale.ROOT);
    return !(s.startsWith("select") || s.startsWith("with") || s.startsWith("values") || s.startsWith("show"));
  }

  private final class ConnectionHandler implements InvocationHandler {

    private final Connection target;
    /** A write statement ran in the current transaction. */
    private boolean dirty;

    ConnectionHandler(Connection target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("equals")) {
        return proxy == args[0];
      }
      if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      if (name.equals("commit")) {
        Object result = call(target, method, args);
        commits.incrementAndGet();
        if (dirty) {
          writeCommits.incrementAndGet();
        }
        dirty = false;
        return result;
      }
      if (name.equals("rollback") && (args == null || args.length == 0)) {
        dirty = false;
        rollbacks.incrementAndGet();
        return call(target, method, args);
      }
      Object result = call(target, method, args);
      if (result instanceof Statement statement) {
        String sql = (name.startsWith("prepare") && args != null && args[0] instanceof String s) ? s : null;
        Class<?> type = switch (name) {
          case "prepareCall" -> CallableStatement.class;
          case "prepareStatement" -> PreparedStatement.class;
          default -> Statement.class;
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
            new StatementHandler(this, statement, sql));
      }
      return result;
    }

    /** One statement ran: a transaction of its own in auto-commit mode, else part of the current one. */
    void executed(String sql) throws SQLException {
      boolean write = sql == null || isWrite(sql);
      if (target.getAutoCommit()) {
        commits.incrementAndGet();
        if (write) {
          writeCommits.incrementAndGet();
        }
      } else if (write) {
        dirty = true;
      }
    }
  }

  private static final class StatementHandler implements InvocationHandler {

    private final ConnectionHandler connection;
    private final Statement target;
    private final String preparedSql;

    StatementHandler(ConnectionHandler connection, Statement target, String preparedSql) {
      this.connection = connection;
      this.target = target;
      this.preparedSql = preparedSql;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object result = call(target, method, args);
      if (method.getName().startsWith("execute")) {
        connection.executed(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
      }
      return result;
    }
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
