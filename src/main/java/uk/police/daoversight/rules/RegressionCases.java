package uk.police.daoversight.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression cases of a decision table: a CSV whose header names the inputs, then the expected
 * outputs as {@code expected.<output>}; one row per case. Values are plain text; the table's types
 * say how to read them.
 */
public record RegressionCases(List<String> inputs, List<String> outputs, List<Row> rows) {

  public record Row(int line, Map<String, String> inputs, Map<String, String> expected) {}

  public static RegressionCases parse(String csv) {
    List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("the regression cases are empty");
    }
    String[] header = lines.get(0).split(",", -1);
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (String column : header) {
      if (column.trim().startsWith("expected.")) {
        outputs.add(column.trim().substring("expected.".length()));
      } else {
        inputs.add(column.trim());
      }
    }
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("the regression cases name no expected output (columns expected.<output>)");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != header.length) {
        throw new IllegalArgumentException("regression case line " + (i + 1) + " has " + cells.length
            + " values, the header " + header.length);
      }
      Map<String, String> in = new LinkedHashMap<>();
      Map<String, String> out = new LinkedHashMap<>();
      for (int c = 0; c < header.length; c++) {
        String column = header[c].trim();
        if (column.startsWith("expected.")) {
          out.put(column.substring("expected.".length()), cells[c].trim());
        } else {
          in.put(column, cells[c].trim());
        }
      }
      rows.add(new Row(i + 1, in, out));
    }
    return new RegressionCases(inputs, outputs, rows);
  }
}
