package uk.police.daoversight.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
import uk.police.daoversight.intake.ReferralFormFields;
import uk.police.daoversight.process.AlertVariables;
import uk.police.daoversight.process.CaseVariables;
import uk.police.daoversight.process.PanelVariables;

/**
 * What a model reviewer (and vPAV) checks, without Spring or an engine: every model parses, ids are
 * written by hand, every element is named and laid out, every reference resolves, every form field
 * is a variable the process declares, every timer parses, every process and decision keeps history
 * for a set time.
 */
class ModelConsistencyTest {

  private static final Pattern GENERATED_ID = Pattern.compile(
      "^(Activity|Gateway|Flow|Event|StartEvent|EndEvent|Task|UserTask|ServiceTask|SequenceFlow|Process|Definitions|Decision|DecisionRule|InputClause|OutputClause|Field|BoundaryEvent|Participant|Lane|SubProcess|DataObject)_[0-9a-z]{5,}$");
  private static final Pattern LOWER_CAMEL = Pattern.compile("^[a-z][A-Za-z0-9]*$");
  private static final Pattern EXPRESSION_BEAN = Pattern.compile("\\$\\{\\s*([a-zA-Z][A-Za-z0-9]*)\\.");

  static Map<String, BpmnModelInstance> processes = new TreeMap<>();
  static Map<String, DmnModelInstance> decisions = new TreeMap<>();
  static Map<String, JsonNode> forms = new TreeMap<>();
  static Set<String> beanNames = new HashSet<>();

