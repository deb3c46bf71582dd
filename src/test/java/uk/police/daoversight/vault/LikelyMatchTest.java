package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.police.daoversight.intake.Party;

/** Likely matches (#19 item 5): a table of pairs with the verdict each must get, near misses included. */
class LikelyMatchTest {

  @ParameterizedTest(name = "{0} {1} / {2} {3} -> {4} {5}")
  @CsvSource(delimiter = '|', value = {
      // spelling
      "John Smith      | 1980-03-14 | Jon Smyth       | 1980-03-14 | LIKELY   | 94",
      "Stephen Walker  | 1975-11-02 | Steven Walker   | 1975-11-02 | LIKELY   | 97",
      "Catherine Jones | 1990-06-21 | Katherine Jones | 1990-06-21 | LIKELY   | 96",
      "Siobhan O'Neill | 1988-01-30 | Siobhan ONeil   | 1988-01-30 | LIKELY   | 97",
      "Zoë Brown       | 1992-07-07 | Zoe Browne      | 1992-07-07 | LIKELY   | 97",
      // order
      "Smith John      | 1980-03-14 | John Smith      | 1980-03-14 | LIKELY   | 100",
      "Ali Khan Ahmed  | 1979-09-09 | Ahmed Ali Khan  | 1979-09-09 | LIKELY   | 100",
      // day and month transposed
      "John Smith      | 1980-03-04 | John Smith      | 1980-04-03 | LIKELY   | 92",
      // spelling and transposed together, a middle name missing: possible only
      "Jon Smyth       | 1980-03-04 | John Smith      | 1980-04-03 | POSSIBLE | 86",
      "John Smith      | 1980-03-14 | John Paul Smith | 1980-03-14 | POSSIBLE | 80",
      // near misses that must not match
      "John Smith      | 1980-03-14 | Jane Smith      | 1980-03-14 | NONE     | 0",
      "John Smith      | 1980-03-14 | John Smith      | 1981-03-14 | NONE     | 0",
      "John Smith      | 1980-03-14 | John Smith      | 1980-03-15 | NONE     | 0",
      "John Smith      | 1980-03-14 | John Jones      | 1980-03-14 | NONE     | 0",
      "John Smith      | 1980-03-14 | Smith           | 1980-03-14 | NONE     | 0",
      "Mark Lee        | 1985-05-05 | Mary Lee        | 1985-05-05 | NONE     | 0",
      "John Smith      | 1980-05-05 | John Smith      | 1980-05-05 | NONE     | 0",
      "Anna Bell       | 1970-02-12 | Hannah Bell     | 1970-02-12 | NONE     | 0",
      "Ian Roe         | 1966-12-01 | Ivan Roe        | 1966-01-12 | NONE     | 0"})
  void pairs(String nameA, String bornA, String nameB, String bornB, LikelyMatch.Level level, int score) {
    LikelyMatch.Verdict verdict = LikelyMatch.of(party(nameA, bornA, null), party(nameB, bornB, null));
    assertThat(verdict.level()).isEqualTo(level);
    assertThat(verdict.score()).isEqualTo(level == LikelyMatch.Level.NONE ? 0 : score);
    assertThat(LikelyMatch.of(party(nameB, bornB, null), party(nameA, bornA, null))).as("symmetric").isEqualTo(verdict);
  }

  @Test
  void anExactMatchOrTwoStaffNumbersAreNeverALikelyMatch() {
    assertThat(LikelyMatch.of(party("John Smith", "1980-03-14", null), party("john  SMITH", "1980-03-14", null)))
        .isEqualTo(LikelyMatch.Verdict.NONE);
    assertThat(LikelyMatch.of(party("John Smith", "1980-03-14", "PC1"), party("Jon Smyth", "1980-03-14", "PC2")))
        .isEqualTo(LikelyMatch.Verdict.NONE);
    assertThat(LikelyMatch.of(party("John Smith", "1980-03-14", "PC1"), party("Jon Smyth", "1980-03-14", null)).level())
        .isEqualTo(LikelyMatch.Level.LIKELY);
    assertThat(LikelyMatch.of(party(null, "1980-03-14", null), party("Jon Smyth", "1980-03-14", null)))
        .isEqualTo(LikelyMatch.Verdict.NONE);
  }

  @Test
  void soundexAsPublished() {
    assertThat(LikelyMatch.soundex("robert")).isEqualTo("R163");
    assertThat(LikelyMatch.soundex("rupert")).isEqualTo("R163");
    assertThat(LikelyMatch.soundex("ashcraft")).isEqualTo("A261");
    assertThat(LikelyMatch.soundex("tymczak")).isEqualTo("T522");
    assertThat(LikelyMatch.soundex("pfister")).isEqualTo("P236");
  }

  static Party party(String name, String born, String staffNumber) {
    return new Party(name, born == null ? null : LocalDate.parse(born), staffNumber != null, staffNumber, null, null, null);
  }
}
