package uk.police.daoversight.engine;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.CaseService;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * In front of the engine's EL resolvers: refuses, in every expression, what would turn an expression
 * into code execution or a way around the engine's authorizations.
 * <ul>
 *   <li>any property read or method call on a class, class loader, reflection or method-handle
 *       object, {@code Runtime}, {@code ProcessBuilder}, {@code System}, {@code Thread}, a file or a
 *       {@code java.nio.file} object, and any resolution that yields one;</li>
 *   <li>methods named {@code getClass}, {@code forName}, {@code getClassLoader}, {@code loadClass},
 *       {@code newInstance}, {@code getDeclared*}, {@code getMethod(s)}, {@code invoke}, {@code exec}
 *       (and the properties that read them, such as {@code .class});</li>
 *   <li>process-engine look-ups: {@code getProcessEngine}, {@code getProcessEngineServices},
 *       {@code ProcessEngines}, the engine's configuration and command executor, and the engine's
 *       services (runtimeService, identityService, ...) as beans of the Spring context or read
 *       from an execution or task.</li>
 * </ul>
 * A refusal is a {@link ProcessEngineException} naming what was refused; nothing is resolved.
 */
public class GuardedElResolver extends ELResolver {

  static final Set<String> REFUSED_METHODS = Set.of("getClass", "forName", "getClassLoader", "loadClass",
      "newInstance", "getMethod", "getMethods", "invoke", "invokeExact", "exec", "getProcessEngine",
      "getProcessEngineServices", "getProcessEngineConfiguration", "getDefaultProcessEngine",
      "getCommandExecutor", "getCommandExecutorTxRequired", "getCommandExecutorTxRequiresNew",
      "getApplicationContext", "getBeanFactory", "getAutowireCapableBeanFactory", "getDataSource",
      "getConnection", "setAccessible", "getRuntime");

  /** Properties that read a refused getter ({@code x.class} is {@code x.getClass()}). */
  static final Set<String> REFUSED_PROPERTIES = Set.of("class", "classLoader", "processEngine",
      "processEngineServices", "processEngineConfiguration", "commandExecutor", "commandExecutorTxRequired",
      "commandExecutorTxRequiresNew", "applicationContext", "beanFactory", "autowireCapableBeanFactory",
      "dataSource", "connection");

  /** The engine's own beans in the Spring context, by the names the starter gives them. */
  static final Set<String> REFUSED_BEANS = Set.of("processEngine", "processEngineConfiguration",
      "processEngineConfigurationImpl", "processEngineFactoryBean", "runtimeService", "repositoryService",
      "identityService", "authorizationService", "managementService", "historyService", "taskService",
      "formService", "filterService", "externalTaskService", "caseService", "decisionService",
      "dataSource", "camundaBpmDataSource", "jdbcTemplate", "namedParameterJdbcTemplate",
      "transactionManager", "applicationContext", "environment", "systemProperties", "systemEnvironment");

  private static final Set<String> REFUSED_PACKAGES = Set.of("java.lang.reflect.", "java.lang.invoke.",
      "java.nio.file.", "java.nio.channels.", "sun.", "jdk.internal.", "javax.script.", "javax.naming.",
      "org.apache.ibatis.");

  private static final Set<Class<?>> REFUSED_TYPES = Set.of(Class.class, ClassLoader.class, Runtime.class,
      ProcessBuilder.class, Process.class, ProcessHandle.class, System.class, Thread.class, ThreadGroup.class,
      java.io.File.class, java.io.FileDescriptor.class, java.io.InputStream.class, java.io.OutputStream.class,
      java.io.Reader.class, java.io.Writer.class, java.net.URL.class, java.net.URLConnection.class,
      java.net.Socket.class, java.sql.Connection.class, java.sql.Statement.class, javax.sql.DataSource.class,
      ProcessEngineServices.class, ProcessEngines.class, ProcessEngineConfiguration.class, CommandExecutor.class,
      RuntimeService.class, RepositoryService.class, IdentityService.class, AuthorizationService.class,
      ManagementService.class, HistoryService.class, TaskService.class, FormService.class, FilterService.class,
      ExternalTaskService.class, CaseService.class, DecisionService.class, CommandContext.class,
      org.springframework.beans.factory.BeanFactory.class, org.springframework.context.ApplicationContext.class,
      org.springframework.core.env.Environment.class, org.springframework.jdbc.core.JdbcOperations.class,
      org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations.class,
      org.springframework.transaction.PlatformTransactionManager.class);

