package uk.police.daoversight.engine.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.SystemAccess;

/**
 * The administrators, guarded where the engine acts (engine-rest, the Admin webapp and the Java API
 * alike):
 * <ul>
 *   <li>the last member of {@code camunda-admin} cannot be deleted, nor its last membership removed,
 *       and the group itself cannot be deleted (400 with the reason);</li>
 *   <li>once an administrator has existed, a marker stays in the engine's property table for good
 *       ({@value #ADMIN_EXISTED}); from then on nobody unauthenticated (Camunda Admin's first-run setup,
 *       CVE-2026-77226) can make anyone an administrator (403), whatever the group's members are now.
 *       The application's own start-up (demo identities) runs {@link #trusted}.</li>
 * </ul>
 */
@Component
public class AdminGuardPlugin extends AbstractProcessEnginePlugin {

  public static final String ADMIN_EXISTED = "daoversight.admin-existed";

  private static final ThreadLocal<Boolean> TRUSTED = ThreadLocal.withInitial(() -> false);

  private ProcessEngineConfigurationImpl configuration;

  /** Runs the application's own start-up work on identities, which may (re)create the demo administrator. */
  public static <T> T trusted(Supplier<T> work) {
    boolean before = TRUSTED.get();
    TRUSTED.set(true);
    try {
      return work.get();
    } finally {
      TRUSTED.set(before);
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    pre.add(new Guard());
    configuration.setCustomPreCommandInterceptorsTxRequired(pre);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    SystemAccess.run(engine.getIdentityService(), () -> {
      if (engine.getIdentityService().createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0) {
        markAdminExisted(engine);
      }
      return null;
    });
  }

  /** Whether an administrator has ever existed in this database. */
  public static boolean adminHasExisted(ProcessEngine engine) {
    return SystemAccess.run(engine.getIdentityService(),
        () -> "true".equals(engine.getManagementService().getProperties().get(ADMIN_EXISTED)));
  }

  static void markAdminExisted(ProcessEngine engine) {
    SystemAccess.run(engine.getIdentityService(), () -> {
      if (!"true".equals(engine.getManagementService().getProperties().get(ADMIN_EXISTED))) {
        engine.getManagementService().setProperty(ADMIN_EXISTED, "true");
      }
      return null;
    });
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

  final class Guard extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof DeleteUserCmd) {
        refuseIfLastAdmin(field(command, "userId"), "The last administrator cannot be deleted");
      } else if (command instanceof DeleteMembershipCmd && Groups.CAMUNDA_ADMIN.equals(field(command, "groupId"))) {
        refuseIfLastAdmin(field(command, "userId"), "The last administrator cannot leave camunda-admin");
      } else if (command instanceof DeleteGroupCmd && Groups.CAMUNDA_ADMIN.equals(field(command, "groupId"))) {
        throw new BadUserRequestException("The camunda-admin group cannot be deleted");
      } else if (command instanceof CreateMembershipCmd && Groups.CAMUNDA_ADMIN.equals(field(command, "groupId"))) {
        ProcessEngine engine = configuration.getProcessEngine();
        Authentication auth = configuration.getIdentityService().getCurrentAuthentication();
        boolean anonymous = auth == null || auth.getUserId() == null;
        if (anonymous && !TRUSTED.get() && engine != null && adminHasExisted(engine)) {
          throw new AuthorizationException("Setup is closed: an administrator has existed, so only an administrator can make another");
        }
        T result = next.execute(command);
        if (engine != null) {
          markAdminExisted(engine);
        }
        return result;
      }
      return next.execute(command);
    }

    private void refuseIfLastAdmin(String userId, String reason) {
      IdentityService identity = configuration.getIdentityService();
      boolean last = SystemAccess.run(identity, () ->
          identity.createUserQuery().userId(userId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0
              && identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() <= 1);
      if (last) {
        throw new BadUserRequestException(reason);
      }
    }
  }
}
