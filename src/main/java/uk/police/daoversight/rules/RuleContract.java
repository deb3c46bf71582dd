package uk.police.daoversight.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.springframework.core.io.ClassPathResource;

/**
 * What the processes read from a decision, fixed by the application's own release of the table
 * ({@code dmn/<key>.dmn} on the class path), never by a version an analyst deployed: the inputs
 * (name and type) the processes supply, the outputs (name and type) they read and, for an output
 * whose release declares {@code outputValues}, the only values it may return. A change may reorder
 * and rewrite rules; it may not add, remove, rename or retype a column, or return a new value.
 */
public record RuleContract(String decisionKey, Map<String, String> inputs, Map<String, String> outputs,
                           Map<String, Set<String>> outputValues) {

  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** The release's contract, or null when the application has no table of that key. */
  public static RuleContract of(String decisionKey) {
    if (decisionKey == null || !decisionKey.matches("[A-Za-z][A-Za-z0-9_-]{0,100}")) {
      return null;
    }
    ClassPathResource release = new ClassPathResource("dmn/" + decisionKey + ".dmn");
    if (!release.exists()) {
      return null;
    }
    try (InputStream in = release.getInputStream()) {
      return fromRelease(decisionKey, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RuleContract fromRelease(String decisionKey, byte[] xml) {
    Decision decision = Dmn.readModelFromStream(new ByteArrayInputStream(xml)).getModelElementById(decisionKey);
    DecisionTable table = (DecisionTable) decision.getExpression();
    Map<String, String> inputs = new LinkedHashMap<>();
    for (Input input : table.getInputs()) {
      inputs.put(input.getInputExpression().getTextContent().trim(), input.getInputExpression().getTypeRef());
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    Map<String, Set<String>> values = new LinkedHashMap<>();
    for (Output output : table.getOutputs()) {
      outputs.put(output.getName(), output.getTypeRef());
      if (output.getOutputValues() != null && output.getOutputValues().getTextContent() != null) {
        Set<String> allowed = new LinkedHashSet<>();
        Matcher literal = STRING_LITERAL.matcher(output.getOutputValues().getTextContent());
        while (literal.find()) {
          allowed.add(literal.group(0));
        }
        values.put(output.getName(), Set.copyOf(allowed));
      }
    }
    return new RuleContract(decisionKey, Collections.unmodifiableMap(inputs), Collections.unmodifiableMap(outputs),
        Collections.unmodifiableMap(values));
  }
}
