package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityDetectorTest {

  static final IdentityDetector.Known CASE = new IdentityDetector.Known(
      List.of("Wilhelmina Quarrendon", "Leopold Fanshawe-Grix"), List.of("ZQ80417", "ZQ 66031"), List.of("HX-SEALCHECK-8812"),
      List.of("07700 900881, 3 Brackenridge Mews"), List.of(LocalDate.of(1981, 7, 23)));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Spoke with Wilhelmina today| a name of someone in this case",
      "QUARRENDON was not at home| a name of someone in this case",
      "Mr Fanshawe-Grix declined| a name of someone in this case",
      "grix declined| a name of someone in this case",
      "staff no zq 804-17 confirmed| a staff number of someone in this case",
      "see hx sealcheck 8812| the force's reference for this case",
      "rang 07700900881| a contact detail of someone in this case",
      "visited Brackenridge| a contact detail of someone in this case",
      "born 23/07/1981| a date of birth of someone in this case",
      "born 23 July 1981| a date of birth of someone in this case",
      "call her on 07123 456789| a phone number",
      "call +44 20 7946 0958| a phone number",
      "write to j.doe@example.org| an e-mail address",
      "PC 4521 attended| a collar number",
      "collar number 77812 attended| a collar number",
      "moved to SW1A 1AA| a postcode",
      "moved to m1 1ae| a postcode"})
  void findsTheKindOfDetailNeverTheValue(String text, String kind) {
    assertThat(IdentityDetector.kinds(text, CASE)).contains(kind.trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Investigation ongoing; victim updated", "Misconduct hearing listed for the spring",
      "Contact every P14D as agreed", "Victim supports the investigation; next review in 28 days",
      "Quarry visit cancelled", "The panel asked for a PSD update", "Case OV-ABCD-1234 brought back"})
  void anonymisedTextPasses(String text) {
    assertThat(IdentityDetector.kinds(text, CASE)).isEmpty();
  }

  @Test
  void withoutTheCaseOnlyThePatternsApply() {
    assertThat(IdentityDetector.kinds("Spoke with Wilhelmina", IdentityDetector.Known.NONE)).isEmpty();
    assertThat(IdentityDetector.kinds("ring 07123 456789", IdentityDetector.Known.NONE)).containsExactly(IdentityDetector.PHONE);
  }
}
