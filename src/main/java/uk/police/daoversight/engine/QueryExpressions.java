package uk.police.daoversight.engine;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.AbstractQuery;

/**
 * Finds every expression in a query object, at every depth: the query's own, and those of each
 * query nested in it ({@code orQueries}, which hold further or-queries when they come from JSON).
 * The engine checks only the top level ({@code QueryValidators.AdhocQueryValidator}); nested
 * or-queries are built without validators and their expressions are evaluated all the same.
 */
public final class QueryExpressions {

  /** What the application's own stored filters use (AccessSetup), exactly as written there. */
  public static final Set<String> STORED_FILTER_EXPRESSIONS = Set.of("${currentUser()}", "${currentUserGroups()}");

  static final String ADHOC_REFUSED = "Expressions are forbidden in queries: send the value itself";
  static final String STORED_REFUSED = "This filter uses an expression that is not allowed; allowed are only "
      + "${currentUser()} and ${currentUserGroups()}";

  private static final Map<Class<?>, Method> NESTED = new ConcurrentHashMap<>();
  private static final Method NONE;

  static {
    try {
      NONE = Object.class.getMethod("toString");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private QueryExpressions() {
  }

  /** An ad-hoc query (or a filter's extending query): no expression anywhere. */
  public static void refuseAny(Object query) {
    refuseOutside(query, Set.of(), ADHOC_REFUSED);
  }

  /** A stored filter's query: only the allow-listed expressions, compared as exact strings. */
  public static void refuseUnlisted(Object query) {
    refuseOutside(query, STORED_FILTER_EXPRESSIONS, STORED_REFUSED);
  }

  static void refuseOutside(Object query, Set<String> allowed, String message) {
    for (AbstractQuery<?, ?> each : everyQueryIn(query)) {
      Map<String, String> expressions = each.getExpressions();
      if (expressions == null) {
        continue;
      }
      for (String expression : expressions.values()) {
        if (expression == null || !allowed.contains(expression)) {
          throw new BadUserRequestException(message);
        }
      }
    }
  }

  /** The query and every query nested in it, each once. */
  static Collection<AbstractQuery<?, ?>> everyQueryIn(Object root) {
    Set<AbstractQuery<?, ?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> open = new ArrayDeque<>();
    if (root != null) {
      open.push(root);
    }
    while (!open.isEmpty()) {
      Object next = open.pop();
      if (!(next instanceof AbstractQuery<?, ?> query) || !seen.add(query)) {
        continue;
      }
      for (Object nested : nested(query)) {
        open.push(nested);
      }
    }
    return seen;
  }

  /**
   * The queries nested in this one: {@code getQueries()} of task, process-instance and history
   * queries (its first element is the query itself). Read reflectively, so a query class that gains
   * or-queries in a later Camunda version is walked too.
   */
  private static Collection<?> nested(AbstractQuery<?, ?> query) {
    Method getter = NESTED.computeIfAbsent(query.getClass(), type -> {
      try {
        Method method = type.getMethod("getQueries");
        return Collection.class.isAssignableFrom(method.getReturnType()) ? method : NONE;
      } catch (NoSuchMethodException e) {
        return NONE;
      }
    });
    if (getter == NONE) {
      return Collections.emptyList();
    }
    try {
      Object queries = getter.invoke(query);
      return queries == null ? Collections.emptyList() : (Collection<?>) queries;
    } catch (ReflectiveOperationException e) {
      // Not readable: refuse rather than let unchecked queries run.
      throw new BadUserRequestException("This query cannot be checked for expressions");
    }
  }
}
