package uk.police.daoversight.engine.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of one Camunda Form (form-js JSON, as the Modeler saves it), for checking what a person
 * submits on the server: which keys the form offers and how each field validates. Pure: no engine, no
 * I/O; parsed once per deployed form and shared.
 *
 * <p>What form-js itself submits, and so what is accepted: every component with a {@code key}
 * (inside groups, and under a group's or dynamic list's {@code path}), except that a read-only or
 * disabled field may only send back the value it was shown. A field hidden by its (or a parent's)
 * {@code conditional.hide} is not required; a value sent for it is still checked. Types follow the
 * component: text for textfield/textarea, a number for number, true/false for checkbox, one offered
 * value for radio/select, a list of offered values for checklist/taglist, an ISO date, time or date
 * and time for datetime. The {@code validate} rules: required (a checkbox must be ticked, a list must
 * not be empty, as form-js), minLength, maxLength, min, max, pattern, validationType email/phone.
 * Options from {@code valuesKey} are read from the task's variables, never from the submission.
 */
public final class FormFieldRules {

  /** Decides a form-js FEEL condition (without the leading '=') on the form's data; null when it cannot tell. */
  @FunctionalInterface
  public interface Conditions {
    Boolean test(String feel, Map<String, Object> data);

    /** No FEEL: every condition is undecided (hidden fields are then not required). */
    Conditions UNDECIDED = (feel, data) -> null;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CHECKED_TYPES = Set.of("textfield", "textarea", "number", "checkbox", "radio",
      "select", "checklist", "taglist", "datetime");
  private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9\\s()\\-./]{3,}$");
  private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");
  private static final long MAX_OFFSET_SECONDS = 14 * 3600;

  private final String formId;
  private final Scope root;
  private final Conditions conditions;

  private FormFieldRules(String formId, Scope root, Conditions conditions) {
    this.formId = formId;
    this.root = root;
    this.conditions = conditions;
  }

  /** Parses a form; refuses anything that is not a form-js schema with components. */
  public static FormFieldRules parse(String formJson, Conditions conditions) {
    JsonNode tree;
    try {
      tree = JSON.readTree(formJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a form: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.path("components").isArray()) {
      throw new IllegalArgumentException("not a form: no components");
    }
    Scope root = new Scope(false);
    walk(tree.path("components"), root, List.of());
    return new FormFieldRules(tree.path("id").asText(""), root, conditions == null ? Conditions.UNDECIDED : conditions);
  }

  public String formId() {
    return formId;
  }

  /** The top-level variable names this form may submit. */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>(root.fields.keySet());
    keys.addAll(root.children.keySet());
    return keys;
  }

  /** The top-level fields where a person types free text (text fields and areas). */
  public Set<String> freeTextKeys() {
    Set<String> keys = new LinkedHashSet<>();
    root.fields.forEach((key, field) -> {
      if ("textfield".equals(field.type) || "textarea".equals(field.type)) {
        keys.add(key);
      }
    });
    return keys;
  }

  /**
   * What a person typed into the free-text fields of the form's dynamic lists, keyed
   * {@code list[i].key} (an agreed action's "what", say), so it is checked like a top-level text.
   * Read-only and disabled fields in the rows are left out: they come back as they were shown.
   */
  public Map<String, String> listFreeText(Map<String, ?> submitted) {
    Map<String, String> typed = new LinkedHashMap<>();
    if (submitted == null) {
      return typed;
    }
    root.children.forEach((name, child) -> {
      if (!child.list || !(submitted.get(name) instanceof List<?> items)) {
        return;
      }
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof Map<?, ?> item)) {
          continue;
        }
        int row = i;
        child.fields.forEach((key, field) -> {
          boolean text = "textfield".equals(field.type) || "textarea".equals(field.type);
          if (text && !field.readonly && !field.disabled && field.readonlyExpression == null
              && item.get(key) instanceof String value && !value.isBlank()) {
            typed.put(name + "[" + row + "]." + key, value);
          }
        });
      }
    });
    return typed;
  }

  /**
   * The top-level fields that are read-only (or disabled) for this data: the person may send them back
   * unchanged, and they are then not written.
   */
  public Set<String> readOnlyKeys(Map<String, ?> submitted, Map<String, ?> current) {
    Map<String, Object> data = context(submitted, current);
    Set<String> keys = new LinkedHashSet<>();
    root.fields.forEach((key, field) -> {
      if (field.readOnly(data, conditions)) {
        keys.add(key);
      }
    });
    return keys;
  }

  /**
   * Checks a submission against the form. {@code current} holds the variables the task already shows
   * (for conditions, read-only fields and dynamic options); the submission never supplies those.
   * Returns nothing when the submission is acceptable.
   */
  public List<FormProblem> validate(Map<String, ?> submitted, Map<String, ?> current) {
    Map<String, ?> sent = submitted == null ? Map.of() : submitted;
    Map<String, ?> shown = current == null ? Map.of() : current;
    List<FormProblem> problems = new ArrayList<>();
    validateScope(root, sent, shown, context(sent, shown), "", problems);
    return problems;
  }

  private static Map<String, Object> context(Map<String, ?> submitted, Map<String, ?> current) {
    Map<String, Object> data = new HashMap<>();
    if (current != null) {
      data.putAll(current);
    }
    if (submitted != null) {
      data.putAll(submitted);
    }
    return data;
  }

  // ---- parsing

  private static void walk(JsonNode components, Scope scope, List<String> hides) {
    for (JsonNode c : components) {
      String type = c.path("type").asText("");
      List<String> here = withHide(hides, c);
      if (c.path("components").isArray()) {
        Scope target = scope;
        String path = c.path("path").asText("");
        if (!path.isBlank()) {
          String[] segments = path.split("\\.");
          for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            target = target.child(segments[i], last && "dynamiclist".equals(type));
          }
        }
        walk(c.path("components"), target, here);
        continue;
      }
      String key = c.path("key").asText("");
      if (key.isBlank()) {
        continue;
      }
      String[] segments = key.split("\\.");
      Scope target = scope;
      for (int i = 0; i < segments.length - 1; i++) {
        target = target.child(segments[i], false);
      }
      target.fields.put(segments[segments.length - 1], Field.of(segments[segments.length - 1], type, c, here));
    }
  }

  private static List<String> withHide(List<String> hides, JsonNode component) {
    JsonNode hide = component.path("conditional").path("hide");
    if (!hide.isTextual() || hide.asText().isBlank()) {
      return hides;
    }
    List<String> all = new ArrayList<>(hides);
    all.add(feel(hide.asText()));
    return List.copyOf(all);
  }

  private static String feel(String expression) {
    String e = expression.trim();
    return e.startsWith("=") ? e.substring(1) : e;
  }

  // ---- validation

  private void validateScope(Scope scope, Map<String, ?> sent, Map<String, ?> shown, Map<String, Object> data,
                             String prefix, List<FormProblem> problems) {
    for (String key : new TreeSet<>(sent.keySet())) {
      if (!scope.fields.containsKey(key) && !scope.children.containsKey(key)) {
        problems.add(new FormProblem(prefix + key, "is not a field of this form"));
      }
    }
    for (Field field : scope.fields.values()) {
      validateField(field, sent, shown, data, prefix, problems);
    }
    scope.children.forEach((name, child) -> {
      Object value = sent.get(name);
      if (child.list) {
        if (value == null) {
          return;
        }
        if (!(value instanceof List<?> items)) {
          problems.add(new FormProblem(prefix + name, "must be a list"));
          return;
        }
        for (int i = 0; i < items.size(); i++) {
          if (!(items.get(i) instanceof Map<?, ?> item)) {
            problems.add(new FormProblem(prefix + name + "[" + i + "]", "must be a group of fields"));
            continue;
          }
          Map<String, Object> itemData = new HashMap<>(data);
          itemData.putAll(stringKeys(item));
          validateScope(child, stringKeys(item), Map.of(), itemData, prefix + name + "[" + i + "].", problems);
        }
      } else {
        if (value != null && !(value instanceof Map<?, ?>)) {
          problems.add(new FormProblem(prefix + name, "must be a group of fields"));
          return;
        }
        Map<String, Object> group = value == null ? Map.of() : stringKeys((Map<?, ?>) value);
        Object shownGroup = shown.get(name);
        Map<String, Object> shownMap = shownGroup instanceof Map<?, ?> m ? stringKeys(m) : Map.of();
        validateScope(child, group, shownMap, data, prefix + name + ".", problems);
      }
    });
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  private void validateField(Field f, Map<String, ?> sent, Map<String, ?> shown, Map<String, Object> data,
                             String prefix, List<FormProblem> problems) {
    String name = prefix + f.key;
    Object value = sent.get(f.key);
    if (f.readOnly(data, conditions)) {
      if (sent.containsKey(f.key) && !sameValue(shown.get(f.key), value)) {
        problems.add(new FormProblem(name, "is read-only on this form"));
      }
      return;
    }
    if (!CHECKED_TYPES.contains(f.type)) {
      if (sent.containsKey(f.key)) {
        problems.add(new FormProblem(name, "has a field type the server cannot check (" + f.type + ")"));
      }
      return;
    }
    boolean shownToPerson = Boolean.FALSE.equals(f.hidden(data, conditions));
    // As in form-js, the form's data is the task's variables with the person's edits on top: a
    // required field the process already filled (a recommended SOO, say) need not be sent again.
    Object effective = sent.containsKey(f.key) ? value : shown.get(f.key);
    if (f.required && shownToPerson && isEmpty(f, effective)) {
      problems.add(new FormProblem(name, "is required"));
    }
    if (!sent.containsKey(f.key)) {
      return;
    }
    if (isEmpty(f, value)
        && (value == null || value instanceof String || value instanceof Collection<?> || value instanceof Boolean)) {
      return;
    }
    String problem = typeProblem(f, value, shown);
    if (problem != null) {
      problems.add(new FormProblem(name, problem));
    }
  }

  private static boolean isEmpty(Field f, Object value) {
    return value == null
        || (value instanceof String s && s.isEmpty())
        || (value instanceof Collection<?> c && c.isEmpty())
        || ("checkbox".equals(f.type) && Boolean.FALSE.equals(value));
  }

  private static String typeProblem(Field f, Object value, Map<String, ?> shown) {
    switch (f.type) {
      case "textfield", "textarea" -> {
        if (!(value instanceof String s)) {
          return "must be text";
        }
        return textProblem(f, s);
      }
      case "number" -> {
        BigDecimal n = number(value, f.serializeToString);
        if (n == null) {
          return "must be a number";
        }
        if (f.min != null && n.compareTo(f.min) < 0) {
          return "must be at least " + f.min.toPlainString();
        }
        if (f.max != null && n.compareTo(f.max) > 0) {
          return "must be at most " + f.max.toPlainString();
        }
        if (f.decimalDigits != null && n.stripTrailingZeros().scale() > f.decimalDigits) {
          return "must have at most " + f.decimalDigits + " decimal places";
        }
        return null;
      }
      case "checkbox" -> {
        return value instanceof Boolean ? null : "must be true or false";
      }
      case "radio", "select" -> {
        if (!isScalar(value)) {
          return "must be one of the offered values";
        }
        Set<String> allowed = f.allowed(shown);
        return allowed == null || allowed.contains(String.valueOf(value)) ? null : "must be one of the offered values";
      }
      case "checklist", "taglist" -> {
        if (!(value instanceof Collection<?> items)) {
          return "must be a list of offered values";
        }
        Set<String> allowed = f.allowed(shown);
        for (Object item : items) {
          if (!isScalar(item) || (allowed != null && !allowed.contains(String.valueOf(item)))) {
            return "must contain only offered values";
          }
        }
        return null;
      }
      case "datetime" -> {
        return dateProblem(f.subtype, value);
      }
      default -> {
        return "has a field type the server cannot check (" + f.type + ")";
      }
    }
  }

  private static String textProblem(Field f, String s) {
    if (s.isEmpty()) {
      return null;
    }
    if (f.minLength != null && s.length() < f.minLength) {
      return "must be at least " + f.minLength + " characters";
    }
    if (f.maxLength != null && s.length() > f.maxLength) {
      return "must be at most " + f.maxLength + " characters";
    }
    if (f.pattern != null && !f.pattern.matcher(s).find()) {
      return "does not match the pattern the form asks for";
    }
    if ("email".equals(f.validationType) && !EMAIL.matcher(s).matches()) {
      return "must be an email address";
    }
    if ("phone".equals(f.validationType) && !PHONE.matcher(s).matches()) {
      return "must be a phone number";
    }
    return null;
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  private static BigDecimal number(Object value, boolean fromString) {
    try {
      if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
        return null;
      }
      if (value instanceof Float d && (d.isNaN() || d.isInfinite())) {
        return null;
      }
      if (value instanceof Number n) {
        return new BigDecimal(n.toString());
      }
      if (fromString && value instanceof String s && s.length() <= 100) {
        return new BigDecimal(s.trim());
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null;
  }

  private static String dateProblem(String subtype, Object value) {
    if (value instanceof Date) {
      return null;
    }
    String kind = subtype == null ? "date" : subtype;
    String rule = switch (kind) {
      case "time" -> "must be a time";
      case "datetime" -> "must be a date and time";
      default -> "must be a date";
    };
    if (!(value instanceof String s) || s.length() > 40) {
      return rule;
    }
    try {
      switch (kind) {
        case "time" -> {
          if (!parses(() -> LocalTime.parse(s)) && !parses(() -> OffsetTime.parse(s))) {
            return rule;
          }
        }
        case "datetime" -> {
          if (!parses(() -> LocalDateTime.parse(s)) && !parses(() -> OffsetDateTime.parse(s))
              && !parses(() -> OffsetDateTime.parse(s, ENGINE_DATE))) {
            return rule;
          }
        }
        default -> LocalDate.parse(s);
      }
    } catch (DateTimeParseException e) {
      return rule;
    }
    return null;
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * Whether a read-only field came back as it was shown. Tasklist shows a Date as local
   * "yyyy-MM-ddTHH:mm:ss" in the browser's time zone, so a date matches when it is the same instant
   * in some real time-zone offset.
   */
  static boolean sameValue(Object current, Object sent) {
    // form-js shows a missing value as its empty value: "" for text, unticked, an empty list
    if (sent == null || (current == null && ((sent instanceof String s && s.isEmpty()) || Boolean.FALSE.equals(sent)
        || (sent instanceof Collection<?> c && c.isEmpty())))) {
      return true;
    }
    if (current == null) {
      return false;
    }
    if (current instanceof Date date) {
      Instant shown = date.toInstant().truncatedTo(ChronoUnit.SECONDS);
      if (sent instanceof Date d) {
        return d.toInstant().truncatedTo(ChronoUnit.SECONDS).equals(shown);
      }
      return sent instanceof String s && sameInstant(shown, s);
    }
    if (current instanceof Number a && sent instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    if (current instanceof Boolean || sent instanceof Boolean) {
      return Objects.equals(current, sent);
    }
    return Objects.equals(current, sent) || (current instanceof String && sent instanceof String && current.equals(sent));
  }

  private static boolean sameInstant(Instant shown, String sent) {
    if (sent.length() > 40) {
      return false;
    }
    for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, ENGINE_DATE)) {
      try {
        return OffsetDateTime.parse(sent, format).toInstant().truncatedTo(ChronoUnit.SECONDS).equals(shown);
      } catch (DateTimeParseException e) {
        // try the next spelling
      }
    }
    try {
      long local = LocalDateTime.parse(sent).truncatedTo(ChronoUnit.SECONDS).toEpochSecond(ZoneOffset.UTC);
      long offset = local - shown.getEpochSecond();
      return Math.abs(offset) <= MAX_OFFSET_SECONDS && offset % 900 == 0;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  // ---- model

  private static final class Scope {
    final boolean list;
    final Map<String, Field> fields = new LinkedHashMap<>();
    final Map<String, Scope> children = new LinkedHashMap<>();

    Scope(boolean list) {
      this.list = list;
    }

    Scope child(String name, boolean list) {
      return children.computeIfAbsent(name, n -> new Scope(list));
    }
  }

  private static final class Field {
    String key;
    String type;
    String subtype;
    boolean required;
    boolean disabled;
    boolean readonly;
    String readonlyExpression;
    Integer minLength;
    Integer maxLength;
    BigDecimal min;
    BigDecimal max;
    Pattern pattern;
    String validationType;
    Integer decimalDigits;
    boolean serializeToString;
    Set<String> values;
    String valuesKey;
    boolean valuesExpression;
    List<String> hides;

    static Field of(String key, String type, JsonNode c, List<String> hides) {
      Field f = new Field();
      f.key = key;
      f.type = type;
      f.subtype = c.path("subtype").asText(null);
      JsonNode v = c.path("validate");
      f.required = v.path("required").asBoolean(false);
      f.minLength = integer(v.path("minLength"));
      f.maxLength = integer(v.path("maxLength"));
      f.min = decimal(v.path("min"));
      f.max = decimal(v.path("max"));
      f.validationType = v.path("validationType").asText(null);
      if (v.path("pattern").isTextual() && !v.path("pattern").asText().isEmpty()) {
        try {
          f.pattern = Pattern.compile(v.path("pattern").asText());
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("field " + key + ": the pattern is not a regular expression");
        }
      }
      f.disabled = c.path("disabled").asBoolean(false);
      JsonNode readonly = c.path("readonly");
      if (readonly.isTextual() && readonly.asText().trim().startsWith("=")) {
        f.readonlyExpression = feel(readonly.asText());
      } else {
        f.readonly = readonly.asBoolean(false);
      }
      f.decimalDigits = integer(c.path("decimalDigits"));
      f.serializeToString = c.path("serializeToString").asBoolean(false);
      if (c.path("values").isArray()) {
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode option : c.path("values")) {
          values.add(option.has("value") ? option.path("value").asText() : option.asText());
        }
        f.values = Set.copyOf(values);
      }
      f.valuesKey = c.path("valuesKey").asText("").isBlank() ? null : c.path("valuesKey").asText();
      f.valuesExpression = c.path("valuesExpression").isTextual();
      f.hides = hides;
      return f;
    }

    boolean readOnly(Map<String, Object> data, Conditions conditions) {
      if (disabled || readonly) {
        return true;
      }
      if (readonlyExpression != null) {
        return !Boolean.FALSE.equals(conditions.test(readonlyExpression, data));
      }
      return false;
    }

    /** TRUE when some condition hides it, FALSE when none does, null when one cannot be decided. */
    Boolean hidden(Map<String, Object> data, Conditions conditions) {
      Boolean answer = Boolean.FALSE;
      for (String hide : hides) {
        Boolean result = conditions.test(hide, data);
        if (Boolean.TRUE.equals(result)) {
          return Boolean.TRUE;
        }
        if (result == null) {
          answer = null;
        }
      }
      return answer;
    }

    /** The offered values, or null when the form computes them (valuesExpression: not checked). */
    Set<String> allowed(Map<String, ?> shown) {
      if (values != null && !values.isEmpty()) {
        return values;
      }
      if (valuesKey != null) {
        return options(shown.get(valuesKey));
      }
      if (valuesExpression) {
        return null;
      }
      return values == null ? Set.of() : values;
    }

    private static Set<String> options(Object source) {
      Object list = source;
      if (source instanceof String s) {
        try {
          list = JSON.readValue(s, List.class);
        } catch (JsonProcessingException e) {
          return Set.of();
        }
      }
      Set<String> allowed = new LinkedHashSet<>();
      if (list instanceof Collection<?> items) {
        for (Object item : items) {
          if (item instanceof Map<?, ?> option) {
            if (option.containsKey("value")) {
              allowed.add(String.valueOf(option.get("value")));
            }
          } else if (item != null) {
            allowed.add(String.valueOf(item));
          }
        }
      }
      return allowed;
    }

    private static Integer integer(JsonNode node) {
      return node.isNumber() ? node.asInt() : null;
    }

    private static BigDecimal decimal(JsonNode node) {
      return node.isNumber() ? node.decimalValue() : null;
    }
  }
}
