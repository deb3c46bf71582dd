package uk.police.daoversight.benchmark;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bulk seeding by copying: a template (a case the engine itself walked, with the application's
 * listeners, delegates, vault and authorizations) is read from every table that holds a row of it,
 * engine (runtime and history) and application alike, and written back as many times as needed (the
 * history tables only when asked), each copy with fresh ids, its own case code, its own SOO, its own made-up people and all its
 * times shifted by the same amount. The engine cannot tell a copy from a case it ran: the copies'
 * tasks, authorizations and timers are what Tasklist queries and the job executor fires.
 *
 * <p>Rows are found without naming tables: engine tables by their process instance columns, then
 * the rows that hang off those (task identity links, decision inputs and outputs, authorizations,
 * byte arrays), application tables by their {@code case_code} column. A new table of either kind is
 * copied too.
 */
final class CaseCloner {

  private static final List<String> INSTANCE_COLUMNS = List.of("PROC_INST_ID_", "PROCESS_INSTANCE_ID_", "ROOT_PROC_INST_ID_");
  /** Rows belonging to the case through another row's id: table, column holding that id. */
  private static final List<String[]> CHILDREN = List.of(
      new String[] {"ACT_RU_IDENTITYLINK", "TASK_ID_"},
      new String[] {"ACT_HI_DEC_IN", "DEC_INST_ID_"},
      new String[] {"ACT_HI_DEC_OUT", "DEC_INST_ID_"},
      new String[] {"ACT_RU_AUTHORIZATION", "RESOURCE_ID_"},
      new String[] {"ACT_GE_BYTEARRAY", "ID_"});
  /**
   * Columns whose values are ids that must differ per copy: engine rows' ID_, the application's
   * generated ids, and job ids in the job log (the job itself is gone).
   */
  private static final Set<String> ID_COLUMNS = Set.of("ID_", "ID", "JOB_ID_");

  /**
   * One table: its name and columns in upper case (to look them up), and quoted as the database
   * spells them (to use them in SQL: H2 keeps Flyway's lower-case names, PostgreSQL folds to lower case).
   */
  record TableShape(String table, String sqlName, List<String> columns, List<String> sqlColumns, int[] sqlTypes,
                    boolean[] generated) {
    int index(String column) {
      return columns.indexOf(column);
    }
  }

  /** One case's rows, with what marks it as this case: ids, case code, SOO. */
  record Template(String caseCode, String soo, Map<String, List<Object[]>> rows, Set<String> ids) {}

  /** What one copy gets of its own. */
  record Copy(String caseCode, String soo, long shiftMillis) {}

  private final Map<String, TableShape> shapes = new LinkedHashMap<>();
  /** Foreign keys: the tables each table refers to, and its columns that refer to its own rows. */
  private final Map<String, Set<String>> references = new HashMap<>();
  private final Map<String, List<String>> selfReferences = new HashMap<>();

  CaseCloner(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<String[]> found = new ArrayList<>();
    try (ResultSet tables = meta.getTables(null, null, "%", null)) {
      while (tables.next()) {
        String schema = tables.getString("TABLE_SCHEM");
        String type = tables.getString("TABLE_TYPE");
        if ("public".equalsIgnoreCase(schema) && ("TABLE".equals(type) || "BASE TABLE".equals(type))) {
          found.add(new String[] {schema, tables.getString("TABLE_NAME")});
        }
      }
    }
    for (String[] table : found) {
      String key = table[1].toUpperCase(Locale.ROOT);
      shapes.put(key, shape(connection, table[1]));
      try (ResultSet keys = meta.getImportedKeys(null, table[0], table[1])) {
        while (keys.next()) {
          String referenced = keys.getString("PKTABLE_NAME").toUpperCase(Locale.ROOT);
          if (referenced.equals(key)) {
            selfReferences.computeIfAbsent(key, k -> new ArrayList<>()).add(keys.getString("FKCOLUMN_NAME").toUpperCase(Locale.ROOT));
          } else {
            references.computeIfAbsent(key, k -> new HashSet<>()).add(referenced);
          }
        }
      }
    }
  }

  private static TableShape shape(Connection connection, String table) throws SQLException {
    String sqlName = '"' + table + '"';
    try (PreparedStatement ps = connection.prepareStatement("select * from " + sqlName + " where 1 = 0");
         ResultSet rs = ps.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      List<String> columns = new ArrayList<>();
      List<String> sqlColumns = new ArrayList<>();
      int[] types = new int[n];
      boolean[] generated = new boolean[n];
      for (int i = 1; i <= n; i++) {
        String column = rs.getMetaData().getColumnName(i);
        columns.add(column.toUpperCase(Locale.ROOT));
        sqlColumns.add('"' + column + '"');
        types[i - 1] = rs.getMetaData().getColumnType(i);
        generated[i - 1] = rs.getMetaData().isAutoIncrement(i);
      }
      return new TableShape(table.toUpperCase(Locale.ROOT), sqlName, columns, sqlColumns, types, generated);
    }
  }

