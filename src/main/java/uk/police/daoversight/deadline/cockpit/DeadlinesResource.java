package uk.police.daoversight.deadline.cockpit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.deadline.DeadlineBoard;
import uk.police.daoversight.deadline.DeadlineKind;
import uk.police.daoversight.security.Groups;

/**
 * The board's lines for the signed-in manager. The open deadline tasks and their cases are read
 * through the engine as the manager (their authorizations and the conflict guard apply: a case they
 * are conflicted on is not listed); the SOOs come from the allocation record. No variable is read and
 * nothing but the board's columns goes out; the answer names its process instances, so the access
 * record notes each case it carried.
 */
public class DeadlinesResource extends AbstractCockpitPluginResource {

  /** The engine's query cap: more than a force has deadlines due in a day. */
  static final int MAX_LINES = 2000;

  private final SooRoster roster;

  public DeadlinesResource(String engineName, SooRoster roster) {
    super(engineName);
    this.roster = roster;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<DeadlineBoard.Line> lines() {
    Authentication caller = getCurrentAuthentication();
    if (caller == null || caller.getGroupIds() == null
        || !(caller.getGroupIds().contains(Groups.MANAGERS) || caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
      throw new WebApplicationException(Response.status(Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
          .entity(Map.of("status", 403, "message", "The deadline board is for managers.")).build());
    }
    // One instant for the query's horizon and the lateness of each line.
    Instant now = ClockUtil.now().toInstant();
    ProcessEngine engine = getProcessEngine();
    List<Task> tasks = engine.getTaskService().createTaskQuery()
        .taskDefinitionKeyIn(DeadlineKind.allTaskKeys())
        .dueBefore(Date.from(now.plus(DeadlineBoard.HORIZON)))
        .orderByDueDate().asc()
        .listPage(0, MAX_LINES);
    Set<String> instanceIds = tasks.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
    Map<String, String> caseOf = instanceIds.isEmpty() ? Map.of()
        : engine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(instanceIds).listPage(0, MAX_LINES).stream()
            .filter(instance -> instance.getBusinessKey() != null)
            .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
    List<DeadlineBoard.OpenDeadline> open = tasks.stream()
        .filter(task -> caseOf.containsKey(task.getProcessInstanceId()))
        .map(task -> new DeadlineBoard.OpenDeadline(task.getProcessInstanceId(), caseOf.get(task.getProcessInstanceId()),
            task.getTaskDefinitionKey(), task.getDueDate().toInstant()))
        .toList();
    Map<String, List<String>> soos = open.isEmpty() ? Map.of()
        : roster.activeSoos(open.stream().map(DeadlineBoard.OpenDeadline::caseCode).collect(Collectors.toSet()));
    return DeadlineBoard.lines(open, soos, now);
  }
}
