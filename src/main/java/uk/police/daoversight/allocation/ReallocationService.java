package uk.police.daoversight.allocation;

import static uk.police.daoversight.process.CaseVariables.ALLOCATED_SECOND_SOO;
import static uk.police.daoversight.process.CaseVariables.ALLOCATED_SOO;
import static uk.police.daoversight.process.CaseVariables.ASSIGNED_SOO;
import static uk.police.daoversight.process.CaseVariables.CONTACT_DUE_DATE;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.police.daoversight.security.NotFoundException;
import uk.police.daoversight.security.SystemAccess;

/**
 * Moves a case from one SOO to another: allocation and access through {@link AllocationDesk}, and
 * the case's open work with it (tasks assigned or offered to the old SOO, and the SOO each running
 * "Reach the victim" instance is for); and a SOO taken off a case (a conflict declared on the case
 * pack, a leaver) with the coordinators' choice of who takes their party over (#19 items 2 and 3).
 */
@Service
public class ReallocationService {

  private final AllocationDesk desk;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final IdentityService identityService;

  public ReallocationService(AllocationDesk desk, RuntimeService runtimeService, TaskService taskService,
                             IdentityService identityService) {
    this.desk = desk;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.identityService = identityService;
  }

  /** Message that starts "Reallocate the case" in the case's process: a SOO was withdrawn. */
  public static final String SOO_WITHDRAWN = "SooWithdrawn";
  /** Message a SOO's "Reach the victim" waits for after its SOO handed the case back: a new SOO is allocated. */
  public static final String SOO_REALLOCATED = "SooReallocated";

  @Transactional
  public void reallocate(String caseCode, String from, String to, String reason, String by) {
    SystemAccess.run(identityService, () -> {
      String id = openCase(caseCode);
      desk.reallocate(caseCode, id, from, to, reason, by);
      moveWork(id, from, to, null);
      return null;
    });
  }

  /**
   * Takes a SOO off an open case (they left the force or the rank) and sends the case to the
   * coordinators' "Reallocate the case". Returns the withdrawal's id.
   */
  @Transactional
  public String withdraw(String caseCode, String soo, String reason) {
    return SystemAccess.run(identityService, () -> {
      String id = openCase(caseCode);
      String withdrawal = desk.withdraw(caseCode, id, soo, reason);
      askForReallocation(id);
      return withdrawal;
    });
  }

  /** A SOO declared a conflict on the case pack of the case {@code processInstanceId}: withdrawn, and the case back to allocation. */
  @Transactional
  public String declareConflict(String caseCode, String processInstanceId, String soo, String reasonKey) {
    return SystemAccess.run(identityService, () -> {
      String withdrawal = desk.declareConflict(caseCode, processInstanceId, soo, reasonKey);
      askForReallocation(processInstanceId);
      return withdrawal;
    });
  }

  /**
   * The coordinators' choice for a withdrawn SOO's party: allocated and given access, then the case's
   * open work moves to them, and a "Reach the victim" waiting for a new SOO goes on to their case pack.
   */
  // A refusal comes before any write and becomes a BPMN error in the caller's transaction: no rollback mark.
  @Transactional(noRollbackFor = AllocationRefusedException.class)
  public AllocationDesk.Replacement replace(String caseCode, String processInstanceId, String withdrawalId, String to,
                                            String recommended, String reason, String by) {
    return SystemAccess.run(identityService, () -> {
      AllocationDesk.Replacement done = desk.replace(caseCode, processInstanceId, withdrawalId, to, recommended, reason, by);
      List<String> moved = moveWork(processInstanceId, done.from(), done.to(), Date.from(done.contactDue()));
      for (Execution waiting : runtimeService.createExecutionQuery().processInstanceId(processInstanceId)
          .messageEventSubscriptionName(SOO_REALLOCATED).list()) {
        if (done.to().equals(runtimeService.getVariable(waiting.getId(), ASSIGNED_SOO.getName())) || moved.contains(waiting.getId())) {
          runtimeService.messageEventReceived(SOO_REALLOCATED, waiting.getId());
        }
      }
      return done;
    });
  }

  private void askForReallocation(String processInstanceId) {
    runtimeService.createMessageCorrelation(SOO_WITHDRAWN).processInstanceId(processInstanceId).correlateWithResult();
  }

  private String openCase(String caseCode) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase")
        .processInstanceBusinessKey(caseCode).singleResult();
    if (instance == null) {
      throw new NotFoundException("No open case " + caseCode);
    }
    return instance.getId();
  }

  /**
   * The case's open work moves from one SOO to another: tasks assigned or offered to them, the SOO
   * each "Reach the victim" is for (with a new first-contact deadline when one is given) and the
   * allocation variables. Returns the executions whose SOO changed.
   */
  private List<String> moveWork(String id, String from, String to, Date contactDue) {
    for (Task task : taskService.createTaskQuery().processInstanceId(id).taskAssignee(from).list()) {
      taskService.setAssignee(task.getId(), to);
    }
    for (Task task : taskService.createTaskQuery().processInstanceId(id).taskCandidateUser(from).list()) {
      taskService.deleteCandidateUser(task.getId(), from);
      taskService.addCandidateUser(task.getId(), to);
    }
    List<String> moved = new ArrayList<>();
    for (VariableInstance v : runtimeService.createVariableInstanceQuery().processInstanceIdIn(id)
        .variableName(ASSIGNED_SOO.getName()).list()) {
      if (from.equals(v.getValue())) {
        runtimeService.setVariableLocal(v.getExecutionId(), ASSIGNED_SOO.getName(), to);
        if (contactDue != null) {
          runtimeService.setVariableLocal(v.getExecutionId(), CONTACT_DUE_DATE.getName(), contactDue);
        }
        moved.add(v.getExecutionId());
      }
    }
    for (String name : new String[] {ALLOCATED_SOO.getName(), ALLOCATED_SECOND_SOO.getName()}) {
      if (from.equals(runtimeService.getVariable(id, name))) {
        runtimeService.setVariable(id, name, to);
      }
    }
    return moved;
  }
}
