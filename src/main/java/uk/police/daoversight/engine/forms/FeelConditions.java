package uk.police.daoversight.engine.forms;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * form-js conditions ({@code conditional.hide}, an expression {@code readonly}) decided with a FEEL
 * engine of its own: the deployed form's expression, over the form's plain data (text, numbers,
 * true/false, dates); nothing else is in the context. An expression that fails is undecided.
 */
public final class FeelConditions implements FormFieldRules.Conditions {

  private final FeelEngine feel;

  public FeelConditions() {
    this(new ScalaFeelEngineFactory().createInstance());
  }

  public FeelConditions(FeelEngine feel) {
    this.feel = feel;
  }

  @Override
  public Boolean test(String expression, Map<String, Object> data) {
    VariableMap context = Variables.createVariables();
    data.forEach((name, value) -> {
      if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number
          || value instanceof Date) {
        context.put(name, value);
      }
    });
    try {
      Object result = feel.evaluateSimpleExpression(expression, context.asVariableContext());
      return result instanceof Boolean b ? b : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