  @BeforeAll
  static void load() throws IOException {
    for (Path p : files("processes", ".bpmn")) {
      processes.put(p.getFileName().toString(), Bpmn.readModelFromFile(p.toFile()));
    }
    for (Path p : files("dmn", ".dmn")) {
      decisions.put(p.getFileName().toString(), Dmn.readModelFromFile(p.toFile()));
    }
    ObjectMapper json = new ObjectMapper();
    for (Path p : files("forms", ".form")) {
      forms.put(p.getFileName().toString(), json.readTree(p.toFile()));
    }
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    scanner.addIncludeFilter(new AnnotationTypeFilter(Service.class));
    scanner.addIncludeFilter(new AnnotationTypeFilter(Repository.class));
    scanner.findCandidateComponents("uk.police.daoversight").forEach(bean -> {
      String className = bean.getBeanClassName();
      String simple = className.substring(className.lastIndexOf('.') + 1);
      beanNames.add(Character.toLowerCase(simple.charAt(0)) + simple.substring(1));
      try {
        Class<?> type = Class.forName(className);
        Component component = type.getAnnotation(Component.class);
        if (component != null && !component.value().isEmpty()) {
          beanNames.add(component.value());
        }
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static List<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(Path.of(folder))) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void everyFolderHasModels() {
    assertThat(processes).containsKeys("oversightCase.bpmn", "scrutinyPanel.bpmn", "caseConference.bpmn", "panelCalendar.bpmn");
    assertThat(decisions).containsKeys("complexCaseRouting.dmn", "panelSlotMinutes.dmn", "panelTriage.dmn");
    assertThat(forms).isNotEmpty();
  }

  @Test
  void fileNameIsTheDefinitionId() {
    processes.forEach((file, model) -> assertThat(model.getModelElementsByType(Process.class))
        .extracting(Process::getId).containsExactly(file.replace(".bpmn", "")));
    decisions.forEach((file, model) -> assertThat(model.getModelElementsByType(Decision.class))
        .extracting(Decision::getId).contains(file.replace(".dmn", "")));
    forms.forEach((file, form) -> assertThat(form.path("id").asText()).isEqualTo(file.replace(".form", "")));
  }

  @Test
  void idsAreWrittenByHandInLowerCamelCase() {
    List<String> bad = new ArrayList<>();
    processes.forEach((file, model) -> model.getModelElementsByType(BaseElement.class).forEach(e -> {
      String id = e.getId();
      if (id != null && (GENERATED_ID.matcher(id).matches() || !LOWER_CAMEL.matcher(id).matches())) {
        bad.add(file + ": " + id);
      }
    }));
    decisions.forEach((file, model) -> model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.DmnElement.class).forEach(e -> {
      String id = e.getId();
      if (id != null && (GENERATED_ID.matcher(id).matches() || !LOWER_CAMEL.matcher(id).matches())) {
        bad.add(file + ": " + id);
      }
    }));
    forms.forEach((file, form) -> form.path("components").forEach(c -> {
      String id = c.path("id").asText();
      if (GENERATED_ID.matcher(id).matches() || !LOWER_CAMEL.matcher(id).matches()) {
        bad.add(file + ": " + id);
      }
    }));
    assertThat(bad).isEmpty();
  }

  @Test
  void everyActivityEventAndDecisionGatewayIsNamed() {
    assertThat(unnamed(processes)).isEmpty();
  }

  /**
   * Flow nodes without a name, except merging gateways, parallel gateways and the plain start events
   * of subprocesses. A gateway's flows are found by their {@code sourceRef}, so the check does not
   * depend on the {@code <outgoing>} references a file may lack.
   */
  static List<String> unnamed(Map<String, BpmnModelInstance> models) {
    List<String> unnamed = new ArrayList<>();
    models.forEach((file, model) -> model.getModelElementsByType(FlowNode.class).forEach(n -> {
      boolean mergeOrPlainStart = (n instanceof Gateway && outgoing(model, n).size() < 2)
          || (n instanceof ParallelGateway)
          || (n instanceof StartEvent && !(n.getParentElement() instanceof Process) && ((StartEvent) n).getEventDefinitions().isEmpty());
      if (!mergeOrPlainStart && (n.getName() == null || n.getName().isBlank())) {
        unnamed.add(file + ": " + n.getId());
      }
    }));
    return unnamed;
  }

  /** The sequence flows leaving a node, by their {@code sourceRef}. */
  static List<SequenceFlow> outgoing(BpmnModelInstance model, FlowNode node) {
    return model.getModelElementsByType(SequenceFlow.class).stream().filter(f -> f.getSource() == node).toList();
  }

  @Test
  void everyElementHasDiagramLayout() {
    processes.forEach((file, model) -> {
      Set<String> drawn = new HashSet<>();
      model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
      model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
      List<String> missing = model.getModelElementsByType(FlowElement.class).stream()
          .filter(e -> e instanceof FlowNode || e instanceof SequenceFlow)
          .map(FlowElement::getId).filter(id -> !drawn.contains(id)).toList();
      assertThat(missing).as(file).isEmpty();
    });
  }

  @Test
  void everyProcessAndDecisionKeepsHistoryForASetTime() {
    processes.forEach((file, model) -> model.getModelElementsByType(Process.class)
        .forEach(p -> assertThat(p.getCamundaHistoryTimeToLiveString()).as(file).isNotBlank()));
    decisions.forEach((file, model) -> model.getModelElementsByType(Decision.class)
        .forEach(d -> assertThat(d.getCamundaHistoryTimeToLiveString()).as(file).isNotBlank()));
  }

  @Test
  void everyExclusiveGatewayThatDecidesHasADefaultFlow() {
    assertThat(decidingGatewaysWithoutDefault(processes)).isEmpty();
  }

  /** Exclusive gateways with two or more outgoing flows whose default is not one of them. */
  static List<String> decidingGatewaysWithoutDefault(Map<String, BpmnModelInstance> models) {
    List<String> missing = new ArrayList<>();
    models.forEach((file, model) -> model.getModelElementsByType(ExclusiveGateway.class).forEach(g -> {
      List<SequenceFlow> out = outgoing(model, g);
      if (out.size() > 1 && (g.getDefault() == null || !out.contains(g.getDefault()))) {
        missing.add(file + ": " + g.getId());
      }
    }));
    return missing;
  }

  /**
   * The two checks above fail on a broken copy of a model: one deciding gateway without its name,
   * another without its default flow, and the {@code <incoming>}/{@code <outgoing>} references
   * stripped, as in files not saved by the Modeler.
   */
  @Test
  void theGatewayChecksFailOnABrokenCopyOfAModel(@TempDir Path dir) throws IOException {
    String xml = Files.readString(Path.of("processes", "oversightCase.bpmn"));
    assertThat(xml).contains("id=\"isSooFound\" name=\"Eligible SOO found?\"").contains("id=\"isVictimReached\"");
    for (boolean stripReferences : new boolean[] {false, true}) {
      BpmnModelInstance copy = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(
          (stripReferences ? xml.replaceAll("<bpmn:(incoming|outgoing)>[^<]*</bpmn:\\1>", "") : xml).getBytes(StandardCharsets.UTF_8)));
      copy.<ExclusiveGateway>getModelElementById("isSooFound").removeAttribute("name");
      copy.<ExclusiveGateway>getModelElementById("isVictimReached").removeAttribute("default");
      Path broken = dir.resolve("oversightCase.bpmn");
      Bpmn.writeModelToFile(broken.toFile(), copy);
      Map<String, BpmnModelInstance> models = Map.of("oversightCase.bpmn", Bpmn.readModelFromFile(broken.toFile()));

      assertThat(unnamed(models)).as("references stripped: " + stripReferences).containsExactly("oversightCase.bpmn: isSooFound");
      assertThat(decidingGatewaysWithoutDefault(models)).as("references stripped: " + stripReferences)
          .containsExactly("oversightCase.bpmn: isVictimReached");
    }
  }

  @Test
  void everyUserTaskAndStartFormResolvesToAFormInTheFormsFolder() {
    Set<String> formIds = new HashSet<>();
    forms.values().forEach(f -> formIds.add(f.path("id").asText()));
    Set<String> used = new HashSet<>();
    processes.forEach((file, model) -> {
      for (UserTask t : model.getModelElementsByType(UserTask.class)) {
        assertThat(t.getCamundaFormRef()).as(file + ": " + t.getId()).isNotBlank().isIn(formIds);
        assertThat(t.getCamundaFormRefBinding()).as(t.getId()).isEqualTo("deployment");
        used.add(t.getCamundaFormRef());
      }
      for (StartEvent s : model.getModelElementsByType(StartEvent.class)) {
        if (s.getCamundaFormRef() != null) {
          assertThat(s.getCamundaFormRef()).isIn(formIds);
          used.add(s.getCamundaFormRef());
        }
      }
    });
    assertThat(used).as("forms used by some task").containsAll(formIds);
  }

  @Test
  void everyFormFieldIsAVariableTheProcessDeclares() {
    Set<String> known = new HashSet<>(CaseVariables.names());
    known.addAll(PanelVariables.names());
    known.addAll(AlertVariables.names());
    known.addAll(uk.police.daoversight.victimscode.SupportReferralProcess.names());
    known.addAll(ReferralFormFields.IDENTITY);
    List<String> unknown = new ArrayList<>();
    forms.forEach((file, form) -> form.path("components").forEach(c -> {
      if (c.has("key") && !known.contains(c.get("key").asText())) {
        unknown.add(file + ": " + c.get("key").asText());
      }
    }));
    assertThat(unknown).isEmpty();
  }

  @Test
  void everyDecisionReferenceResolves() {
    Set<String> decisionIds = new HashSet<>();
    decisions.values().forEach(d -> d.getModelElementsByType(Decision.class).forEach(x -> decisionIds.add(x.getId())));
    processes.forEach((file, model) -> model.getModelElementsByType(BusinessRuleTask.class)
        .forEach(t -> assertThat(t.getCamundaDecisionRef()).as(t.getId()).isIn(decisionIds)));
  }

  @Test
  void everyDelegateAndExpressionBeanExists() {
    List<String> missing = new ArrayList<>();
    processes.forEach((file, model) -> {
      for (ModelElementInstance e : model.getModelElementsByType(BaseElement.class)) {
        for (String attribute : List.of("delegateExpression", "expression", "collection", "candidateUsers", "dueDate")) {
          String value = e.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", attribute);
          beansIn(value).stream().filter(b -> !beanNames.contains(b)).forEach(b -> missing.add(file + ": " + b));
          if ("delegateExpression".equals(attribute) && value != null) {
            String bean = value.replace("${", "").replace("}", "").trim();
            if (!beanNames.contains(bean)) {
              missing.add(file + ": " + bean);
            }
          }
        }
      }
      String xml = Bpmn.convertToString(model);
      for (String listener : List.of("camunda:executionListener", "camunda:taskListener")) {
        Matcher m = Pattern.compile("<" + listener + " delegateExpression=\"\\$\\{(\\w+)\\}\"").matcher(xml);
        while (m.find()) {
          if (!beanNames.contains(m.group(1))) {
            missing.add(file + ": " + m.group(1));
          }
        }
      }
      beansIn(xml).stream().filter(b -> !beanNames.contains(b) && !List.of("decisionResult", "task", "execution").contains(b))
          .forEach(b -> missing.add(file + ": " + b));
    });
    assertThat(missing).isEmpty();
  }

  @Test
  void everyFixedTimerParses() throws Exception {
    for (var entry : processes.entrySet()) {
      for (TimerEventDefinition timer : entry.getValue().getModelElementsByType(TimerEventDefinition.class)) {
        String text = timer.getTimeDuration() != null ? timer.getTimeDuration().getTextContent()
            : timer.getTimeDate() != null ? timer.getTimeDate().getTextContent() : timer.getTimeCycle().getTextContent();
        assertThat(text).as(timer.getId()).isNotBlank();
        if (!text.contains("${")) {
          new DurationHelper(text);
        } else {
          assertThat(text).as(timer.getId()).matches("\\$\\{[^}]+\\}");
        }
      }
    }
  }

  private static Collection<String> beansIn(String text) {
    Set<String> beans = new HashSet<>();
    if (text == null) {
      return beans;
    }
    Matcher m = EXPRESSION_BEAN.matcher(text);
    while (m.find()) {
      beans.add(m.group(1));
    }
    return beans;
  }
}
