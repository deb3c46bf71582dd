package uk.police.daoversight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.access.BreakGlass;
import uk.police.daoversight.access.SuspiciousAccess;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.intake.CaseCodeGenerator;
import uk.police.daoversight.security.Groups;

/**
 * Decides which cases an engine answer carried, from the entity actually returned (tasks, process
 * instances, history, variables, incidents, jobs, lists of them, HAL collections), and records one
 * access row per case in one batch: ALLOWED, since the data went out. Process instance ids are mapped
 * to case codes (business keys, the root instance's for a called process) in one query per answer.
 *
 * <p>An answer whose entity names no process instance (a variable map, a form) is placed by the
 * case resource it came from ({@code task/{id}}, {@code process-instance/{id}}, {@code execution/{id}}).
 * A refusal there (4xx) is recorded as REFUSED for the case it aimed at, or with the id as typed; an
 * empty list asked for a named case by someone not entitled to it is recorded as REFUSED too.
 */
@Service
public class CaseAnswers {

  public static final String ACTION = "READ_ENGINE";

  static final Pattern CASE_RESOURCE = Pattern.compile(
      "(?:^|/)(history/process-instance|process-instance|task|execution)/([^/?]+)");
  static final Set<String> NOT_IDS = Set.of("count", "create", "report", "suspended", "delete", "variables",
      "job-retries", "message-async", "set-removal-time", "suspended-async", "delete-historic-query-based", "cleanable-count");
  static final Set<String> QUERY_KEYS = Set.of("processInstanceId", "processInstanceIdIn", "processInstanceIds",
      "businessKey", "processInstanceBusinessKey", "processInstanceBusinessKeyIn");
  static final int MAX_PROBE_IDS = 50;
  /** Alerts are checked for answers about one case and for every refusal, not for each case of a long list. */
  static final int CHECK_UP_TO_CASES = 1;

  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final JdbcTemplate jdbc;
  private final AccessAudit audit;
  private final SooRoster roster;
  private final BreakGlass breakGlass;
  private final SuspiciousAccess suspicious;
  private final TransactionTemplate tx;

  public CaseAnswers(JdbcTemplate jdbc, AccessAudit audit, SooRoster roster, BreakGlass breakGlass, SuspiciousAccess suspicious,
                     PlatformTransactionManager transactions) {
    this.tx = new TransactionTemplate(transactions);
    this.jdbc = jdbc;
    this.audit = audit;
    this.roster = roster;
    this.breakGlass = breakGlass;
    this.suspicious = suspicious;
  }

  /** One answer of the engine API: who asked, what, the status, the entity returned and the parsed query. */
  public record Answer(String userId, List<String> groups, String method, String path, int status, Object entity,
                       Object parsedBody, Map<String, List<String>> queryParameters) {}

  /** What an answer carried: process instance ids and business keys seen in the entity. */
  record Found(Set<String> processInstanceIds, Set<String> businessKeys, boolean empty, boolean opaque) {}

  public void record(Answer answer) {
    if (answer.userId() == null || answer.status() == 401 || answer.status() >= 500) {
      return;
    }
    String detail = answer.method() + " " + answer.path();
    if (answer.status() >= 400) {
      refusedAtPath(answer, detail);
      return;
    }
    if (answer.entity() == null || answer.status() == 204) {
      return;
    }
    Found found = find(answer.entity());
    List<String> cases;
    if (!found.processInstanceIds().isEmpty() || !found.businessKeys().isEmpty()) {
      cases = casesOf(found.processInstanceIds(), found.businessKeys());
    } else if (found.empty()) {
      probe(answer, detail);
      return;
    } else {
      cases = caseAtPath(answer.path()).map(List::of).orElse(List.of());
    }
    if (cases.isEmpty()) {
      return;
    }
    List<AccessAudit.Row> rows = new ArrayList<>(cases.size());
    for (String code : cases) {
      rows.add(new AccessAudit.Row(answer.userId(), code, ACTION, AccessAudit.Outcome.ALLOWED, detail));
    }
    // One transaction (one connection, one commit) for the checks and the rows. The checks come first:
    // an allowed read counts in none of them (they look at refusals and alerts), and so the chain's head,
    // locked from the insert to the commit, is held only for the insert.
    tx.executeWithoutResult(status -> {
      if (cases.size() <= CHECK_UP_TO_CASES) {
        cases.forEach(code -> suspicious.check(answer.userId(), code));
      }
      audit.recordAll(rows);
    });
  }