  private static String column(TableShape shape, String column) {
    return shape.sqlColumns().get(shape.index(column));
  }

  /** Reads every row of the case {@code processInstanceId} (case code, SOO as given). */
  Template capture(Connection connection, String processInstanceId, String caseCode, String soo) throws SQLException {
    Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    for (TableShape shape : shapes.values()) {
      List<String> links = INSTANCE_COLUMNS.stream().filter(shape.columns()::contains).toList();
      if (shape.table().startsWith("ACT_") && !links.isEmpty()) {
        String where = links.stream().map(c -> column(shape, c) + " = ?").collect(Collectors.joining(" or "));
        add(rows, shape, select(connection, shape, where, links.stream().map(c -> (Object) processInstanceId).toList()));
      } else if (!shape.table().startsWith("ACT_") && shape.columns().contains("CASE_CODE")) {
        add(rows, shape, select(connection, shape, column(shape, "CASE_CODE") + " = ?", List.of(caseCode)));
      }
    }
    Set<String> ids = idsIn(rows);
    for (String[] child : CHILDREN) {
      TableShape shape = shapes.get(child[0]);
      List<String> parents = child[1].equals("ID_") ? referencedByteArrays(rows) : List.copyOf(ids);
      if (shape != null && !parents.isEmpty()) {
        String in = parents.stream().map(p -> "?").collect(Collectors.joining(","));
        add(rows, shape, select(connection, shape, column(shape, child[1]) + " in (" + in + ")", List.copyOf(parents)));
      }
    }
    ids = idsIn(rows);
    Map<String, List<Object[]>> ordered = new LinkedHashMap<>();
    for (String table : insertionOrder(rows.keySet())) {
      ordered.put(table, parentsFirst(shapes.get(table), rows.get(table)));
    }
    return new Template(caseCode, soo, ordered, ids);
  }

  /** Referenced tables before the tables referring to them, so every foreign key holds row by row. */
  private List<String> insertionOrder(Set<String> tables) {
    List<String> order = new ArrayList<>();
    for (String table : tables) {
      visit(table, tables, order, new HashSet<>());
    }
    return order;
  }

  private void visit(String table, Set<String> tables, List<String> order, Set<String> path) {
    if (order.contains(table) || !path.add(table)) {
      return;
    }
    for (String referenced : references.getOrDefault(table, Set.of())) {
      if (tables.contains(referenced)) {
        visit(referenced, tables, order, path);
      }
    }
    order.add(table);
  }

  /** Within a table that refers to itself (executions and their parents), parents first. */
  private static List<Object[]> parentsFirst(TableShape shape, List<Object[]> rows, List<String> selfColumns) {
    int id = shape.index("ID_");
    if (selfColumns.isEmpty() || id < 0) {
      return rows;
    }
    Set<Object> pending = rows.stream().map(r -> r[id]).collect(Collectors.toCollection(HashSet::new));
    List<Object[]> remaining = new ArrayList<>(rows);
    List<Object[]> ordered = new ArrayList<>();
    while (!remaining.isEmpty()) {
      int before = remaining.size();
      for (var it = remaining.iterator(); it.hasNext(); ) {
        Object[] row = it.next();
        boolean ready = selfColumns.stream().map(shape::index)
            .allMatch(c -> row[c] == null || row[c].equals(row[id]) || !pending.contains(row[c]));
        if (ready) {
          ordered.add(row);
          pending.remove(row[id]);
          it.remove();
        }
      }
      if (remaining.size() == before) {
        throw new IllegalStateException(shape.table() + ": rows refer to each other in a cycle");
      }
    }
    return ordered;
  }

  private List<Object[]> parentsFirst(TableShape shape, List<Object[]> rows) {
    return parentsFirst(shape, rows, selfReferences.getOrDefault(shape.table(), List.of()));
  }

  /**
   * Writes the copies; returns the number of rows written. Without {@code history}, the engine's
   * history tables (ACT_HI_*) are left out: the copies' ids are the same either way.
   * The caller commits.
   */
  long insert(Connection connection, Template template, List<Copy> copies, boolean history) throws SQLException {
    long rows = 0;
    // One new id per template id and copy, the same in every table.
    List<Map<String, String>> newIds = new ArrayList<>();
    for (int c = 0; c < copies.size(); c++) {
      newIds.add(new HashMap<>());
    }
    for (Map.Entry<String, List<Object[]>> table : template.rows().entrySet()) {
      if (!history && table.getKey().startsWith("ACT_HI_")) {
        continue;
      }
      TableShape shape = shapes.get(table.getKey());
      // Generated keys (the audit's identity column) are left to the database.
      List<Integer> written = new ArrayList<>();
      for (int i = 0; i < shape.columns().size(); i++) {
        if (!shape.generated()[i]) {
          written.add(i);
        }
      }
      int[] types = written.stream().mapToInt(i -> shape.sqlTypes()[i]).toArray();
      try (RowWriter writer = RowWriter.open(connection, shape.sqlName(),
          written.stream().map(shape.sqlColumns()::get).toList(), types)) {
        for (int c = 0; c < copies.size(); c++) {
          for (Object[] row : table.getValue()) {
            Object[] values = copyOf(shape, row, template, copies.get(c), newIds.get(c));
            writer.add(written.stream().map(i -> values[i]).toArray());
            rows++;
          }
        }
      }
    }
    return rows;
  }

