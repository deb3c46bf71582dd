package uk.police.daoversight.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.NotFoundException;
import uk.police.daoversight.security.SystemAccess;

/**
 * Analysts own the rules. A new version of a decision table is checked ({@link RuleCheck}: DMN,
 * same key, inputs and outputs kept, types and expressions, history time to live, regression
 * cases) and deployed by the application, never by the analyst (a deployment can carry code).
 * Every version is kept and can be compared or rolled back through the same checks.
 */
@Service
public class RulesService {

  public record Version(int version, String deploymentId, Instant deployedAt, String deployedBy, String action,
                        List<String> changes) {}

  public record DryRun(String decisionKey, List<String> refusals, int casesConsidered, int casesChanged,
                       Map<String, Integer> changedOutputs, List<Map<String, Object>> examples) {}

  static final int MAX_DRY_RUN_CASES = 200;

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final JdbcTemplate jdbc;
  private final AccessAudit audit;
  private final Clock clock;

  public RulesService(ProcessEngine engine, JdbcTemplate jdbc, AccessAudit audit, Clock clock) {
    this.repositoryService = engine.getRepositoryService();
    this.runtimeService = engine.getRuntimeService();
    this.historyService = engine.getHistoryService();
    this.identityService = engine.getIdentityService();
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  /** Checks and deploys a new version; returns the version number. */
  public int deploy(String decisionKey, byte[] dmn, String newRegressionCsv, String user) {
    return deploy(decisionKey, dmn, newRegressionCsv, user, "CHANGE");
  }

  public int rollback(String decisionKey, int version, String user) {
    if (version < 1) {
      throw new BadRequestException("Version " + version + " does not exist: versions are numbered from 1");
    }
    latest(decisionKey);
    DecisionDefinition target = asSystem(() -> repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey).decisionDefinitionVersion(version).singleResult());
    if (target == null) {
      throw new NotFoundException("No version " + version + " of " + decisionKey);
    }
    return deploy(decisionKey, resource(target), regressionCsvOf(decisionKey, version), user, "ROLLBACK");
  }

  /**
   * What the candidate would change for the open cases, without deploying it: counts, the case codes
   * and the decision's own outputs before and after. Each case is evaluated with the decision's
   * declared inputs only, on the FEEL-only engine; the dry run is audited.
   */
  public DryRun dryRun(String decisionKey, byte[] dmn, String newRegressionCsv, String user) {
    DecisionDefinition current = latest(decisionKey);
    RuleContract contract = RuleContract.of(decisionKey);
    List<String> refusals = PlainDmn.CHECK.refusals(decisionKey, dmn, contract, cases(decisionKey, newRegressionCsv));
    if (!refusals.isEmpty()) {
      audit.record(user, null, "RULES_DRY_RUN", AccessAudit.Outcome.REFUSED, decisionKey + ": " + refusals.get(0));
      return new DryRun(decisionKey, refusals, 0, 0, Map.of(), List.of());
    }
    DmnDecision before = PlainDmn.ENGINE.parseDecision(decisionKey, new java.io.ByteArrayInputStream(resource(current)));
    DmnDecision after = PlainDmn.ENGINE.parseDecision(decisionKey, new java.io.ByteArrayInputStream(dmn));
    Map<String, Integer> changed = new LinkedHashMap<>();
    List<Map<String, Object>> examples = new ArrayList<>();
    int considered = 0;
    int casesChanged = 0;
    for (Map.Entry<String, Map<String, Object>> openCase : openCaseFacts(contract.inputs().keySet()).entrySet()) {
      considered++;
      Map<String, Object> was = firstResult(before, openCase.getValue(), contract);
      Map<String, Object> would = firstResult(after, openCase.getValue(), contract);
      boolean different = false;
      for (String output : contract.outputs().keySet()) {
        if (!Objects.equals(was.get(output), would.get(output))) {
          changed.merge(output, 1, Integer::sum);
          different = true;
        }
      }
      if (different) {
        casesChanged++;
        if (examples.size() < MAX_DRY_RUN_CASES) {
          examples.add(Map.of("caseCode", openCase.getKey(), "now", was, "wouldBe", would));
        }
      }
    }
    audit.record(user, null, "RULES_DRY_RUN", AccessAudit.Outcome.ALLOWED, decisionKey + ": " + considered
        + " open cases considered, " + casesChanged + " would change");
    return new DryRun(decisionKey, List.of(), considered, casesChanged, changed, examples);
  }