  /** A refusal at a case's resource: the case it aimed at, or what was typed if it names none. */
  private void refusedAtPath(Answer answer, String detail) {
    Matcher m = CASE_RESOURCE.matcher(answer.path());
    if (!m.find() || NOT_IDS.contains(m.group(2))) {
      return;
    }
    String code = caseAtPath(answer.path()).orElse(null);
    String aimedAt = code != null ? code : m.group(2);
    audit.record(new AccessAudit.Row(answer.userId(), aimedAt, ACTION, AccessAudit.Outcome.REFUSED, detail + " (" + answer.status() + ")"));
    suspicious.check(answer.userId(), code);
  }

  /** An empty list for a query naming cases: refused for each named case the caller is not entitled to. */
  private void probe(Answer answer, String detail) {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    answer.queryParameters().forEach((name, values) -> {
      if (QUERY_KEYS.contains(name)) {
        values.forEach(v -> split(v, name.toLowerCase().contains("businesskey") ? keys : ids));
      }
    });
    if (answer.parsedBody() != null) {
      try {
        collectQuery(JSON.valueToTree(answer.parsedBody()), ids, keys, 0);
      } catch (RuntimeException notABean) {
        // a body that is not a query: nothing named
      }
    }
    if (ids.isEmpty() && keys.isEmpty()) {
      return;
    }
    Set<String> named = new LinkedHashSet<>(casesOf(limit(ids), Set.of()));
    List<AccessAudit.Row> rows = new ArrayList<>();
    for (String key : limit(keys)) {
      if (CaseCodeGenerator.isCaseCode(key)) {
        named.add(key);
      } else {
        rows.add(new AccessAudit.Row(answer.userId(), key, ACTION, AccessAudit.Outcome.REFUSED, detail + " (nothing returned)"));
      }
    }
    List<String> refused = new ArrayList<>();
    for (String code : named) {
      if (!entitled(answer.userId(), answer.groups(), code)) {
        refused.add(code);
        rows.add(new AccessAudit.Row(answer.userId(), code, ACTION, AccessAudit.Outcome.REFUSED, detail + " (nothing returned)"));
      }
    }
    audit.recordAll(rows);
    refused.forEach(code -> suspicious.check(answer.userId(), code));
    if (refused.isEmpty() && !rows.isEmpty()) {
      suspicious.check(answer.userId(), null);
    }
  }

  boolean entitled(String userId, List<String> groups, String caseCode) {
    return groups.contains(Groups.CASE_COORDINATORS) || groups.contains(Groups.MANAGERS)
        || roster.isActiveSoo(caseCode, userId) || breakGlass.isOpen(userId, caseCode);
  }

  /** The process instance ids and business keys an entity carries, anywhere in it. */
  static Found find(Object entity) {
    if (entity instanceof InputStream || entity instanceof byte[] || entity instanceof CharSequence
        || entity instanceof jakarta.ws.rs.core.StreamingOutput || entity instanceof java.io.File) {
      return new Found(Set.of(), Set.of(), false, true);
    }
    if (entity instanceof org.camunda.bpm.engine.rest.dto.CountResultDto) {
      return new Found(Set.of(), Set.of(), true, false);
    }
    JsonNode tree;
    try {
      tree = JSON.valueToTree(entity);
    } catch (RuntimeException notSerializable) {
      return new Found(Set.of(), Set.of(), false, true);
    }
    Set<String> ids = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    collect(tree, ids, keys, 0);
    return new Found(ids, keys, isEmpty(tree), false);
  }

