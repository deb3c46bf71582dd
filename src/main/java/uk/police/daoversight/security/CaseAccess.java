package uk.police.daoversight.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Component;
import uk.police.daoversight.audit.AccessAudit;

/**
 * Per-case access for an allocated SOO: read their case's process instance and its history while
 * they oversee it. Their tasks are authorized by the engine itself (assignee and candidate users).
 * Every grant and removal goes into the access audit.
 */
@Component
public class CaseAccess {

  private final AuthorizationService authorizationService;
  private final HistoryService historyService;
  private final AccessAudit audit;

  public CaseAccess(AuthorizationService authorizationService, HistoryService historyService, AccessAudit audit) {
    this.authorizationService = authorizationService;
    this.historyService = historyService;
    this.audit = audit;
  }

  @Transactional
  public void grant(String caseCode, String processInstanceId, String userId, String grantedBy) {
    save(userId, Resources.PROCESS_INSTANCE, processInstanceId, ProcessInstancePermissions.READ);
    save(userId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId, HistoricProcessInstancePermissions.READ);
    audit.record(userId, caseCode, "CASE_ACCESS", AccessAudit.Outcome.GRANTED, "allocated as SOO by " + grantedBy);
  }

  @Transactional
  public void revoke(String caseCode, String processInstanceId, String userId, String reason) {
    for (Resources resource : new Resources[] {Resources.PROCESS_INSTANCE, Resources.HISTORIC_PROCESS_INSTANCE}) {
      delete(userId, resource, processInstanceId);
    }
    // The engine gave the SOO their tasks (as assignee or candidate), and their history: those go too.
    // Called by the application itself (the closing job, a reallocation), so the query cap does not apply.
    for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).list()) {
      delete(userId, Resources.TASK, task.getId());
      delete(userId, Resources.HISTORIC_TASK, task.getId());
    }
    audit.record(userId, caseCode, "CASE_ACCESS", AccessAudit.Outcome.REVOKED, reason);
  }

  private void delete(String userId, Resources resource, String resourceId) {
    authorizationService.createAuthorizationQuery().userIdIn(userId).resourceType(resource).resourceId(resourceId)
        .list().forEach(a -> authorizationService.deleteAuthorization(a.getId()));
  }

  private void save(String userId, Resources resource, String resourceId,
                    org.camunda.bpm.engine.authorization.Permission permission) {
    Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizationService.saveAuthorization(authorization);
  }
}
