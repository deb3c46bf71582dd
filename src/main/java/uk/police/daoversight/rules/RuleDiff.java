package uk.police.daoversight.rules;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;

/** A human-readable difference between two versions of a decision table, rule by rule. */
public final class RuleDiff {

  private RuleDiff() {}

  public static List<String> describe(String decisionKey, byte[] before, byte[] after) {
    DecisionTable old = table(decisionKey, before);
    DecisionTable now = table(decisionKey, after);
    List<String> lines = new ArrayList<>();
    if (old.getHitPolicy() != now.getHitPolicy()) {
      lines.add("Hit policy " + old.getHitPolicy() + " → " + now.getHitPolicy());
    }
    List<String> inputs = now.getInputs().stream().map(RuleDiff::label).toList();
    List<String> oldInputs = old.getInputs().stream().map(RuleDiff::label).toList();
    inputs.stream().filter(i -> !oldInputs.contains(i)).forEach(i -> lines.add("Input added: " + i));
    List<String> outputs = now.getOutputs().stream().map(Output::getName).toList();
    Map<String, Rule> oldRules = rules(old);
    Map<String, Rule> newRules = rules(now);
    oldRules.keySet().stream().filter(id -> !newRules.containsKey(id)).forEach(id -> lines.add("Rule " + id + " removed"));
    newRules.forEach((id, rule) -> {
      Rule previous = oldRules.get(id);
      if (previous == null) {
        lines.add("Rule " + id + " added: " + summary(rule, inputs, outputs));
        return;
      }
      List<String> changes = new ArrayList<>();
      List<String> oldIn = previous.getInputEntries().stream().map(e -> e.getTextContent().trim()).toList();
      List<String> newIn = rule.getInputEntries().stream().map(e -> e.getTextContent().trim()).toList();
      for (int i = 0; i < Math.max(oldIn.size(), newIn.size()); i++) {
        String a = i < oldIn.size() ? oldIn.get(i) : "";
        String b = i < newIn.size() ? newIn.get(i) : "";
        if (!a.equals(b)) {
          changes.add((i < inputs.size() ? inputs.get(i) : "input " + (i + 1)) + " " + a + " → " + b);
        }
      }
      List<String> oldOut = previous.getOutputEntries().stream().map(e -> e.getTextContent().trim()).toList();
      List<String> newOut = rule.getOutputEntries().stream().map(e -> e.getTextContent().trim()).toList();
      for (int i = 0; i < Math.max(oldOut.size(), newOut.size()); i++) {
        String a = i < oldOut.size() ? oldOut.get(i) : "";
        String b = i < newOut.size() ? newOut.get(i) : "";
        if (!a.equals(b)) {
          changes.add((i < outputs.size() ? outputs.get(i) : "output " + (i + 1)) + " " + a + " → " + b);
        }
      }
      if (!changes.isEmpty()) {
        lines.add("Rule " + id + ": " + String.join("; ", changes));
      }
    });
    List<String> oldOrder = new ArrayList<>(oldRules.keySet());
    List<String> newOrder = new ArrayList<>(newRules.keySet());
    newOrder.retainAll(oldOrder);
    oldOrder.retainAll(newRules.keySet());
    if (!oldOrder.equals(newOrder)) {
      lines.add("Rule order changed: " + String.join(", ", newRules.keySet()));
    }
    if (lines.isEmpty()) {
      lines.add("No change to the rules");
    }
    return lines;
  }

  private static String summary(Rule rule, List<String> inputs, List<String> outputs) {
    List<String> parts = new ArrayList<>();
    var in = new ArrayList<>(rule.getInputEntries());
    for (int i = 0; i < in.size(); i++) {
      String text = in.get(i).getTextContent().trim();
      if (!text.isEmpty() && !text.equals("-")) {
        parts.add((i < inputs.size() ? inputs.get(i) : "input") + " " + text);
      }
    }
    var out = new ArrayList<>(rule.getOutputEntries());
    List<String> results = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      results.add((i < outputs.size() ? outputs.get(i) : "output") + " = " + out.get(i).getTextContent().trim());
    }
    return "when " + (parts.isEmpty() ? "anything" : String.join(", ", parts)) + " then " + String.join(", ", results);
  }

  private static String label(Input input) {
    return input.getInputExpression().getTextContent().trim();
  }

  private static Map<String, Rule> rules(DecisionTable table) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    table.getRules().forEach(r -> rules.put(r.getId(), r));
    return rules;
  }

  private static DecisionTable table(String key, byte[] xml) {
    Decision decision = Dmn.readModelFromStream(new ByteArrayInputStream(xml)).getModelElementById(key);
    return (DecisionTable) decision.getExpression();
  }
}
