package uk.police.daoversight.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.dto.task.TaskDto;
import org.camunda.bpm.engine.task.Task;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.support.CaseDriver;

/**
 * One case's life through the engine API, the same calls for the application's {@code oversightCase}
 * and the baseline model (which has the same activity ids): each person's step finds their task
 * and completes it with the form's answers; each save point's job is run as the job executor would.
 * When {@code asPeople} is set, each step runs as the person who takes it (coordinator or SOO), so
 * the engine checks their authorizations as it does for Tasklist; seeding leaves it unset.
 */
final class CaseWalk {

  static final String COORDINATOR = "bench-coordinator";
  static final List<String> COORDINATOR_GROUPS = List.of(Groups.CASE_COORDINATORS);
  static final List<String> SOO_GROUPS = List.of(Groups.SENIOR_OVERSIGHT_OFFICERS);

  /** What differs between the two models: how a case starts and how the panel's outcome arrives. */
  interface CaseModel {
    /** Starts case number i (as the person recording the referral, when walking as people). */
    Started start(int i);

    /** The panel's outcome for the case, with one action for the SOO, handed to the case process. */
    void recordPanelOutcome(Started started);

    String processDefinitionKey();
  }

  record Started(String processInstanceId, String businessKey) {}

  /**
   * Where the answers of a person's reads go, as engine-rest hands them to its response filters:
   * the method, the path and the entity (engine-rest's DTOs). Null: the walk does not read.
   */
  interface Answers {
    void answered(String user, List<String> groups, String method, String path, Object entity);

    /** Reads as Tasklist makes them, their answers kept by no one (the plain engine, the audit off). */
    Answers UNRECORDED = (user, groups, method, path, entity) -> { };
  }

  /** A case past allocation: who its SOO is. */
  record OpenCase(String processInstanceId, String businessKey, String soo) {}

  private final IdentityService identityService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final RuntimeService runtimeService;
  private final FormService formService;
  private final CaseModel model;
  private final boolean asPeople;
  private final Answers answers;
  /** Step name to {count, nanoseconds}, in the order the steps first ran. */
  private final Map<String, long[]> stepTimes = new LinkedHashMap<>();

  CaseWalk(ProcessEngine engine, CaseModel model, boolean asPeople) {
    this(engine, model, asPeople, null);
  }

  /**
   * With {@code answers}, each person's step also reads as Tasklist does before the form is sent:
   * the task (a task list answer) and the form's variables, each answer handed to {@code answers}.
   */
  CaseWalk(ProcessEngine engine, CaseModel model, boolean asPeople, Answers answers) {
    this.answers = answers;
    this.formService = engine.getFormService();
    this.identityService = engine.getIdentityService();
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.runtimeService = engine.getRuntimeService();
    this.model = model;
    this.asPeople = asPeople;
  }

  CaseModel model() {
    return model;
  }

  /** Mean milliseconds per step since the last reset. */
  Map<String, Double> meanStepMillis() {
    Map<String, Double> means = new LinkedHashMap<>();
    stepTimes.forEach((step, t) -> means.put(step, t[1] / 1e6 / t[0]));
    return means;
  }

  void resetStepTimes() {
    stepTimes.clear();
  }

  private <T> T timed(String step, Supplier<T> work) {
    long t = System.nanoTime();
    try {
      return work.get();
    } finally {
      long[] times = stepTimes.computeIfAbsent(step, k -> new long[2]);
      times[0]++;
      times[1] += System.nanoTime() - t;
    }
  }

  /** Referral, history reviewed, SOO allocated as recommended, case pack read: "Contact victim" is next. */
  OpenCase toContact(int i) {
    Started started = timed("referral (start)", () -> as(COORDINATOR, COORDINATOR_GROUPS, () -> model.start(i)));
    String pi = started.processInstanceId();
    complete(pi, "reviewHistory", COORDINATOR, COORDINATOR_GROUPS, Map.of("historyReviewed", true));
    complete(pi, "allocateSoo", COORDINATOR, COORDINATOR_GROUPS, Map.of());
    runJob(pi, "recordAllocation");
    OpenCase open = new OpenCase(pi, started.businessKey(),
        timed("read the allocated SOO", () -> (String) runtimeService.getVariable(pi, "allocatedSoo")));
    complete(pi, "readCasePack", open.soo(), SOO_GROUPS, Map.of("casePackRead", true));
    return open;
  }

  /** First contact made (the victim declined a schedule): the case is in oversight, "Update case" is next. */
  void toOversight(OpenCase c) {
    complete(c.processInstanceId(), "contactVictim", c.soo(), SOO_GROUPS, CaseDriver.contactAnswers("DECLINED", null));
    runJob(c.processInstanceId(), "recordContactPlan");
  }

  /** A panel outcome with one action, the action done, closure requested, approved, final conversation, closed. */
  void toClosure(OpenCase c) {
    String pi = c.processInstanceId();
    timed("panel outcome (message)", () -> {
      model.recordPanelOutcome(new Started(pi, c.businessKey()));
      return null;
    });
    complete(pi, "completePanelAction", c.soo(), SOO_GROUPS, Map.of("actionDone", true, "actionNote", "Weekly updates agreed"));
    complete(pi, "updateCase", c.soo(), SOO_GROUPS, CaseDriver.updateAnswers(true, CaseDriver.assurance()));
    runJob(pi, "fileCaseUpdate");
    complete(pi, "approveClosure", COORDINATOR, COORDINATOR_GROUPS, Map.of("closureDecision", "APPROVE"));
    complete(pi, "recordFinalConversation", c.soo(), SOO_GROUPS, Map.of("finalConversation", "HELD"));
    runJob(pi, "closeCase");
  }

  /** Referral to approved closure. */
  OpenCase whole(int i) {
    OpenCase c = toContact(i);
    toOversight(c);
    toClosure(c);
    return c;
  }

  private void complete(String pi, String taskKey, String user, List<String> groups, Map<String, Object> answers) {
    timed(taskKey, () -> as(user, groups, () -> {
      Task task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(taskKey).singleResult();
      if (task == null) {
        throw new IllegalStateException("Process instance " + pi + " has no task " + taskKey + " for " + user);
      }
      if (this.answers != null) {
        this.answers.answered(user, groups, "GET", "/engine-rest/task", List.of(TaskDto.fromEntity(task)));
        this.answers.answered(user, groups, "GET", "/engine-rest/task/" + task.getId() + "/form-variables",
            VariableValueDto.fromMap(formService.getTaskFormVariables(task.getId())));
      }
      taskService.complete(task.getId(), answers);
      return null;
    }));
  }

  private void runJob(String pi, String activityId) {
    timed("job " + activityId, () -> {
      Job job = managementService.createJobQuery().processInstanceId(pi).activityId(activityId).singleResult();
      if (job == null) {
        throw new IllegalStateException("Process instance " + pi + " has no job at " + activityId);
      }
      managementService.executeJob(job.getId());
      return null;
    });
  }

  private <T> T as(String user, List<String> groups, Supplier<T> step) {
    if (!asPeople) {
      return step.get();
    }
    identityService.setAuthentication(user, groups);
    try {
      return step.get();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
