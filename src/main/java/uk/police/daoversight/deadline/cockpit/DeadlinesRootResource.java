package uk.police.daoversight.deadline.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;
import uk.police.daoversight.allocation.SooRoster;

/** {@code /camunda/api/cockpit/plugin/deadlines/{engine}/deadlines}, and the plugin's static assets. */
@Path("plugin/" + DeadlinesCockpitPlugin.ID)
public class DeadlinesRootResource extends AbstractCockpitPluginRootResource {

  public DeadlinesRootResource() {
    super(DeadlinesCockpitPlugin.ID);
  }

  @Path("{engineName}/deadlines")
  public DeadlinesResource deadlines(@PathParam("engineName") String engineName) {
    SooRoster roster = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(SooRoster.class);
    return subResource(new DeadlinesResource(engineName, roster), engineName);
  }
}
