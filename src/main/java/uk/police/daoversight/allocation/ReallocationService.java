package uk.police.daoversight.allocation;

import static uk.police.daoversight.process.CaseVariables.ALLOCATED_SECOND_SOO;
import static uk.police.daoversight.process.CaseVariables.ALLOCATED_SOO;
import static uk.police.daoversight.process.CaseVariables.ASSIGNED_SOO;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
 * "Reach the victim" instance is for).
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

  @Transactional
  public void reallocate(String caseCode, String from, String to, String reason, String by) {
    SystemAccess.run(identityService, () -> {
      ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase")
          .processInstanceBusinessKey(caseCode).singleResult();
      if (instance == null) {
        throw new NotFoundException("No open case " + caseCode);
      }
      String id = instance.getId();
      desk.reallocate(caseCode, id, from, to, reason, by);
      for (Task task : taskService.createTaskQuery().processInstanceId(id).taskAssignee(from).list()) {
        taskService.setAssignee(task.getId(), to);
      }
      for (Task task : taskService.createTaskQuery().processInstanceId(id).taskCandidateUser(from).list()) {
        taskService.deleteCandidateUser(task.getId(), from);
        taskService.addCandidateUser(task.getId(), to);
      }
      for (VariableInstance v : runtimeService.createVariableInstanceQuery().processInstanceIdIn(id)
          .variableName(ASSIGNED_SOO.getName()).list()) {
        if (from.equals(v.getValue())) {
          runtimeService.setVariableLocal(v.getExecutionId(), ASSIGNED_SOO.getName(), to);
        }
      }
      for (String name : new String[] {ALLOCATED_SOO.getName(), ALLOCATED_SECOND_SOO.getName()}) {
        if (from.equals(runtimeService.getVariable(id, name))) {
          runtimeService.setVariable(id, name, to);
        }
      }
      return null;
    });
  }
}
