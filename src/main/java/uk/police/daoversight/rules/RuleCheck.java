package uk.police.daoversight.rules;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.spi.type.DmnDataTypeTransformer;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Whether an analyst's new version of a decision table may go live. Plain: a DMN engine in, reasons
 * out. A version is refused when it is not DMN, changes the decision key, removes or renames an
 * input or output the processes use (or changes its type), has a type error or an expression that
 * does not parse, has no history time to live, or fails its regression cases.
 */
public class RuleCheck {

  static final Set<String> TYPES = Set.of("string", "boolean", "integer", "long", "double", "date");

  private final DmnEngine dmnEngine;

  public RuleCheck(DmnEngine dmnEngine) {
    this.dmnEngine = dmnEngine;
  }

  /** Every reason the candidate may not replace the current version; empty when it may. */
  public List<String> refusals(String decisionKey, byte[] candidate, byte[] current, RegressionCases cases) {
    List<String> reasons = new ArrayList<>();
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(candidate));
    } catch (RuntimeException e) {
      return List.of("Not a DMN file: " + firstLine(e));
    }
    Decision decision = model.getModelElementById(decisionKey) instanceof Decision d ? d : null;
    if (decision == null) {
      List<String> found = model.getModelElementsByType(Decision.class).stream().map(Decision::getId).toList();
      return List.of("The decision key may not change: the file holds " + found + ", not '" + decisionKey + "'");
    }
    String ttl = decision.getCamundaHistoryTimeToLiveString();
    if (ttl == null || ttl.isBlank()) {
      reasons.add("No history time to live: set camunda:historyTimeToLive on the decision");
    }
    DecisionTable table = decision.getExpression() instanceof DecisionTable t ? t : null;
    if (table == null) {
      reasons.add("Decision '" + decisionKey + "' is not a decision table");
      return reasons;
    }
    if (current != null) {
      compareContract(decisionKey, table, Dmn.readModelFromStream(new ByteArrayInputStream(current)), reasons);
    }
    checkTypesAndExpressions(table, reasons);
    if (!reasons.isEmpty()) {
      return reasons;
    }
    DmnDecision parsed;
    try {
      parsed = dmnEngine.parseDecision(decisionKey, new ByteArrayInputStream(candidate));
    } catch (RuntimeException e) {
      return List.of("The table does not parse: " + firstLine(e));
    }
    if (cases != null) {
      runRegression(parsed, table, cases, reasons);
    }
    return reasons;
  }

  /** The inputs (by expression) and outputs (by name and type) the processes rely on must stay. */
  private static void compareContract(String key, DecisionTable candidate, DmnModelInstance currentModel, List<String> reasons) {
    Decision currentDecision = currentModel.getModelElementById(key);
    DecisionTable current = (DecisionTable) currentDecision.getExpression();
    Set<String> candidateInputs = inputExpressions(candidate.getInputs());
    for (String input : inputExpressions(current.getInputs())) {
      if (!candidateInputs.contains(input)) {
        reasons.add("Input '" + input + "' is removed or renamed: the processes supply it");
      }
    }
    Map<String, String> candidateOutputs = outputTypes(candidate.getOutputs());
    outputTypes(current.getOutputs()).forEach((name, type) -> {
      if (!candidateOutputs.containsKey(name)) {
        reasons.add("Output '" + name + "' is removed or renamed: the processes read it");
      } else if (type != null && !type.equals(candidateOutputs.get(name))) {
        reasons.add("Output '" + name + "' changes type from " + type + " to " + candidateOutputs.get(name));
      }
    });
  }

  private void checkTypesAndExpressions(DecisionTable table, List<String> reasons) {
    DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) dmnEngine.getConfiguration();
    for (Input input : table.getInputs()) {
      String type = input.getInputExpression().getTypeRef();
      if (type != null && !TYPES.contains(type)) {
        reasons.add("Input '" + input.getInputExpression().getTextContent() + "' has unknown type '" + type + "'");
      }
    }
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    for (Output output : outputs) {
      if (output.getTypeRef() != null && !TYPES.contains(output.getTypeRef())) {
        reasons.add("Output '" + output.getName() + "' has unknown type '" + output.getTypeRef() + "'");
      }
    }
    for (Rule rule : table.getRules()) {
      List<InputEntry> inputEntries = new ArrayList<>(rule.getInputEntries());
      for (InputEntry entry : inputEntries) {
        String text = entry.getTextContent().trim();
        if (text.isEmpty() || text.equals("-") || !isFeel(entry.getExpressionLanguage())) {
          continue;
        }
        try {
          configuration.getFeelEngine().evaluateSimpleUnaryTests(text, "cellInput",
              Variables.createVariables().putValue("cellInput", null).asVariableContext());
        } catch (RuntimeException e) {
          if (isParseError(e)) {
            reasons.add("Rule '" + rule.getId() + "': input entry " + text + " does not parse");
          }
        }
      }
      List<OutputEntry> outputEntries = new ArrayList<>(rule.getOutputEntries());
      for (int i = 0; i < outputEntries.size() && i < outputs.size(); i++) {
        String text = outputEntries.get(i).getTextContent().trim();
        if (text.isEmpty() || !isFeel(outputEntries.get(i).getExpressionLanguage())) {
          continue;
        }
        Object value;
        try {
          value = configuration.getFeelEngine().evaluateSimpleExpression(text, Variables.createVariables().asVariableContext());
        } catch (RuntimeException e) {
          reasons.add("Rule '" + rule.getId() + "': output " + outputs.get(i).getName() + " = " + text + " does not parse");
          continue;
        }
        String type = outputs.get(i).getTypeRef();
        if (type != null && TYPES.contains(type) && value != null) {
          DmnDataTypeTransformer transformer = configuration.getTransformer().getDataTypeTransformerRegistry().getTransformer(type);
          try {
            transformer.transform(value);
          } catch (IllegalArgumentException e) {
            reasons.add("Rule '" + rule.getId() + "': output " + outputs.get(i).getName() + " = " + text + " is not of type " + type);
          }
        }
      }
    }
  }

  private void runRegression(DmnDecision decision, DecisionTable table, RegressionCases cases, List<String> reasons) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Input input : table.getInputs()) {
      types.put(input.getInputExpression().getTextContent().trim(), input.getInputExpression().getTypeRef());
    }
    for (RegressionCases.Row row : cases.rows()) {
      VariableMap variables = Variables.createVariables();
      row.inputs().forEach((name, text) -> variables.putValue(name, typed(text, types.get(name))));
      DmnDecisionResult result;
      try {
        result = dmnEngine.evaluateDecision(decision, variables);
      } catch (RuntimeException e) {
        reasons.add("Regression case line " + row.line() + " " + row.inputs() + ": evaluation failed: " + firstLine(e));
        continue;
      }
      Map<String, Object> actual = result.isEmpty() ? Map.of() : result.getFirstResult().getEntryMap();
      row.expected().forEach((output, expected) -> {
        String got = actual.get(output) == null ? "" : String.valueOf(actual.get(output));
        if (!got.equals(expected)) {
          reasons.add("Regression case line " + row.line() + " " + row.inputs() + ": expected " + output + " = "
              + expected + ", the new table gives " + (got.isEmpty() ? "nothing" : got));
        }
      });
    }
  }

  static Object typed(String text, String type) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return switch (type == null ? "string" : type) {
      case "boolean" -> Boolean.valueOf(text);
      case "integer" -> Integer.valueOf(text);
      case "long" -> Long.valueOf(text);
      case "double" -> Double.valueOf(text);
      default -> text;
    };
  }

  private static Set<String> inputExpressions(Collection<Input> inputs) {
    Set<String> names = new java.util.LinkedHashSet<>();
    inputs.forEach(i -> names.add(i.getInputExpression().getTextContent().trim()));
    return names;
  }

  private static Map<String, String> outputTypes(Collection<Output> outputs) {
    Map<String, String> types = new LinkedHashMap<>();
    outputs.forEach(o -> types.put(o.getName(), o.getTypeRef()));
    return types;
  }

  private static boolean isFeel(String language) {
    return language == null || language.toLowerCase().contains("feel");
  }

  private static boolean isParseError(RuntimeException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase();
    return message.contains("parse") || message.contains("syntax");
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
