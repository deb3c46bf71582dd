package uk.police.daoversight.rules;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
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
import org.camunda.bpm.model.dmn.instance.DrgElement;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Whether an analyst's new version of a decision table may go live. Plain: a DMN engine in, reasons
 * out. A version is refused when it is not DMN, changes the decision key or holds anything beside
 * the one decision, names an expression language other than FEEL anywhere (definitions, table,
 * input expression, input or output entry), adds, removes, renames or retypes an input or output of
 * the decision's {@link RuleContract}, returns a value outside an output's fixed set, has an entry
 * that is not plain FEEL over the decision's own inputs (no other name, no function, no path into
 * a value), has a type error or an expression that does not parse, has no history time to live, or
 * fails its regression cases. Nothing of a refused file is ever evaluated.
 */
public class RuleCheck {

  static final Set<String> TYPES = Set.of("string", "boolean", "integer", "long", "double", "date");

  /** Every spelling of FEEL the DMN engine accepts; everything else (juel, javascript, groovy, python...) is refused. */
  static final Set<String> FEEL = Set.of(
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE, DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12, DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14, DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

  /** The FEEL words a plain table needs; any other name (a function, a context, a case variable) is refused. */
  static final Set<String> KEYWORDS = Set.of("not", "true", "false", "null", "and", "or", "date", "time", "duration");

  private final DmnEngine dmnEngine;

  public RuleCheck(DmnEngine dmnEngine) {
    this.dmnEngine = dmnEngine;
  }

  /** Every reason the candidate may not replace the current version; empty when it may. */
  public List<String> refusals(String decisionKey, byte[] candidate, RuleContract contract, RegressionCases cases) {
    if (contract == null) {
      return List.of("'" + decisionKey + "' is not one of the application's decision tables");
    }
    List<String> reasons = new ArrayList<>();
    Document dom;
    try {
      dom = plainXml(candidate);
    } catch (Exception e) {
      return List.of("Not a DMN file: " + firstLine(e));
    }
    languages(dom.getDocumentElement(), reasons);
    if (!reasons.isEmpty()) {
      return reasons;
    }
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
    List<String> others = model.getModelElementsByType(DrgElement.class).stream().filter(e -> e != decision)
        .map(e -> e.getElementType().getTypeName() + " '" + e.getId() + "'").toList();
    if (!others.isEmpty()) {
      return List.of("The file may hold only the decision '" + decisionKey + "'; it also holds " + others);
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
    compareContract(table, contract, reasons);
    plainEntries(table, contract, reasons);
    if (!reasons.isEmpty()) {
      return reasons;
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

  /** The file as XML, with no document type (no entities, nothing fetched). */
  private static Document plainXml(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new ByteArrayInputStream(xml));
  }

  /** Every expressionLanguage attribute, in any namespace and on any element, must say FEEL. */
  private static void languages(Element element, List<String> reasons) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getNodeName();
      if (name.equalsIgnoreCase("expressionLanguage") && !FEEL.contains(attribute.getNodeValue().trim())) {
        reasons.add(where(element) + " is in " + shown(attribute.getNodeValue()) + ": only FEEL is accepted");
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        languages(e, reasons);
      }
    }
  }

  /** Names the rule (or the element) an attribute sits on, for the analyst. */
  private static String where(Element element) {
    String kind = element.getLocalName() != null ? element.getLocalName() : element.getNodeName();
    String id = element.getAttribute("id");
    String self = kind + (id.isEmpty() ? "" : " '" + id + "'");
    for (Node up = element.getParentNode(); up instanceof Element parent; up = parent.getParentNode()) {
      if ("rule".equals(parent.getLocalName())) {
        return "Rule '" + parent.getAttribute("id") + "': " + self;
      }
    }
    return switch (kind) {
      case "definitions" -> "The file's default language (definitions " + (id.isEmpty() ? "" : "'" + id + "'") + ")";
      case "decisionTable" -> "The table's default language (decisionTable " + (id.isEmpty() ? "" : "'" + id + "'") + ")";
      default -> self.substring(0, 1).toUpperCase() + self.substring(1);
    };
  }

  /** The inputs (by expression and type) and outputs (by name and type) are the contract's, no more, no fewer. */
  private static void compareContract(DecisionTable candidate, RuleContract contract, List<String> reasons) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (Input input : candidate.getInputs()) {
      String expression = input.getInputExpression() == null ? "" : String.valueOf(input.getInputExpression().getTextContent()).trim();
      inputs.put(expression, input.getInputExpression() == null ? null : input.getInputExpression().getTypeRef());
    }
    contract.inputs().forEach((name, type) -> {
      if (!inputs.containsKey(name)) {
        reasons.add("Input '" + name + "' is removed or renamed: the processes supply it");
      } else if (!Objects.equals(type, inputs.get(name))) {
        reasons.add("Input '" + name + "' changes type from " + type + " to " + inputs.get(name));
      }
    });
    inputs.keySet().stream().filter(name -> !contract.inputs().containsKey(name)).forEach(name -> reasons.add(
        "Input '" + shown(name) + "' is not one the processes supply: the table reads only " + contract.inputs().keySet()));
    Map<String, String> outputs = new LinkedHashMap<>();
    candidate.getOutputs().forEach(o -> outputs.put(String.valueOf(o.getName()), o.getTypeRef()));
    contract.outputs().forEach((name, type) -> {
      if (!outputs.containsKey(name)) {
        reasons.add("Output '" + name + "' is removed or renamed: the processes read it");
      } else if (!Objects.equals(type, outputs.get(name))) {
        reasons.add("Output '" + name + "' changes type from " + type + " to " + outputs.get(name));
      }
    });
    outputs.keySet().stream().filter(name -> !contract.outputs().containsKey(name)).forEach(name -> reasons.add(
        "Output '" + shown(name) + "' is new: the decision returns only " + contract.outputs().keySet()));
  }

