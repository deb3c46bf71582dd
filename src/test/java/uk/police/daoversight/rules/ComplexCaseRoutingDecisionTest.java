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
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Decision {@code complexCaseRouting} ("Complex case routing"), checked against its regression cases. */
class ComplexCaseRoutingDecisionTest {

  private static final String DECISION_KEY = "complexCaseRouting";
  private static final String TABLE = "/dmn/" + DECISION_KEY + ".dmn";
  private static final String REGRESSION_CASES = "/dmn/" + DECISION_KEY + ".regression.csv";

  private static final String CASE_CONFERENCE = "CASE_CONFERENCE";
  private static final String PANEL = "PANEL";

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
    try (InputStream table = ComplexCaseRoutingDecisionTest.class.getResourceAsStream(TABLE)) {
      assertThat(table).as(TABLE + " on the classpath").isNotNull();
      decision = dmnEngine.parseDecision(DECISION_KEY, table);
    }
  }

  private static Evaluation evaluate(
      Boolean bothPartiesPolice, Boolean counterAllegation, Boolean serialPerpetrator, Boolean perpetratorInPositionOfPower) {
    VariableMap variables = Variables.createVariables()
        .putValue("bothPartiesPolice", bothPartiesPolice)
        .putValue("counterAllegation", counterAllegation)
        .putValue("serialPerpetrator", serialPerpetrator)
        .putValue("perpetratorInPositionOfPower", perpetratorInPositionOfPower);
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

    String route() {
      return single().getEntry("route");
    }

    Boolean dualSoo() {
      return single().getEntry("dualSoo");
    }

    String matchedRule() {
      assertThat(matchedRules).as("exactly one matching rule").hasSize(1);
      return matchedRules.get(0);
    }
  }

  @ParameterizedTest(name = "police={0}, counter={1}, serial={2}, power={3} -> {4}, dualSoo={5}")
  @CsvFileSource(resources = REGRESSION_CASES, numLinesToSkip = 1)
  void regressionCase(
      boolean bothPartiesPolice,
      boolean counterAllegation,
      boolean serialPerpetrator,
      boolean perpetratorInPositionOfPower,
      String expectedRoute,
      boolean expectedDualSoo) {
    Evaluation evaluation =
        evaluate(bothPartiesPolice, counterAllegation, serialPerpetrator, perpetratorInPositionOfPower);

    assertThat(evaluation.route()).isEqualTo(expectedRoute);
    assertThat(evaluation.dualSoo()).isEqualTo(expectedDualSoo);
    assertThat(evaluation.matchedRule()).isIn(ruleIdsOfTable());
  }

  static Stream<Arguments> everyCombinationOfTheFourFacts() {
    return IntStream.range(0, 16).mapToObj(bits -> Arguments.of(
        (bits & 8) != 0, (bits & 4) != 0, (bits & 2) != 0, (bits & 1) != 0));
  }

  @ParameterizedTest(name = "police={0}, counter={1}, serial={2}, power={3}")
  @MethodSource("everyCombinationOfTheFourFacts")
  void anyComplexityFactGoesToCaseConferenceAndCounterAllegationNeedsTwoSoos(
      boolean bothPartiesPolice,
      boolean counterAllegation,
      boolean serialPerpetrator,
      boolean perpetratorInPositionOfPower) {
    Evaluation evaluation =
        evaluate(bothPartiesPolice, counterAllegation, serialPerpetrator, perpetratorInPositionOfPower);

    boolean anyFact = bothPartiesPolice || counterAllegation || serialPerpetrator || perpetratorInPositionOfPower;
    assertThat(evaluation.result().getResultList()).hasSize(1);
    assertThat(evaluation.route()).isEqualTo(anyFact ? CASE_CONFERENCE : PANEL);
    assertThat(evaluation.dualSoo()).isEqualTo(counterAllegation);
  }

  @Test
  void counterAllegationGoesToCaseConferenceWithTwoSoos() {
    Evaluation evaluation = evaluate(false, true, false, false);
    assertThat(evaluation.matchedRule()).isEqualTo("counterAllegationConference");
    assertThat(evaluation.route()).isEqualTo(CASE_CONFERENCE);
    assertThat(evaluation.dualSoo()).isTrue();
  }

  @Test
  void counterAllegationKeepsTwoSoosWhenOtherFactsApplyToo() {
    Evaluation evaluation = evaluate(true, true, true, true);
    assertThat(evaluation.matchedRule()).isEqualTo("counterAllegationConference");
    assertThat(evaluation.dualSoo()).isTrue();
  }

  @Test
  void bothPartiesPoliceGoesToCaseConference() {
    Evaluation evaluation = evaluate(true, false, false, false);
    assertThat(evaluation.matchedRule()).isEqualTo("bothPartiesPoliceConference");
    assertThat(evaluation.route()).isEqualTo(CASE_CONFERENCE);
    assertThat(evaluation.dualSoo()).isFalse();
  }

  @Test
  void serialPerpetratorGoesToCaseConference() {
    Evaluation evaluation = evaluate(false, false, true, false);
    assertThat(evaluation.matchedRule()).isEqualTo("serialPerpetratorConference");
    assertThat(evaluation.route()).isEqualTo(CASE_CONFERENCE);
    assertThat(evaluation.dualSoo()).isFalse();
  }

  @Test
  void perpetratorInPositionOfPowerGoesToCaseConference() {
    Evaluation evaluation = evaluate(false, false, false, true);
    assertThat(evaluation.matchedRule()).isEqualTo("positionOfPowerConference");
    assertThat(evaluation.route()).isEqualTo(CASE_CONFERENCE);
    assertThat(evaluation.dualSoo()).isFalse();
  }

  @Test
  void noComplexityFactGoesToThePanel() {
    Evaluation evaluation = evaluate(false, false, false, false);
    assertThat(evaluation.matchedRule()).isEqualTo("standardPanel");
    assertThat(evaluation.route()).isEqualTo(PANEL);
    assertThat(evaluation.dualSoo()).isFalse();
  }

  @Test
  void regressionCasesHitEveryRuleOfTheTable() throws IOException {
    Set<String> hit = new TreeSet<>();
    for (String[] row : regressionRows()) {
      Evaluation evaluation = evaluate(
          Boolean.valueOf(row[0]), Boolean.valueOf(row[1]), Boolean.valueOf(row[2]), Boolean.valueOf(row[3]));
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
    assertThat(modelDecision.getName()).isEqualTo("Complex case routing");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("2557");
    DecisionTable decisionTable = (DecisionTable) modelDecision.getExpression();
    assertThat(decisionTable.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(decisionTable.getDescription()).isNotNull();
    assertThat(decisionTable.getDescription().getTextContent()).contains("FIRST");
    assertThat(decisionTable.getInputs())
        .extracting(input -> input.getInputExpression().getText().getTextContent())
        .containsExactly("bothPartiesPolice", "counterAllegation", "serialPerpetrator", "perpetratorInPositionOfPower");
    assertThat(decisionTable.getOutputs())
        .extracting(output -> output.getName() + ":" + output.getTypeRef())
        .containsExactly("route:string", "dualSoo:boolean");
    for (Rule rule : decisionTable.getRules()) {
      assertThat(rule.getDescription()).as("description of rule " + rule.getId()).isNotNull();
      assertThat(rule.getDescription().getTextContent()).as("description of rule " + rule.getId()).isNotBlank();
    }
    assertThat(decisionTable.getRules())
        .extracting(Rule::getId)
        .containsExactly(
            "counterAllegationConference",
            "bothPartiesPoliceConference",
            "serialPerpetratorConference",
            "positionOfPowerConference",
            "standardPanel");
  }

  private static List<String> ruleIdsOfTable() {
    return ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
        .map(DmnDecisionTableRuleImpl::getId)
        .collect(Collectors.toList());
  }

  private static List<String[]> regressionRows() throws IOException {
    try (InputStream csv = ComplexCaseRoutingDecisionTest.class.getResourceAsStream(REGRESSION_CASES);
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
      return reader.lines().skip(1).filter(line -> !line.isBlank())
          .map(line -> line.split(",", -1))
          .collect(Collectors.toList());
    }
  }
}