  public List<Version> versions(String decisionKey) {
    List<DecisionDefinition> all = asSystem(() -> repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey).orderByDecisionDefinitionVersion().asc().list());
    if (all.isEmpty()) {
      throw new NotFoundException("No decision " + decisionKey);
    }
    Map<Integer, Map<String, Object>> recorded = new LinkedHashMap<>();
    jdbc.queryForList("select version, deployed_by, action from rule_deployment where decision_key = ?", decisionKey)
        .forEach(row -> recorded.put(((Number) row.get("version")).intValue(), row));
    List<Version> versions = new ArrayList<>();
    byte[] previous = null;
    for (DecisionDefinition definition : all) {
      byte[] xml = resource(definition);
      Deployment deployment = asSystem(() -> repositoryService.createDeploymentQuery()
          .deploymentId(definition.getDeploymentId()).singleResult());
      Map<String, Object> row = recorded.get(definition.getVersion());
      versions.add(new Version(definition.getVersion(), definition.getDeploymentId(),
          deployment.getDeploymentTime().toInstant(),
          row == null ? "application deployment" : (String) row.get("deployed_by"),
          row == null ? "RELEASE" : (String) row.get("action"),
          previous == null ? List.of("First version") : RuleDiff.describe(decisionKey, previous, xml)));
      previous = xml;
    }
    return versions;
  }

  private int deploy(String decisionKey, byte[] dmn, String regressionCsv, String user, String action) {
    latest(decisionKey);
    RegressionCases cases = cases(decisionKey, regressionCsv);
    List<String> refusals = PlainDmn.CHECK.refusals(decisionKey, dmn, RuleContract.of(decisionKey), cases);
    if (cases == null) {
      refusals = new ArrayList<>(refusals);
      refusals.add("No regression cases for " + decisionKey + ": add them beside the table or send them with it");
    }
    if (!refusals.isEmpty()) {
      audit.record(user, null, "RULES_" + action, AccessAudit.Outcome.REFUSED, decisionKey + ": " + refusals.get(0));
      throw new RulesRefusedException(refusals);
    }
    Deployment deployment = asSystem(() -> repositoryService.createDeployment()
        .name("Rules: " + decisionKey + " (" + action.toLowerCase() + " by " + user + ")")
        .source("rules-service")
        .addInputStream(decisionKey + ".dmn", new java.io.ByteArrayInputStream(dmn))
        .deploy());
    DecisionDefinition deployed = asSystem(() -> repositoryService.createDecisionDefinitionQuery()
        .deploymentId(deployment.getId()).decisionDefinitionKey(decisionKey).singleResult());
    jdbc.update("insert into rule_deployment (decision_key, version, deployment_id, deployed_by, deployed_at, action, regression_csv) values (?,?,?,?,?,?,?)",
        decisionKey, deployed.getVersion(), deployment.getId(), user, Timestamp.from(clock.instant()), action,
        regressionCsv != null ? regressionCsv : currentRegressionCsv(decisionKey));
    audit.record(user, null, "RULES_" + action, AccessAudit.Outcome.ALLOWED,
        decisionKey + " version " + deployed.getVersion() + " deployed (" + deployment.getId() + ")");
    return deployed.getVersion();
  }

  /**
   * Facts of every open case started in the last 12 months, as the table's inputs name them: only
   * the decision's declared inputs are read, never a case's other variables.
   */
  Map<String, Map<String, Object>> openCaseFacts(java.util.Set<String> inputs) {
    Date since = Date.from(clock.instant().minus(Duration.ofDays(365)));
    Date now = Date.from(clock.instant());
    List<HistoricProcessInstance> open = asSystem(() -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("oversightCase").unfinished().startedAfter(since).startedBefore(now).list());
    List<String> engineVariables = new ArrayList<>(inputs);
    engineVariables.add("complexRoute");
    Map<String, Map<String, Object>> facts = new LinkedHashMap<>();
    for (HistoricProcessInstance instance : open) {
      Map<String, Object> variables = new LinkedHashMap<>(asSystem(() -> runtimeService.getVariables(instance.getId(), engineVariables)));
      variables.put("complex", "CASE_CONFERENCE".equals(variables.remove("complexRoute")));
      List<Map<String, Object>> waiting = jdbc.queryForList(
          "select review_type, requested_back, waiting_since from panel_candidate where case_code = ?", instance.getBusinessKey());
      if (waiting.isEmpty()) {
        variables.put("reviewType", "NEW");
        variables.put("requestedBack", false);
        variables.put("daysWaiting", 0);
      } else {
        variables.put("reviewType", waiting.get(0).get("REVIEW_TYPE"));
        variables.put("requestedBack", waiting.get(0).get("REQUESTED_BACK"));
        Instant since0 = ((Timestamp) waiting.get(0).get("WAITING_SINCE")).toInstant();
        variables.put("daysWaiting", (int) Duration.between(since0, clock.instant()).toDays());
      }
      Map<String, Object> declared = new LinkedHashMap<>();
      inputs.forEach(name -> declared.put(name, variables.get(name)));
      facts.put(instance.getBusinessKey(), declared);
    }
    return facts;
  }

  /** The decision's own outputs for one case, and nothing else. */
  private static Map<String, Object> firstResult(DmnDecision decision, Map<String, Object> facts, RuleContract contract) {
    try {
      DmnDecisionResult result = PlainDmn.ENGINE.evaluateDecision(decision, Variables.fromMap(facts));
      Map<String, Object> outputs = new LinkedHashMap<>();
      if (!result.isEmpty()) {
        contract.outputs().keySet().forEach(name -> outputs.put(name, result.getFirstResult().getEntryMap().get(name)));
      }
      return outputs;
    } catch (RuntimeException e) {
      return Map.of("error", "evaluation failed");
    }
  }

  private RegressionCases cases(String decisionKey, String newCsv) {
    String csv = newCsv != null ? newCsv : currentRegressionCsv(decisionKey);
    if (csv == null) {
      return null;
    }
    try {
      return RegressionCases.parse(csv);
    } catch (IllegalArgumentException e) {
      throw new RulesRefusedException(List.of("The regression cases do not read: " + e.getMessage()));
    }
  }

  /** The regression cases of the latest version an analyst deployed, else the CSV beside the table. */
  String currentRegressionCsv(String decisionKey) {
    List<String> stored = jdbc.queryForList(
        "select regression_csv from rule_deployment where decision_key = ? order by version desc", String.class, decisionKey);
    if (!stored.isEmpty() && stored.get(0) != null) {
      return stored.get(0);
    }
    return classpathCsv(decisionKey);
  }

  private String regressionCsvOf(String decisionKey, int version) {
    List<String> stored = jdbc.queryForList(
        "select regression_csv from rule_deployment where decision_key = ? and version = ?", String.class, decisionKey, version);
    return stored.isEmpty() ? classpathCsv(decisionKey) : stored.get(0);
  }

  private static String classpathCsv(String decisionKey) {
    ClassPathResource beside = new ClassPathResource("dmn/" + decisionKey + ".regression.csv");
    if (!beside.exists()) {
      return null;
    }
    try (InputStream in = beside.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DecisionDefinition latest(String decisionKey) {
    DecisionDefinition current = asSystem(() -> repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey).latestVersion().singleResult());
    if (current == null) {
      throw new NotFoundException("No decision " + decisionKey);
    }
    return current;
  }

  private byte[] resource(DecisionDefinition definition) {
    return asSystem(() -> {
      try (InputStream in = repositoryService.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Runs as the application, not as the analyst: analysts hold no deployment rights of their own. */
  private <T> T asSystem(Supplier<T> work) {
    return SystemAccess.run(identityService, work);
  }

  /**
   * A plain DMN engine for checks and dry runs: FEEL only (JUEL and every script language switched
   * off, whatever a file says), and nothing it evaluates enters the decision history. Built on the
   * first check, not at start-up (a FEEL engine takes about half a second to build).
   */
  static final class PlainDmn {
    static final DmnEngine ENGINE = feelOnly();
    static final RuleCheck CHECK = new RuleCheck(ENGINE);

    static DmnEngine feelOnly() {
      DefaultDmnEngineConfiguration configuration =
          (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      String feel = DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE;
      configuration.setDefaultInputExpressionExpressionLanguage(feel);
      configuration.setDefaultInputEntryExpressionLanguage(feel);
      configuration.setDefaultOutputEntryExpressionLanguage(feel);
      configuration.setDefaultLiteralExpressionLanguage(feel);
      configuration.setScriptEngineResolver(language -> {
        throw new IllegalStateException("Only FEEL is evaluated in rules, not " + language);
      });
      configuration.setElProvider(expression -> {
        throw new IllegalStateException("Only FEEL is evaluated in rules, not JUEL");
      });
      return configuration.buildEngine();
    }
  }
}