  /**
   * Each entry is plain FEEL over the decision's own inputs: literals, comparisons, ranges, lists and
   * arithmetic, and no name but the inputs'; an output with a fixed set of values gives one of them.
   */
  private static void plainEntries(DecisionTable table, RuleContract contract, List<String> reasons) {
    Set<String> names = contract.inputs().keySet();
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    for (Rule rule : table.getRules()) {
      List<InputEntry> inputEntries = new ArrayList<>(rule.getInputEntries());
      for (int i = 0; i < inputEntries.size(); i++) {
        String problem = notPlainFeel(String.valueOf(inputEntries.get(i).getTextContent()), names);
        if (problem != null) {
          reasons.add("Rule '" + rule.getId() + "': input entry " + (i + 1) + " has " + problem);
        }
      }
      List<OutputEntry> outputEntries = new ArrayList<>(rule.getOutputEntries());
      for (int i = 0; i < outputEntries.size(); i++) {
        String output = i < outputs.size() ? outputs.get(i).getName() : "output " + (i + 1);
        String text = String.valueOf(outputEntries.get(i).getTextContent()).trim();
        Set<String> allowed = contract.outputValues().get(output);
        if (allowed != null && !allowed.contains(text)) {
          reasons.add("Rule '" + rule.getId() + "': output " + output + " = " + shown(text) + " is not one of its values "
              + allowed.stream().sorted().toList() + ": a decision may not return a new value");
          continue;
        }
        String problem = notPlainFeel(text, names);
        if (problem != null) {
          reasons.add("Rule '" + rule.getId() + "': output " + output + " has " + problem);
        }
      }
    }
  }

  /** Why a text is not plain FEEL over the given names, or null when it is. */
  static String notPlainFeel(String text, Set<String> names) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '"') {
          end += text.charAt(end) == '\\' ? 2 : 1;
        }
        if (end >= text.length()) {
          return "a string that does not end (the entry does not parse)";
        }
        i = end + 1;
      } else if (c >= '0' && c <= '9') {
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
          i++;
        }
      } else if (c < 128 && (Character.isLetter(c) || c == '_')) {
        int start = i;
        while (i < text.length() && text.charAt(i) < 128 && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        String word = text.substring(start, i);
        if (!KEYWORDS.contains(word) && !names.contains(word)) {
          return "the name '" + shown(word) + "', which is not one of the decision's inputs " + names
              + " (only plain FEEL over the inputs is accepted)";
        }
      } else if ("<>=!()[],.-+*/?".indexOf(c) >= 0) {
        i++;
      } else {
        return "the character '" + c + "' (only plain FEEL over the decision's inputs is accepted)";
      }
    }
    return null;
  }

  private static String shown(String text) {
    String oneLine = String.valueOf(text).replaceAll("\\s+", " ").trim();
    return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
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
        if (text.isEmpty() || text.equals("-")) {
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
        if (text.isEmpty()) {
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
