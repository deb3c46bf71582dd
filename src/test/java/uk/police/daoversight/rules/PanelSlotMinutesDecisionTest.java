package uk.police.daoversight.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/** Decision {@code panelSlotMinutes} ("Panel slot length"), checked against its regression cases. */
class PanelSlotMinutesDecisionTest {

  private static final String DECISION_KEY = "panelSlotMinutes";
  private static final String TABLE = "/dmn/" + DECISION_KEY + ".dmn";
  private static final String REGRESSION_CASES = "/dmn/" + DECISION_KEY + ".regression.csv";

  /** Ids of the rules that matched in the most recent evaluation (after the hit policy). */
  private static final List<String> matchedRuleIds = new ArrayList<>();

  private static DmnEngine dmnEngine;
  private static DmnDecision decision;

  @BeforeAll
  static void buildEngineAndParseTable() throws IOException {
    DmnDecisionTableEvaluationListener recordMatchedRules = event -> {
      matchedRuleIds.clear();
      event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(matchedRuleIds::add);
    };
    DmnEngineConfiguration config = DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    ((DefaultDmnEngineConfiguration) config).customPostDecisionTableEvaluationListeners(List.of(recordMatchedRules));
    dmnEngine = config.buildEngine();
    try (InputStream table = PanelSlotMinutesDecisionTest.class.getResourceAsStream(TABLE)) {
      assertThat(table).as(TABLE + " on the classpath").isNotNull();
      decision = dmnEngine.parseDecision(DECISION_KEY, table);
    }
  }

  private static Evaluation evaluate(String reviewType, Boolean complex) {
    VariableMap variables = Variables.createVariables()
        .putValue("reviewType", reviewType)
        .putValue("complex", complex);
    matchedRuleIds.clear();
    DmnDecisionTableResult result = dmnEngine.evaluateDecisionTable(decision, variables);
    return new Evaluation(result, List.copyOf(matchedRuleIds));
  }

  private record Evaluation(DmnDecisionTableResult result, List<String> matchedRules) {
    Integer slotMinutes() {
      DmnDecisionRuleResult single = result.getSingleResult();
      assertThat(single).as("exactly one result").isNotNull();
      return single.getEntry("slotMinutes");
    }

    String matchedRule() {
      assertThat(matchedRules).as("exactly one matching rule").hasSize(1);
      return matchedRules.get(0);
    }
  }

  @ParameterizedTest(name = "{0}, complex={1} -> {2} minutes")
  @CsvFileSource(resources = REGRESSION_CASES, numLinesToSkip = 1)
  void regressionCase(String reviewType, boolean complex, int expectedSlotMinutes) {
    Evaluation evaluation = evaluate(reviewType, complex);

    assertThat(evaluation.slotMinutes()).isEqualTo(expectedSlotMinutes);
    assertThat(evaluation.matchedRule()).isIn(ruleIdsOfTable());
  }

  @ParameterizedTest(name = "{0}, complex={1} -> {2} minutes")
  @CsvSource({
    "NEW,    false, 15",
    "UPDATE, false, 10",
    "NEW,    true,  30",
    "UPDATE, true,  30"
  })
  void slotLengthsAgreedByTheForce(String reviewType, boolean complex, int expectedSlotMinutes) {
    assertThat(evaluate(reviewType, complex).slotMinutes()).isEqualTo(expectedSlotMinutes);
  }

  @Test
  void complexCaseGetsThirtyMinutesWhateverTheReviewType() {
    Evaluation evaluation = evaluate("UPDATE", true);
    assertThat(evaluation.matchedRule()).isEqualTo("complexSlot");
    assertThat(evaluation.slotMinutes()).isEqualTo(30);
  }

  @Test
  void newCaseGetsFifteenMinutes() {
    Evaluation evaluation = evaluate("NEW", false);
    assertThat(evaluation.matchedRule()).isEqualTo("newCaseSlot");
    assertThat(evaluation.slotMinutes()).isEqualTo(15);
  }

  @Test
  void updateGetsTenMinutes() {
    Evaluation evaluation = evaluate("UPDATE", false);
    assertThat(evaluation.matchedRule()).isEqualTo("updateSlot");
    assertThat(evaluation.slotMinutes()).isEqualTo(10);
  }

  @Test
  void unknownReviewTypeIsTreatedAsANewCase() {
    Evaluation evaluation = evaluate("TRANSFER", false);
    assertThat(evaluation.matchedRule()).isEqualTo("otherReviewTypeSlot");
    assertThat(evaluation.slotMinutes()).isEqualTo(15);
  }

  @Test
  void missingFactsStillGiveASlotAndNeverTheShortOne() {
    assertThat(evaluate(null, null).slotMinutes()).isEqualTo(15);
    assertThat(evaluate("UPDATE", null).slotMinutes()).isEqualTo(15);
    assertThat(evaluate(null, false).slotMinutes()).isEqualTo(15);
    assertThat(evaluate(null, true).slotMinutes()).isEqualTo(30);
  }

  @Test
  void regressionCasesHitEveryRuleOfTheTable() throws IOException {
    Set<String> hit = new TreeSet<>();
    for (String[] row : regressionRows()) {
      Evaluation evaluation = evaluate(row[0], Boolean.valueOf(row[1]));
      hit.add(evaluation.matchedRule());
    }
    assertThat(hit).containsExactlyInAnyOrderElementsOf(ruleIdsOfTable());
  }

  @Test
  void tableFollowsTheModellingConventions() throws IOException {
    DmnModelInstance model;
    try (InputStream table = getClass().getResourceAsStream(TABLE)) {
      model = Dmn.readModelFromStream(table);
    }
    Decision modelDecision = model.getModelElementById(DECISION_KEY);
    assertThat(modelDecision.getName()).isEqualTo("Panel slot length");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("2557");
    DecisionTable decisionTable = (DecisionTable) modelDecision.getExpression();
    assertThat(decisionTable.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(decisionTable.getDescription()).isNotNull();
    assertThat(decisionTable.getDescription().getTextContent()).contains("FIRST");
    assertThat(decisionTable.getInputs())
        .extracting(input -> input.getInputExpression().getText().getTextContent())
        .containsExactly("reviewType", "complex");
    assertThat(decisionTable.getOutputs())
        .extracting(output -> output.getName() + ":" + output.getTypeRef())
        .containsExactly("slotMinutes:integer");
    for (Rule rule : decisionTable.getRules()) {
      assertThat(rule.getDescription()).as("description of rule " + rule.getId()).isNotNull();
      assertThat(rule.getDescription().getTextContent()).as("description of rule " + rule.getId()).isNotBlank();
    }
    assertThat(decisionTable.getRules())
        .extracting(Rule::getId)
        .containsExactly("complexSlot", "newCaseSlot", "updateSlot", "otherReviewTypeSlot");
  }

  private static List<String> ruleIdsOfTable() {
    return ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
        .map(DmnDecisionTableRuleImpl::getId)
        .collect(Collectors.toList());
  }

  private static List<String[]> regressionRows() throws IOException {
    try (InputStream csv = PanelSlotMinutesDecisionTest.class.getResourceAsStream(REGRESSION_CASES);
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
      return reader.lines().skip(1).filter(line -> !line.isBlank())
          .map(line -> line.split(",", -1))
          .collect(Collectors.toList());
    }
  }
}
