package uk.police.daoversight.process;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The names of the typed variables a variables class declares. */
public final class VariableNames {

  private VariableNames() {}

  public static Set<String> of(Class<?> variables) {
    return Arrays.stream(variables.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == VariableFactory.class)
        .map(f -> {
          try {
            return ((VariableFactory<?>) f.get(null)).getName();
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        })
        .collect(Collectors.toUnmodifiableSet());
  }
}
