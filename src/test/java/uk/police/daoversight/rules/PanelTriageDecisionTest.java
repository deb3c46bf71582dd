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

/** Decision {@code panelTriage} ("Panel triage priority"), checked against its regression cases. */
class PanelTriageDecisionTest {

  private static final String DECISION_KEY = "panelTriage";
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
    try (InputStream table = PanelTriageDecisionTest.class.getResourceAsStream(TABLE)) {
      assertThat(table).as(TABLE + " on the classpath").isNotNull();
      decision = dmnEngine.parseDecision(DECISION_KEY, table);
    }
  }

  private static Evaluation evaluate(Boolean requestedBack, String riskLevel, String reviewType, Integer daysWaiting) {
    VariableMap variables = Variables.createVariables()
        .putValue("requestedBack", requestedBack)
        .putValue("riskLevel", riskLevel)
        .putValue("reviewType", reviewType)
        .putValue("daysWaiting", daysWaiting);
    matchedRuleIds.clear();
    DmnDecisionTableResult result = dmnEngine.evaluateDecisionTable(decision, variables);
    return new Evaluation(result, List.copyOf(matchedRuleIds));
  }

  private record Evaluation(DmnDecisionTableResult result, List<String> matchedRules) {
    private DmnDecisionRuleResult single() {
      DmnDecisionRuleResult single = result.getSingleResult();
      assertThat(single).as("exactly one result").isNotNull();
      return single;
    }

    Integer priority() {
      return single().getEntry("priority");
    }

    String priorityReason() {
      return single().getEntry("priorityReason");
    }

    String matchedRule() {
      assertThat(matchedRules).as("exactly one matching rule").hasSize(1);
      return matchedRules.get(0);
    }
  }

  @ParameterizedTest(name = "requestedBack={0}, {1}, {2}, {3} days -> {4} ({5})")
  @CsvFileSource(resources = REGRESSION_CASES, numLinesToSkip = 1)
  void regressionCase(
      boolean requestedBack,
      String riskLevel,
      String reviewType,
      int daysWaiting,
      int expectedPriority,
      String expectedPriorityReason) {
    Evaluation evaluation = evaluate(requestedBack, riskLevel, reviewType, daysWaiting);

    assertThat(evaluation.priority()).isEqualTo(expectedPriority);
    assertThat(evaluation.priorityReason()).isEqualTo(expectedPriorityReason);
    assertThat(evaluation.matchedRule()).isIn(ruleIdsOfTable());
  }

  @ParameterizedTest(name = "{0}: requestedBack={1}, {2}, {3}, {4} days -> {5}")
  @CsvSource({
    "requestedBackPriority, true,  STANDARD, UPDATE, 0,  1, Chair asked to see it again",
    "highRiskPriority,      false, HIGH,     UPDATE, 0,  2, High risk",
    "longWaitPriority,      false, STANDARD, UPDATE, 60, 3, Waiting two panels or more",
    "newCasePriority,       false, STANDARD, NEW,    0,  4, New case",
    "mediumRiskPriority,    false, MEDIUM,   UPDATE, 0,  5, Medium risk",
    "routinePriority,       false, STANDARD, UPDATE, 0,  6, Routine update"
  })
  void eachRuleGivesItsPriorityAndReason(
      String expectedRule,
      boolean requestedBack,
      String riskLevel,
      String reviewType,
      int daysWaiting,
      int expectedPriority,
      String expectedPriorityReason) {
    Evaluation evaluation = evaluate(requestedBack, riskLevel, reviewType, daysWaiting);

    assertThat(evaluation.matchedRule()).isEqualTo(expectedRule);
    assertThat(evaluation.priority()).isEqualTo(expectedPriority);
    assertThat(evaluation.priorityReason()).isEqualTo(expectedPriorityReason);
  }

  @Test
  void chairsRequestOutranksEverythingElse() {
    Evaluation evaluation = evaluate(true, "HIGH", "NEW", 200);
    assertThat(evaluation.matchedRule()).isEqualTo("requestedBackPriority");
    assertThat(evaluation.priority()).isEqualTo(1);
  }

  @Test
  void sixtyDaysIsTheFirstDayOfALongWait() {
    assertThat(evaluate(false, "STANDARD", "UPDATE", 59).priority()).isEqualTo(6);
    assertThat(evaluate(false, "STANDARD", "UPDATE", 60).priority()).isEqualTo(3);
  }

  @Test
  void longWaitOutranksANewCaseAndMediumRisk() {
    Evaluation evaluation = evaluate(false, "MEDIUM", "NEW", 75);
    assertThat(evaluation.matchedRule()).isEqualTo("longWaitPriority");
    assertThat(evaluation.priority()).isEqualTo(3);
  }

  @Test
  void newCaseOutranksMediumRisk() {
    Evaluation evaluation = evaluate(false, "MEDIUM", "NEW", 0);
    assertThat(evaluation.matchedRule()).isEqualTo("newCasePriority");
    assertThat(evaluation.priority()).isEqualTo(4);
  }

  @Test
  void noCaseIsEverWithoutAPriority() {
    Evaluation nothingKnown = evaluate(null, null, null, null);
    assertThat(nothingKnown.matchedRule()).isEqualTo("routinePriority");
    assertThat(nothingKnown.priority()).isEqualTo(6);
    assertThat(nothingKnown.priorityReason()).isEqualTo("Routine update");

    Evaluation unexpectedValues = evaluate(false, "UNKNOWN", "TRANSFER", -1);
    assertThat(unexpectedValues.matchedRule()).isEqualTo("routinePriority");
    assertThat(unexpectedValues.priority()).isEqualTo(6);
  }

  @Test
  void regressionCasesHitEveryRuleOfTheTable() throws IOException {
    Set<String> hit = new TreeSet<>();
    for (String[] row : regressionRows()) {
      Evaluation evaluation = evaluate(Boolean.valueOf(row[0]), row[1], row[2], Integer.valueOf(row[3]));
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
    assertThat(modelDecision.getName()).isEqualTo("Panel triage priority");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("2557");
    DecisionTable decisionTable = (DecisionTable) modelDecision.getExpression();
    assertThat(decisionTable.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(decisionTable.getDescription()).isNotNull();
    assertThat(decisionTable.getDescription().getTextContent()).contains("FIRST");
    assertThat(decisionTable.getInputs())
        .extracting(input -> input.getInputExpression().getText().getTextContent())
        .containsExactly("requestedBack", "riskLevel", "reviewType", "daysWaiting");
    assertThat(decisionTable.getOutputs())
        .extracting(output -> output.getName() + ":" + output.getTypeRef())
        .containsExactly("priority:integer", "priorityReason:string");
    for (Rule rule : decisionTable.getRules()) {
      assertThat(rule.getDescription()).as("description of rule " + rule.getId()).isNotNull();
      assertThat(rule.getDescription().getTextContent()).as("description of rule " + rule.getId()).isNotBlank();
    }
    List<Rule> rules = new ArrayList<>(decisionTable.getRules());
    assertThat(rules)
        .extracting(Rule::getId)
        .containsExactly(
            "requestedBackPriority",
            "highRiskPriority",
            "longWaitPriority",
            "newCasePriority",
            "mediumRiskPriority",
            "routinePriority");
    assertThat(rules.get(rules.size() - 1).getInputEntries())
        .as("the last rule is a catch-all")
        .allSatisfy(entry -> assertThat(entry.getText().getTextContent()).isEqualTo("-"));
  }

  private static List<String> ruleIdsOfTable() {
    return ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
        .map(DmnDecisionTableRuleImpl::getId)
        .collect(Collectors.toList());
  }

  private static List<String[]> regressionRows() throws IOException {
    try (InputStream csv = PanelTriageDecisionTest.class.getResourceAsStream(REGRESSION_CASES);
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
      return reader.lines().skip(1).filter(line -> !line.isBlank())
          .map(line -> line.split(",", -1))
          .collect(Collectors.toList());
    }
  }
}