  private static boolean isEmpty(JsonNode tree) {
    if (tree.isArray()) {
      return tree.isEmpty();
    }
    if (tree.isObject() && tree.has("_embedded")) {
      // a HAL collection: empty when every embedded list is
      for (JsonNode embedded : tree.get("_embedded")) {
        if (!embedded.isEmpty()) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static void collect(JsonNode node, Set<String> ids, Set<String> keys, int depth) {
    if (depth > 12 || node == null) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        collect(item, ids, keys, depth + 1);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    text(node.get("processInstanceId"), ids);
    text(node.get("rootProcessInstanceId"), ids);
    text(node.get("businessKey"), keys);
    text(node.get("processInstanceBusinessKey"), keys);
    if (node.has("businessKey") && !node.has("processInstanceId") && !node.has("executionId")) {
      // a process instance itself (runtime, history, Cockpit's plugins): its id is the instance's
      text(node.get("id"), ids);
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isContainerNode() && !"_links".equals(field.getKey())) {
        collect(field.getValue(), ids, keys, depth + 1);
      }
    }
  }

  private static void collectQuery(JsonNode node, Set<String> ids, Set<String> keys, int depth) {
    if (depth > 4 || node == null || !node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (QUERY_KEYS.contains(field.getKey())) {
        Set<String> into = field.getKey().toLowerCase().contains("businesskey") ? keys : ids;
        if (field.getValue().isArray()) {
          field.getValue().forEach(v -> text(v, into));
        } else {
          text(field.getValue(), into);
        }
      } else if ("orQueries".equals(field.getKey()) && field.getValue().isArray()) {
        field.getValue().forEach(q -> collectQuery(q, ids, keys, depth + 1));
      }
    }
  }

  private static void text(JsonNode value, Set<String> into) {
    if (value != null && value.isTextual() && !value.asText().isBlank()) {
      into.add(value.asText());
    }
  }

  private static void split(String value, Set<String> into) {
    if (value == null) {
      return;
    }
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        into.add(part.trim());
      }
    }
  }

  private static Set<String> limit(Set<String> values) {
    if (values.size() <= MAX_PROBE_IDS) {
      return values;
    }
    Set<String> first = new LinkedHashSet<>();
    for (String v : values) {
      if (first.size() == MAX_PROBE_IDS) {
        break;
      }
      first.add(v);
    }
    return first;
  }

  /** The case codes, in order of appearance, of these instances and business keys: one query. */
  List<String> casesOf(Set<String> processInstanceIds, Set<String> businessKeys) {
    Set<String> cases = new LinkedHashSet<>();
    for (String key : businessKeys) {
      if (CaseCodeGenerator.isCaseCode(key)) {
        cases.add(key);
      }
    }
    if (!processInstanceIds.isEmpty()) {
      Map<String, String> byId = new HashMap<>();
      String in = String.join(",", Collections.nCopies(processInstanceIds.size(), "?"));
      jdbc.query("select p.ID_, p.BUSINESS_KEY_, r.BUSINESS_KEY_ from ACT_HI_PROCINST p"
          + " left join ACT_HI_PROCINST r on r.ID_ = p.ROOT_PROC_INST_ID_ where p.ID_ in (" + in + ")", rs -> {
            String own = rs.getString(2);
            byId.put(rs.getString(1), CaseCodeGenerator.isCaseCode(own) ? own : rs.getString(3));
          }, processInstanceIds.toArray());
      for (String id : processInstanceIds) {
        String code = byId.get(id);
        if (CaseCodeGenerator.isCaseCode(code)) {
          cases.add(code);
        }
      }
    }
    return new ArrayList<>(cases);
  }

  /** The case whose resource the path names (task, process instance, execution), if any. */
  java.util.Optional<String> caseAtPath(String path) {
    Matcher m = CASE_RESOURCE.matcher(path);
    if (!m.find() || NOT_IDS.contains(m.group(2))) {
      return java.util.Optional.empty();
    }
    String id = m.group(2);
    String sql = switch (m.group(1)) {
      case "task" -> "select p.BUSINESS_KEY_, r.BUSINESS_KEY_ from ACT_HI_TASKINST t join ACT_HI_PROCINST p on p.ID_ = t.PROC_INST_ID_"
          + " left join ACT_HI_PROCINST r on r.ID_ = p.ROOT_PROC_INST_ID_ where t.ID_ = ?";
      case "execution" -> "select p.BUSINESS_KEY_, r.BUSINESS_KEY_ from ACT_RU_EXECUTION e join ACT_HI_PROCINST p on p.ID_ = e.PROC_INST_ID_"
          + " left join ACT_HI_PROCINST r on r.ID_ = p.ROOT_PROC_INST_ID_ where e.ID_ = ?";
      default -> "select p.BUSINESS_KEY_, r.BUSINESS_KEY_ from ACT_HI_PROCINST p"
          + " left join ACT_HI_PROCINST r on r.ID_ = p.ROOT_PROC_INST_ID_ where p.ID_ = ?";
    };
    List<String> codes = jdbc.query(sql, (rs, i) -> CaseCodeGenerator.isCaseCode(rs.getString(1)) ? rs.getString(1) : rs.getString(2), id);
    return codes.stream().filter(CaseCodeGenerator::isCaseCode).findFirst();
  }
}
