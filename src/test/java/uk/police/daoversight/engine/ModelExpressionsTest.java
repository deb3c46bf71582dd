package uk.police.daoversight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every expression in the models (processes/*.bpmn, dmn/*.dmn), wherever it stands (conditions,
 * delegate expressions, listeners, timers, due dates, assignees and candidates, multi-instance
 * collections, camunda:inputOutput), still parses with the restricted expression manager and uses
 * nothing it refuses. That they also still evaluate is shown by the process tests, which walk every
 * path on the engine with this manager installed (OversightCaseProcessTest, ScrutinyPanelProcessTest,
 * CaseConferenceProcessTest).
 */
class ModelExpressionsTest {

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  record Found(String file, String where, String expression) {}

  static List<Found> everyModelExpression() throws Exception {
    List<Found> found = new ArrayList<>();
    for (String folder : List.of("processes", "dmn")) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).sorted().toList()) {
          DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
          factory.setNamespaceAware(true);
          factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
          collect(file.getFileName().toString(), factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement(), found);
        }
      }
    }
    return found;
  }

  private static void collect(String file, Element element, List<Found> found) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      if (EXPRESSION.matcher(attribute.getValue()).find()) {
        found.add(new Found(file, element.getLocalName() + "@" + attribute.getLocalName(), attribute.getValue().trim()));
      }
    }
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child instanceof Element e) {
        collect(file, e, found);
      } else if ((child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE)
          && EXPRESSION.matcher(child.getNodeValue()).find()) {
        String where = element.getLocalName() + (element.hasAttribute("name") ? "[" + element.getAttribute("name") + "]" : "");
        found.add(new Found(file, where, child.getNodeValue().trim()));
      }
    }
  }

  @Test
  void everyExpressionOfTheModelsParsesAndUsesNothingRefused() throws Exception {
    List<Found> found = everyModelExpression();
    RestrictedExpressionManager manager = new RestrictedExpressionManager(null, Map.of());
    // Spin's S(), as SpinProcessEnginePlugin registers it on the engine's manager
    manager.addFunction("S", org.camunda.spin.Spin.class.getMethod("S", Object.class));
    Map<String, Integer> kinds = new TreeMap<>();
    for (Found each : found) {
      kinds.merge(each.where().replaceAll("\\[.*]", ""), 1, Integer::sum);
      assertThatCode(() -> manager.createValueExpression(each.expression())).as(each.toString()).doesNotThrowAnyException();
      Matcher identifiers = IDENTIFIER.matcher(each.expression());
      while (identifiers.find()) {
        String name = identifiers.group();
        assertThat(GuardedElResolver.REFUSED_METHODS).as(each + " calls a refused method").doesNotContain(name);
        assertThat(GuardedElResolver.REFUSED_PROPERTIES).as(each + " reads a refused property").doesNotContain(name);
        assertThat(GuardedElResolver.REFUSED_BEANS).as(each + " names a refused bean").doesNotContain(name);
        assertThat(name).as(each.toString()).doesNotStartWith("getDeclared");
      }
    }
    assertThat(found).as("the models' expressions").hasSizeGreaterThanOrEqualTo(50);
    assertThat(kinds).as("every kind of place an expression stands in the models").containsKeys(
        "conditionExpression", "serviceTask@delegateExpression", "timeDuration", "timeCycle",
        "userTask@dueDate", "userTask@assignee", "userTask@candidateUsers", "inputParameter", "outputParameter",
        "multiInstanceLoopCharacteristics@collection");
  }

}
