package uk.police.daoversight.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.intake.CaseCodeGenerator;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.SystemAccess;

/**
 * Reads of a case through the engine (task and variable views in the webapps and engine-rest) go
 * into the access audit too: who, which case, what, and whether they were entitled. An answer to
 * someone not entitled (the engine shows them nothing, or refuses) is recorded as refused and checked
 * for suspicious access.
 */
public class EngineReadAudit extends OncePerRequestFilter {

  static final Pattern PREFIX = Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)(/.*)$");
  static final Pattern TASK = Pattern.compile("^/task/([^/]+)(/.*)?$");
  static final Pattern INSTANCE = Pattern.compile("^/(?:history/)?process-instance/([^/]+)(/.*)?$");
  static final List<String> INSTANCE_PARAMS = List.of("processInstanceId", "processInstanceIdIn");
  static final List<String> KEY_PARAMS = List.of("processInstanceBusinessKey", "businessKey");

  private final HistoryService historyService;
  private final IdentityService identityService;
  private final SooRoster roster;
  private final BreakGlass breakGlass;
  private final AccessAudit audit;
  private final SuspiciousAccess suspicious;
  private final ConflictOfInterest conflicts;

  public EngineReadAudit(HistoryService historyService, IdentityService identityService, SooRoster roster,
                         BreakGlass breakGlass, AccessAudit audit, SuspiciousAccess suspicious,
                         ConflictOfInterest conflicts) {
    this.conflicts = conflicts;
    this.historyService = historyService;
    this.identityService = identityService;
    this.roster = roster;
    this.breakGlass = breakGlass;
    this.audit = audit;
    this.suspicious = suspicious;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher prefix = PREFIX.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (!"GET".equals(request.getMethod()) || !prefix.matches()) {
      chain.doFilter(request, response);
      return;
    }
    String path = prefix.group(1);
    String[] user = user(request);
    chain.doFilter(request, response);
    int status = response.getStatus();
    if (user == null || status == 401 || path.endsWith("/count")) {
      return;
    }
    String caseCode = SystemAccess.run(identityService, () -> caseOf(path, request));
    if (caseCode == null) {
      return;
    }
    List<String> groups = List.of(user).subList(1, user.length);
    // The engine itself refused or hid the case (engine.guard.ConflictGuardPlugin); the audit says why.
    java.util.Optional<ConflictOfInterest.Conflict> conflict = conflicts.check(user[0], groups, caseCode);
    if (conflict.isPresent()) {
      conflicts.recordRefusal(user[0], caseCode, "READ_ENGINE", new ConflictOfInterest.Conflict(conflict.get().kind(),
          conflict.get().reason() + " (GET " + path + ")"));
      return;
    }
    boolean entitled = status < 400 && (groups.contains(Groups.CASE_COORDINATORS) || groups.contains(Groups.MANAGERS)
        || roster.isActiveSoo(caseCode, user[0]) || breakGlass.isOpen(user[0], caseCode));
    audit.record(user[0], caseCode, "READ_ENGINE", entitled ? AccessAudit.Outcome.ALLOWED : AccessAudit.Outcome.REFUSED,
        "GET " + path);
    suspicious.check(user[0], caseCode);
  }

  private String caseOf(String path, HttpServletRequest request) {
    String processInstanceId = null;
    Matcher task = TASK.matcher(path);
    Matcher instance = INSTANCE.matcher(path);
    if (task.matches()) {
      HistoricTaskInstance t = historyService.createHistoricTaskInstanceQuery().taskId(task.group(1)).singleResult();
      processInstanceId = t == null ? null : t.getProcessInstanceId();
    } else if (instance.matches()) {
      processInstanceId = instance.group(1);
    } else {
      for (String param : KEY_PARAMS) {
        String key = request.getParameter(param);
        if (CaseCodeGenerator.isCaseCode(key)) {
          return key;
        }
      }
      for (String param : INSTANCE_PARAMS) {
        String value = request.getParameter(param);
        if (value != null && !value.isBlank()) {
          processInstanceId = value.split(",")[0].trim();
          break;
        }
      }
    }
    if (processInstanceId == null) {
      return null;
    }
    HistoricProcessInstance pi = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    return pi != null && CaseCodeGenerator.isCaseCode(pi.getBusinessKey()) ? pi.getBusinessKey() : null;
  }

  /** [user id, group ids...] from engine-rest's authentication or the webapps' session; null if neither. */
  private String[] user(HttpServletRequest request) {
    Authentication engine = identityService.getCurrentAuthentication();
    if (engine != null && engine.getUserId() != null) {
      return join(engine.getUserId(), engine.getGroupIds());
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    for (UserAuthentication u : authentications.getAuthentications()) {
      return join(u.getName(), u.getGroupIds() == null ? List.of() : List.copyOf(u.getGroupIds()));
    }
    return null;
  }

  private static String[] join(String userId, List<String> groups) {
    String[] all = new String[(groups == null ? 0 : groups.size()) + 1];
    all[0] = userId;
    for (int i = 0; groups != null && i < groups.size(); i++) {
      all[i + 1] = groups.get(i);
    }
    return all;
  }
}
