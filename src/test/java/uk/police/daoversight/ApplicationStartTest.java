package uk.police.daoversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import uk.police.daoversight.support.IntegrationTest;

/** The application starts and deploys every model of processes/, dmn/ and forms/. */
@IntegrationTest
class ApplicationStartTest {

  @Autowired RepositoryService repositoryService;
  @Autowired TestRestTemplate rest;

  @Test
  void everyModelInTheThreeFoldersIsDeployed() throws IOException {
    List<String> deployed = repositoryService.createDeploymentQuery().list().stream()
        .flatMap(d -> repositoryService.getDeploymentResources(d.getId()).stream())
        .map(Resource::getName).map(name -> name.substring(name.lastIndexOf('/') + 1)).toList();
    for (String folder : List.of("processes", "dmn", "forms")) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        List<String> models = files.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".bpmn") || n.endsWith(".dmn") || n.endsWith(".form")).toList();
        assertThat(models).as(folder).isNotEmpty();
        assertThat(deployed).as(folder).containsAll(models);
      }
    }
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("oversightCase").count()).isEqualTo(1);
    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("complexCaseRouting").count()).isEqualTo(1);
  }

  @Test
  void tasklistIsServed() {
    assertThat(rest.getForEntity("/camunda/app/tasklist/", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
