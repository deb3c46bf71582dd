package uk.police.daoversight.config;

import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Stream;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import uk.police.daoversight.access.BreakGlass;
import uk.police.daoversight.access.SuspiciousAccess;
import uk.police.daoversight.allocation.AllocationService;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.security.ApiAuthenticationFilter;
import uk.police.daoversight.security.SetupEndpointGuard;
import uk.police.daoversight.security.WebappQueryBound;
import uk.police.daoversight.vault.IdentityRedactingHistoryEventHandler;

/** Wiring that is not a business service: clock, history filter, authentication on the APIs. */
@Configuration
@org.springframework.scheduling.annotation.EnableScheduling
public class OversightConfiguration {

  /**
   * The application's tables (Flyway) exist before the engine starts, so no job, listener or
   * start-up step can meet a missing table.
   */
  @Bean
  static BeanFactoryPostProcessor engineAfterMigrations() {
    return beanFactory -> {
      if (beanFactory.containsBeanDefinition("flywayInitializer")) {
        for (String name : beanFactory.getBeanNamesForType(ProcessEngineFactoryBean.class, true, false)) {
          String bean = name.startsWith("&") ? name.substring(1) : name;
          BeanDefinition definition = beanFactory.getBeanDefinition(bean);
          definition.setDependsOn(Stream.concat(definition.getDependsOn() == null ? Stream.empty()
              : Arrays.stream(definition.getDependsOn()), Stream.of("flywayInitializer")).toArray(String[]::new));
        }
      }
    };
  }

  /** The plain, unit-tested allocation rules. */
  @Bean
  AllocationService allocationService() {
    return new AllocationService();
  }

  @Bean
  Clock clock() {
    return new EngineClock();
  }

  /** The starter installs this as the engine's history event handler. */
  @Bean
  HistoryEventHandler historyEventHandler() {
    return new IdentityRedactingHistoryEventHandler(new DbHistoryEventHandler());
  }

  /** engine-rest is open by default: require HTTP Basic through Camunda's own filter. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** HTTP Basic on /api and the dashboard; in the sso profile, SsoEngineAuthentication takes its place. */
  @Bean
  @org.springframework.context.annotation.Profile("!sso")
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService));
    registration.setName("api-authentication");
    registration.addUrlPatterns("/api/*", "/dashboard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** CVE-2026-77226: Admin's first-run setup is closed once an administrator exists. */
  @Bean
  FilterRegistrationBean<SetupEndpointGuard> setupEndpointGuard(IdentityService identityService,
                                                                org.camunda.bpm.engine.ProcessEngine engine) {
    FilterRegistrationBean<SetupEndpointGuard> registration = new FilterRegistrationBean<>(
        new SetupEndpointGuard(identityService, engine));
    registration.setName("setup-endpoint-guard");
    registration.addUrlPatterns("/camunda/api/admin/setup/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** The webapps' unbounded lists get the engine's cap as their bound. */
  @Bean
  FilterRegistrationBean<WebappQueryBound> webappQueryBound() {
    FilterRegistrationBean<WebappQueryBound> registration = new FilterRegistrationBean<>(new WebappQueryBound());
    registration.setName("webapp-query-bound");
    registration.addUrlPatterns("/camunda/api/engine/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 31);
    return registration;
  }

  /** No body over 1 MB reaches anything, on any path (413 before it is read). */
  @Bean
  FilterRegistrationBean<RequestSizeLimit> requestSizeLimit() {
    FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(new RequestSizeLimit());
    registration.setName("request-size-limit");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> apiSecurityHeaders() {
    FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.setName("api-security-headers");
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
