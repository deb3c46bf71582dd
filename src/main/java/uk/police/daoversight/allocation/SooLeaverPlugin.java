package uk.police.daoversight.allocation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import uk.police.daoversight.security.Groups;

/**
 * A user deleted, or taken out of the SOO group, by any route (Camunda Admin, the engine's REST API,
 * the application): in the same engine command they are taken off the SOO roster and their open
 * cases go to reallocation ({@link RosterLeavers}). Engine-side, so no route can skip it.
 */
@Component
public class SooLeaverPlugin extends AbstractProcessEnginePlugin {

  public static final String USER_DELETED = "the user was deleted";
  public static final String LEFT_GROUP = "left the " + Groups.SENIOR_OVERSIGHT_OFFICERS + " group";

  private final ObjectProvider<RosterLeavers> leavers;
  private ProcessEngineConfigurationImpl configuration;

  public SooLeaverPlugin(ObjectProvider<RosterLeavers> leavers) {
    this.leavers = leavers;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    pre.add(new Interceptor());
    configuration.setCustomPreCommandInterceptorsTxRequired(pre);
  }

  static String field(Object command, String name) {
    try {
      var f = command.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return (String) f.get(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " has no field " + name, e);
    }
  }

  final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      String leaver = null;
      String reason = null;
      if (command instanceof DeleteUserCmd) {
        leaver = field(command, "userId");
        reason = USER_DELETED;
      } else if (command instanceof DeleteMembershipCmd && Groups.SENIOR_OVERSIGHT_OFFICERS.equals(field(command, "groupId"))) {
        leaver = field(command, "userId");
        reason = LEFT_GROUP;
      }
      T result = next.execute(command);
      if (leaver != null) {
        Authentication by = configuration.getIdentityService().getCurrentAuthentication();
        leavers.getObject().takeOff(leaver, reason, by == null ? null : by.getUserId());
      }
      return result;
    }
  }
}