  private Object[] copyOf(TableShape shape, Object[] row, Template template, Copy copy, Map<String, String> newIds) {
    Object[] values = row.clone();
    int longColumn = shape.index("LONG_");
    int typeColumn = shape.columns().contains("TYPE_") ? shape.index("TYPE_") : shape.index("VAR_TYPE_");
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v instanceof String s) {
        if (template.ids().contains(s)) {
          values[i] = newIds.computeIfAbsent(s, CaseCloner::freshId);
        } else if (s.equals(template.caseCode())) {
          values[i] = copy.caseCode();
        } else if (s.equals(template.soo())) {
          values[i] = copy.soo();
        }
      } else if (v instanceof Timestamp t) {
        values[i] = new Timestamp(t.getTime() + copy.shiftMillis());
      }
    }
    // Date variables are stored as epoch milliseconds: they move with the case's other times.
    if (longColumn >= 0 && typeColumn >= 0 && "date".equals(values[typeColumn]) && values[longColumn] instanceof Number n) {
      values[longColumn] = n.longValue() + copy.shiftMillis();
    }
    if (shape.table().equals("CASE_IDENTITY")) {
      distinctPeople(shape, values, copy);
    }
    return values;
  }

  /** Each copy is a different referral: its own force reference and its own (made-up) people. */
  private static void distinctPeople(TableShape shape, Object[] values, Copy copy) {
    set(shape, values, "EXTERNAL_REFERENCE", "BENCH-COPY-" + copy.caseCode());
    set(shape, values, "OPEN_REFERENCE_KEY", UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));
    set(shape, values, "VICTIM_NAME", "Bench Victim " + copy.caseCode());
    set(shape, values, "VICTIM_STAFF_NUMBER", "BV-" + copy.caseCode());
    set(shape, values, "PERPETRATOR_NAME", "Bench Other Party " + copy.caseCode());
    // The made-up people's keys (ReferenceKeys): distinct people, distinct keys.
    for (String key : List.of("VICTIM_STAFF_KEY", "VICTIM_PERSON_KEY", "PERPETRATOR_STAFF_KEY", "PERPETRATOR_PERSON_KEY")) {
      set(shape, values, key, UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));
    }
  }

  private static void set(TableShape shape, Object[] values, String column, Object value) {
    int i = shape.index(column);
    if (i >= 0 && values[i] != null) {
      values[i] = value;
    }
  }

  /** A new id of the same form: activity instance ids keep their "activityId:" prefix. */
  private static String freshId(String old) {
    int colon = old.lastIndexOf(':');
    return (colon >= 0 ? old.substring(0, colon + 1) : "") + UUID.randomUUID();
  }

  /** Every row's own id, and the ids that must differ per copy although no row here is keyed by them. */
  private Set<String> idsIn(Map<String, List<Object[]>> rows) {
    Set<String> ids = new HashSet<>();
    rows.forEach((table, list) -> {
      TableShape shape = shapes.get(table);
      for (String column : shape.columns()) {
        if (ID_COLUMNS.contains(column)) {
          int i = shape.index(column);
          list.stream().map(r -> r[i]).filter(v -> v instanceof String).forEach(v -> ids.add((String) v));
        }
      }
    });
    return ids;
  }

  private List<String> referencedByteArrays(Map<String, List<Object[]>> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach((table, list) -> {
      int i = shapes.get(table).index("BYTEARRAY_ID_");
      if (i >= 0) {
        list.stream().map(r -> r[i]).filter(v -> v != null).forEach(v -> ids.add(v.toString()));
      }
    });
    return ids;
  }

  private static void add(Map<String, List<Object[]>> rows, TableShape shape, List<Object[]> found) {
    List<Object[]> list = rows.computeIfAbsent(shape.table(), t -> new ArrayList<>());
    int id = shape.index("ID_");
    Set<Object> seen = id < 0 ? Set.of() : list.stream().map(r -> r[id]).collect(Collectors.toSet());
    for (Object[] row : found) {
      if (id < 0 || !seen.contains(row[id])) {
        list.add(row);
      }
    }
    if (list.isEmpty()) {
      rows.remove(shape.table());
    }
  }

  private static List<Object[]> select(Connection connection, TableShape shape, String where, List<Object> args)
      throws SQLException {
    List<Object[]> found = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("select * from " + shape.sqlName() + " where " + where)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = shape.columns().size();
        while (rs.next()) {
          Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = rs.getObject(i + 1);
          }
          found.add(row);
        }
      }
    }
    return found;
  }
}
