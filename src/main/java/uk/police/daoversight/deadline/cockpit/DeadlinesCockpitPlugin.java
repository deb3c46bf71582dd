package uk.police.daoversight.deadline.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The managers' deadline board on Cockpit's dashboard, as Camunda's own plugin API builds one: this
 * class (registered in {@code META-INF/services}), a JAX-RS root resource under
 * {@code /camunda/api/cockpit/plugin/deadlines/}, and the front end module
 * {@code plugin-webapp/deadlines/app/plugin.js} on the {@code cockpit.dashboard} plugin point.
 */
public class DeadlinesCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "deadlines";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(DeadlinesRootResource.class);
  }
}
