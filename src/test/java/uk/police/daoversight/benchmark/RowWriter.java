package uk.police.daoversight.benchmark;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Writes rows into one table, for bulk seeding: PostgreSQL's {@code COPY … FROM STDIN} (several
 * times faster than INSERT), batched INSERTs elsewhere. Rows are buffered; close writes the rest.
 */
abstract class RowWriter implements AutoCloseable {

  static RowWriter open(Connection connection, String table, List<String> columns, int[] sqlTypes) throws SQLException {
    return connection.isWrapperFor(PGConnection.class)
        ? new Copy(connection.unwrap(PGConnection.class), table, columns)
        : new BatchInsert(connection, table, columns, sqlTypes);
  }

  abstract void add(Object[] values) throws SQLException;

  @Override
  public abstract void close() throws SQLException;

  /** INSERTs of {@value #ROWS} rows each (H2 runs a JDBC batch row by row: many rows per statement are faster). */
  private static final class BatchInsert extends RowWriter {
    private static final int ROWS = 100;
    private final Connection connection;
    private final String table;
    private final List<String> columns;
    private final int[] sqlTypes;
    private final List<Object[]> pending = new ArrayList<>();
    private PreparedStatement full;

    BatchInsert(Connection connection, String table, List<String> columns, int[] sqlTypes) {
      this.connection = connection;
      this.table = table;
      this.columns = columns;
      this.sqlTypes = sqlTypes;
    }

    @Override
    void add(Object[] values) throws SQLException {
      pending.add(values);
      if (pending.size() == ROWS) {
        if (full == null) {
          full = prepare(ROWS);
        }
        write(full);
      }
    }

    private PreparedStatement prepare(int rows) throws SQLException {
      String row = columns.stream().map(c -> "?").collect(Collectors.joining(",", "(", ")"));
      return connection.prepareStatement("insert into " + table + " (" + String.join(",", columns) + ") values "
          + String.join(",", Collections.nCopies(rows, row)));
    }

    private void write(PreparedStatement insert) throws SQLException {
      int p = 1;
      for (Object[] values : pending) {
        for (int i = 0; i < values.length; i++, p++) {
          if (values[i] == null) {
            insert.setNull(p, sqlTypes[i]);
          } else {
            insert.setObject(p, values[i]);
          }
        }
      }
      insert.executeUpdate();
      pending.clear();
    }

    @Override
    public void close() throws SQLException {
      try {
        if (!pending.isEmpty()) {
          try (PreparedStatement rest = prepare(pending.size())) {
            write(rest);
          }
        }
      } finally {
        if (full != null) {
          full.close();
        }
      }
    }
  }

  /** COPY's text format: tab-separated, \N for null, backslash escapes, bytea as \\x hex. */
  private static final class Copy extends RowWriter {
    private final PGConnection connection;
    private final String sql;
    private final StringBuilder rows = new StringBuilder();

    Copy(PGConnection connection, String table, List<String> columns) {
      this.connection = connection;
      this.sql = "copy " + table + " (" + String.join(",", columns) + ") from stdin";
    }

    @Override
    void add(Object[] values) {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          rows.append('\t');
        }
        rows.append(text(values[i]));
      }
      rows.append('\n');
    }

    private static String text(Object v) {
      if (v == null) {
        return "\\N";
      }
      if (v instanceof Boolean b) {
        return b ? "t" : "f";
      }
      if (v instanceof byte[] bytes) {
        return "\\\\x" + HexFormat.of().formatHex(bytes);
      }
      if (v instanceof BigDecimal d) {
        return d.toPlainString();
      }
      // Timestamps print as PostgreSQL reads them, in the JVM's zone, as setTimestamp would send them.
      return v.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    @Override
    public void close() throws SQLException {
      try {
        connection.getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
      } catch (IOException e) {
        throw new SQLException("COPY failed: " + sql, e);
      }
    }
  }
}
