package uk.police.daoversight.engine.forms;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Answers a refusal of {@link PersonInputGuard} as itself: 400 for a submission its form does not
 * accept, 403 for a write a person may not make, with the guard's plain message. Engine-rest's
 * resources turn some engine exceptions into a 500 ("Cannot complete task ..."); this undoes that for
 * the guard's refusals only. Registered in every Jersey application (engine-rest and the webapps'
 * engine API, which Tasklist submits through) by {@link Registration}.
 */
@Provider
@PreMatching
public class RefusalAnswer implements ContainerRequestFilter, ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    Refusals.clear();
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Refusals.Refusal refusal = Refusals.take();
    if (refusal != null && response.getStatus() >= 400 && response.getEntity() instanceof ExceptionDto) {
      ExceptionDto answer = new ExceptionDto();
      answer.setType(refusal.type());
      answer.setMessage(refusal.message());
      response.setStatus(refusal.status());
      response.setEntity(answer, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }
  }

  /** Jersey's service-loaded hook, run for each Jersey application as it is built. */
  public static final class Registration implements AutoDiscoverable {
    @Override
    public void configure(FeatureContext context) {
      if (!context.getConfiguration().isRegistered(RefusalAnswer.class)) {
        context.register(RefusalAnswer.class);
      }
    }
  }
}
