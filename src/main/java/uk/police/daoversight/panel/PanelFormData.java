package uk.police.daoversight.panel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The panel forms' lists and tables: written as JSON variables (form-js {@code table} data sources
 * and {@code valuesKey} options), and a checklist's answer read back as case codes.
 */
final class PanelFormData {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PanelFormData() {}

  /** Sets a JSON variable (on the process, or the task's own when local). */
  static void write(VariableScope scope, String name, Object value, boolean local) {
    String text;
    try {
      text = JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The form data " + name + " could not be written", e);
    }
    if (local) {
      scope.setVariableLocal(name, SpinValues.jsonValue(text).create());
    } else {
      scope.setVariable(name, SpinValues.jsonValue(text).create());
    }
  }

  /** A checklist's or list's answer (JSON, a Java list, or nothing) as its values, in order. */
  static List<String> values(Object value) {
    List<String> values = new ArrayList<>();
    if (value instanceof SpinJsonNode node && node.isArray()) {
      node.elements().forEach(e -> values.add(e.isString() ? e.stringValue() : e.toString()));
    } else if (value instanceof Collection<?> list) {
      list.forEach(v -> values.add(String.valueOf(v)));
    } else if (value instanceof String s && !s.isBlank()) {
      values.add(s);
    }
    return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
  }
}
