package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A table of figures, rendered as Markdown (the console gets the same text). */
final class Table {

  private final String title;
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Table(String title, String... header) {
    this.title = title;
    this.header = List.of(header);
  }

  Table row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(title + ": " + cells.length + " cells for " + header.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(Table::cell).toList());
    return this;
  }

  /** A sentence under the table: how a figure was obtained, or what it means. */
  Table note(String note) {
    notes.add(note);
    return this;
  }

  String title() {
    return title;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String markdown() {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
    out.append(line(header, widths)).append('\n');
    out.append(Arrays.stream(widths).mapToObj(w -> "-".repeat(Math.max(3, w))).collect(Collectors.joining(" | ", "| ", " |")))
        .append('\n');
    rows.forEach(row -> out.append(line(row, widths)).append('\n'));
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(n -> out.append("- ").append(n).append('\n'));
    }
    return out.toString();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder out = new StringBuilder("|");
    for (int c = 0; c < cells.size(); c++) {
      out.append(' ').append(String.format("%-" + Math.max(3, widths[c]) + "s", cells.get(c))).append(" |");
    }
    return out.toString();
  }

  private static String cell(Object value) {
    if (value instanceof Double d) {
      return Samples.format(d);
    }
    return String.valueOf(value).replace("|", "\\|");
  }
}