  private final ELResolver delegate;

  public GuardedElResolver(ELResolver delegate) {
    this.delegate = delegate;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base == null && property instanceof String name && REFUSED_BEANS.contains(name)) {
      throw refused("the engine's own bean '" + name + "'");
    }
    refuseBase(base);
    if (base != null && property instanceof String name && REFUSED_PROPERTIES.contains(name)) {
      throw refused("the property '" + name + "'");
    }
    Object value = delegate.getValue(context, base, property);
    if (context.isPropertyResolved()) {
      refuseResult(value, property);
    }
    return value;
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    refuseBase(base);
    String name = String.valueOf(method);
    if (REFUSED_METHODS.contains(name) || name.startsWith("getDeclared")) {
      throw refused("the method '" + name + "'");
    }
    Object value = delegate.invoke(context, base, method, paramTypes, params);
    if (context.isPropertyResolved()) {
      refuseResult(value, method);
    }
    return value;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    refuseBase(base);
    return delegate.getType(context, base, property);
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    refuseBase(base);
    if (base != null && property instanceof String name && REFUSED_PROPERTIES.contains(name)) {
      throw refused("the property '" + name + "'");
    }
    delegate.setValue(context, base, property, value);
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    refuseBase(base);
    return delegate.isReadOnly(context, base, property);
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    refuseBase(base);
    return delegate.getFeatureDescriptors(context, base);
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    refuseBase(base);
    return delegate.getCommonPropertyType(context, base);
  }

  @Override
  public Object convertToType(ELContext context, Object obj, Class<?> type) {
    return delegate.convertToType(context, obj, type);
  }

  private static void refuseBase(Object base) {
    if (base != null && isRefused(base)) {
      throw refused("a " + kind(base));
    }
  }

  private static void refuseResult(Object value, Object name) {
    if (value != null && isRefused(value)) {
      throw refused("'" + name + "', a " + kind(value));
    }
  }

  /** Per class, once: whether its objects are refused (every resolution asks). */
  private static final ClassValue<Boolean> REFUSED_CLASSES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return isRefusedType(type);
    }
  };

  /** Whether this object is one no expression may hold. */
  static boolean isRefused(Object value) {
    return value instanceof Class<?> || value instanceof ClassLoader || REFUSED_CLASSES.get(value.getClass());
  }

  private static boolean isRefusedType(Class<?> type) {
    for (Class<?> refused : REFUSED_TYPES) {
      if (refused.isAssignableFrom(type)) {
        return true;
      }
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (inRefusedPackage(c) || anyInterfaceRefused(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyInterfaceRefused(Class<?> type) {
    for (Class<?> i : type.getInterfaces()) {
      if (inRefusedPackage(i) || anyInterfaceRefused(i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inRefusedPackage(Class<?> type) {
    String name = type.getName();
    for (String prefix : REFUSED_PACKAGES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String kind(Object value) {
    if (value instanceof Class<?>) {
      return "class object";
    }
    String simple = value.getClass().getSimpleName();
    return simple.isEmpty() ? value.getClass().getName() : simple;
  }

  private static ProcessEngineException refused(String what) {
    return new RefusedExpressionException("Expressions may not use " + what + ": refused");
  }

  /** A refusal of the restricted expression manager (a plain engine exception, no internals). */
  public static class RefusedExpressionException extends ProcessEngineException {
    private static final long serialVersionUID = 1L;

    public RefusedExpressionException(String message) {
      super(message);
    }
  }
}
