package uk.police.daoversight.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The training pack in docs/training is drawn from the live models. When a model changes and the
 * pack is not regenerated (npm --prefix tools/training run pack), this fails.
 */
class TrainingPackTest {

  static final Path PACK = Path.of("docs", "training");

  @Test
  void thePackWasRegeneratedAfterTheLastModelChange() throws IOException, NoSuchAlgorithmException {
    List<String> expected = new ArrayList<>();
    for (String[] kind : new String[][] {{"processes", ".bpmn"}, {"dmn", ".dmn"}, {"forms", ".form"}}) {
      for (Path model : files(kind[0], kind[1])) {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
        expected.add(hash + "  " + kind[0] + "/" + model.getFileName());
      }
    }
    List<String> recorded = Files.readAllLines(PACK.resolve("models.sha256")).stream().filter(l -> !l.isBlank()).toList();
    assertThat(recorded).as("docs/training is stale: run  npm --prefix tools/training install && npm --prefix tools/training run pack")
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyProcessHasItsDiagramAndHandbookAndEveryTableItsPictures() throws IOException {
    for (Path bpmn : files("processes", ".bpmn")) {
      String id = bpmn.getFileName().toString().replace(".bpmn", "");
      assertThat(Files.readString(PACK.resolve(id + ".svg"))).as(id).contains("<svg").contains("djs-element");
      String handbook = Files.readString(PACK.resolve(id + ".md"));
      assertThat(handbook).as(id).startsWith("# ").contains("(" + id + ".svg)").doesNotContain("undefined");
    }
    assertThat(Files.readString(PACK.resolve("oversightCase.md"))).contains("**Contact victim**")
        .contains("Due: 72 hours after allocation").contains("Who: offered to case-coordinators")
        .contains("Rules: decision table `complexCaseRouting`");
    for (Path dmn : files("dmn", ".dmn")) {
      String key = dmn.getFileName().toString().replace(".dmn", "");
      assertThat(Files.readString(PACK.resolve(key + ".drd.svg"))).as(key).contains("<svg");
      assertThat(Files.size(PACK.resolve(key + ".table.png"))).as(key).isGreaterThan(1000);
    }
  }

  private static List<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(Path.of(folder))) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
