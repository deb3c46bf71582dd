package uk.police.daoversight.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Creates the force's groups, what each group may do, and the shared Tasklist filters. Runs at
 * every start and is idempotent: it adds what is missing and never widens a grant beyond the table
 * below. Per-case access for SOOs is granted by the process (see {@code CaseAccess}).
 */
@Component
public class AccessSetup {

  public static final String OVERSIGHT_CASE = "oversightCase";
  public static final String SCRUTINY_PANEL = "scrutinyPanel";
  public static final String CASE_CONFERENCE = "caseConference";
  public static final String PANEL_CALENDAR = "panelCalendar";
  public static final String SUPPORT_REFERRAL = uk.police.daoversight.victimscode.SupportReferralProcess.KEY;

  static final List<String> TASKLIST_USERS = List.of(Groups.CASE_COORDINATORS, Groups.SENIOR_OVERSIGHT_OFFICERS,
      Groups.PANEL_CHAIR, Groups.PANEL_MEMBERS, Groups.PARTNER_AGENCIES, Groups.PSD, Groups.INFORMATION_GOVERNANCE);
  static final List<String> COCKPIT_USERS = List.of(Groups.MANAGERS, Groups.ANALYSTS);

  private static final Map<String, String> GROUP_NAMES = Map.ofEntries(
      Map.entry(Groups.CASE_COORDINATORS, "Case coordinators"),
      Map.entry(Groups.SENIOR_OVERSIGHT_OFFICERS, "Senior oversight officers"),
      Map.entry(Groups.PANEL_CHAIR, "Scrutiny panel chair"),
      Map.entry(Groups.PANEL_MEMBERS, "Scrutiny panel members"),
      Map.entry(Groups.PARTNER_AGENCIES, "Partner agencies"),
      Map.entry(Groups.PSD, "Professional standards department"),
      Map.entry(Groups.ANALYSTS, "Analysts"),
      Map.entry(Groups.MANAGERS, "Managers"),
      Map.entry(Groups.INFORMATION_GOVERNANCE, "Information governance"),
      Map.entry(Groups.CAMUNDA_ADMIN, "Camunda administrators"),
      Map.entry(Groups.REFERRAL_INTAKE, "Force systems sending referrals"));

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;

  public AccessSetup(IdentityService identityService, AuthorizationService authorizationService,
                     FilterService filterService, TaskService taskService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
  }

  public void apply() {
    GROUP_NAMES.forEach(this::ensureGroup);
    grantApplications();
    grantWork();
    ensureFilters();
  }

  private void grantApplications() {
    for (Resources resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
    }
    TASKLIST_USERS.forEach(g -> grant(g, Resources.APPLICATION, "tasklist", Permissions.ACCESS));
    COCKPIT_USERS.forEach(g -> grant(g, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
  }

  private void grantWork() {
    // Coordinators record referrals and see every case: they are the need-to-know holders.
    // They also administer the panel (confirm the meeting, prepare agenda, attendance), schedule
    // case conferences and confirm the Victims' Code referral to support services.
    for (String process : List.of(OVERSIGHT_CASE, SCRUTINY_PANEL, CASE_CONFERENCE, PANEL_CALENDAR, SUPPORT_REFERRAL)) {
      grant(Groups.CASE_COORDINATORS, Resources.PROCESS_DEFINITION, process,
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
          ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.READ_HISTORY,
          ProcessDefinitionPermissions.READ_TASK_VARIABLE, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
          ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
    }
    grant(Groups.CASE_COORDINATORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    // Force systems (client credentials, issue #22) start a case from a referral; they read nothing.
    grant(Groups.REFERRAL_INTAKE, Resources.PROCESS_DEFINITION, OVERSIGHT_CASE, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(Groups.REFERRAL_INTAKE, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    // SOOs may read the definition (diagram, forms); their cases and tasks are granted per case.
    grant(Groups.SENIOR_OVERSIGHT_OFFICERS, Resources.PROCESS_DEFINITION, OVERSIGHT_CASE, ProcessDefinitionPermissions.READ);
    // The chair records outcomes (tasks offered to the group) and approves closure of cases brought back.
    for (String process : List.of(OVERSIGHT_CASE, SCRUTINY_PANEL, CASE_CONFERENCE, SUPPORT_REFERRAL)) {
      grant(Groups.PANEL_CHAIR, Resources.PROCESS_DEFINITION, process, ProcessDefinitionPermissions.READ);
    }
    // Managers watch state, timers, incidents and job failures in Cockpit, read-only, and no variable
    // of any case or alert (README "Security model"). READ_HISTORY on a definition gives process,
    // activity, task, job-log and incident history but, with enforceSpecificVariablePermission, no
    // historic variable or form field (those need READ_HISTORY_VARIABLE). HISTORIC_PROCESS_INSTANCE
    // READ would give every historic variable and detail (the engine lets it stand in for
    // READ_HISTORY_VARIABLE), and decision history carries the case facts each decision read: neither.
    grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(Groups.MANAGERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    grant(Groups.MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
    revoke(Groups.MANAGERS, Resources.HISTORIC_PROCESS_INSTANCE, ANY);
    revoke(Groups.MANAGERS, Resources.HISTORIC_TASK, ANY);
    revoke(Groups.MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ_HISTORY);
    // Information governance reviews access alerts; the alert's details are in the application's
    // access_alert table (GET /api/alerts), the engine holds only the alert's id.
    grant(Groups.INFORMATION_GOVERNANCE, Resources.PROCESS_DEFINITION, "accessAlert", ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.READ_TASK_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY);
    // Analysts see how the rules decided (decision history), not cases.
    grant(Groups.ANALYSTS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(Groups.ANALYSTS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
  }

  private void ensureFilters() {
    filter("My tasks", "Tasks assigned to me", -10,
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    filter("Offered to me", "Tasks I may claim", 0,
        taskService.createTaskQuery().taskCandidateUserExpression("${currentUser()}"));
    filter("My groups' tasks", "Tasks for the groups I belong to", 10,
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
  }

  private void filter(String name, String description, int priority, TaskQuery query) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name)
          .setQuery(query)
          .setProperties(Map.of("description", description, "priority", priority, "refresh", true));
      filterService.saveFilter(filter);
    }
    for (String group : TASKLIST_USERS) {
      grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  private void ensureGroup(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(Groups.CAMUNDA_ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW");
      identityService.saveGroup(group);
    }
  }

  /**
   * Takes back a grant made by an earlier version of this table: the whole grant, or only the given
   * permissions of it. Grants are never widened at start-up, so without this a database set up
   * before a grant was narrowed would keep it for good.
   */
  void revoke(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null) {
      return;
    }
    if (permissions.length == 0) {
      authorizationService.deleteAuthorization(authorization.getId());
      return;
    }
    boolean changed = false;
    for (Permission permission : permissions) {
      if (authorization.isPermissionGranted(permission)) {
        authorization.removePermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }

  /** Grants exactly these permissions (adding to an existing grant for the same resource). */
  void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }
}
