package uk.police.daoversight.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.query.Query;
import uk.police.daoversight.engine.GuardedElResolver.RefusedExpressionException;

/**
 * Checks every command before it runs, inside its command context, whoever sends it (engine-rest,
 * the webapps' engine API, stored filters, the Java API): nested commands pass here too.
 * <ul>
 *   <li>a query run as a command (every {@link AbstractQuery}): no expression at any depth;</li>
 *   <li>a filter's execution: its extending query no expression at all, its stored query only the
 *       allow-listed ones;</li>
 *   <li>saving a filter: only the allow-listed expressions;</li>
 *   <li>any other command holding a query (batch operations): no expression in it;</li>
 *   <li>task and process instance comments and attachments, created or changed: refused
 *       (free text outside the anonymised model).</li>
 * </ul>
 * Refusals are {@link BadUserRequestException}s, which engine-rest and the webapps answer with 400.
 */
public class EngineGuard extends CommandInterceptor {

  public static final String FREE_TEXT_REFUSED = "Comments and attachments are switched off: they would hold "
      + "free text outside the case's anonymised record. Record what matters in the task's form.";

  private static final Field EXTENDING_QUERY = field(AbstractExecuteFilterCmd.class, "extendingQuery");
  private static final Field FILTER_ID = field(AbstractExecuteFilterCmd.class, "filterId");
  private static final Field SAVED_FILTER = field(SaveFilterCmd.class, "filter");

  /** Per command class, its fields that hold a query (none for most). */
  private static final Map<Class<?>, List<Field>> QUERY_FIELDS = new ConcurrentHashMap<>();

  @Override
  public <T> T execute(Command<T> command) {
    check(command);
    if (!(command instanceof AbstractQuery<?, ?> || command instanceof AbstractExecuteFilterCmd)) {
      return next.execute(command);
    }
    try {
      return next.execute(command);
    } catch (ProcessEngineException e) {
      // A person's query whose (stored, allowed) expression the restricted expression manager refused
      // after all: Camunda wraps that in a plain exception naming the expression (a 500); it is the
      // query that was bad, so it is a 400 with the refusal's own words.
      RefusedExpressionException refusal = refusalIn(e);
      if (refusal != null) {
        throw new BadUserRequestException(refusal.getMessage(), refusal);
      }
      throw e;
    }
  }

  static RefusedExpressionException refusalIn(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof RefusedExpressionException refusal) {
        return refusal;
      }
    }
    return null;
  }

  static void check(Command<?> command) {
    if (command instanceof AbstractQuery<?, ?> query) {
      QueryExpressions.refuseAny(query);
    } else if (command instanceof AbstractExecuteFilterCmd) {
      Object extending = read(EXTENDING_QUERY, command);
      if (extending != null) {
        QueryExpressions.refuseAny(extending);
      }
      checkStoredFilter((String) read(FILTER_ID, command));
    } else if (command instanceof SaveFilterCmd) {
      Filter filter = (Filter) read(SAVED_FILTER, command);
      if (filter != null && filter.getQuery() != null) {
        QueryExpressions.refuseUnlisted(filter.getQuery());
      }
    } else if (command instanceof AddCommentCmd || command instanceof UpdateCommentCmd
        || command instanceof CreateAttachmentCmd || command instanceof SaveAttachmentCmd) {
      throw new BadUserRequestException(FREE_TEXT_REFUSED);
    } else {
      for (Field field : queryFields(command.getClass())) {
        Object query = read(field, command);
        if (query != null) {
          QueryExpressions.refuseAny(query);
        }
      }
    }
  }

  /**
   * The stored query as it will run. Read without authorization checks: the command checks the
   * caller's READ on the filter itself right after this, and a filter that is not there is its answer.
   */
  private static void checkStoredFilter(String filterId) {
    CommandContext context = Context.getCommandContext();
    if (filterId == null || context == null) {
      return;
    }
    FilterEntity stored = context.getDbEntityManager().selectById(FilterEntity.class, filterId);
    if (stored != null && stored.getQuery() != null) {
      QueryExpressions.refuseUnlisted(stored.getQuery());
    }
  }

  private static List<Field> queryFields(Class<?> type) {
    return QUERY_FIELDS.computeIfAbsent(type, t -> {
      List<Field> fields = new ArrayList<>();
      for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) && Query.class.isAssignableFrom(f.getType())) {
            try {
              f.setAccessible(true);
              fields.add(f);
            } catch (RuntimeException e) {
              // not readable (a module boundary): nothing the engine can be given through it either
            }
          }
        }
      }
      return List.copyOf(fields);
    });
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda changed " + type.getName() + ": no field " + name
          + "; the engine guard must be revised before this version runs", e);
    }
  }

  private static Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
