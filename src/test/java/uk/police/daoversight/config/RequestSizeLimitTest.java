package uk.police.daoversight.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.support.IntegrationTest;

/** A body over 1 MB is refused with 413 on every path, whether it declares its length or not. */
@IntegrationTest
class RequestSizeLimitTest {

  static final int LIMIT = RequestSizeLimit.MAX_BYTES;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private final HttpClient http = HttpClient.newHttpClient();

  /** A referral whose free text pads it to the given size in bytes. */
  static byte[] referralOfSize(int bytes) {
    String head = "{\"route\":\"MASH\",\"externalReference\":\"SIZE/" + bytes + "\",\"riskLevel\":\"HIGH\",\"padding\":\"";
    String tail = "\"}";
    return (head + "x".repeat(Math.max(0, bytes - head.length() - tail.length())) + tail).getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String path, String user, BodyPublisher body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(body);
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int referralsRecorded() {
    return jdbc.queryForObject("select count(*) from case_identity", Integer.class);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeAuthenticationOnEveryPath() throws Exception {
    int before = referralsRecorded();
    for (String path : new String[] {"/api/referrals", "/engine-rest/task", "/camunda/api/engine/engine/default/task",
        "/engine-rest/process-definition/key/oversightCase/start", "/api/rules/panelSlotMinutes"}) {
      HttpResponse<String> answer = post(path, "coordinator", HttpRequest.BodyPublishers.ofByteArray(referralOfSize(LIMIT + 1)));
      assertThat(answer.statusCode()).as(path).isEqualTo(413);
      assertThat(answer.body()).as(path).contains("larger than 1 MB").doesNotContain("Exception");
    }
    assertThat(referralsRecorded()).isEqualTo(before);
  }

  @Test
  void aChunkedBodyWithoutALengthIsCutOffAtTheLimit() throws Exception {
    int before = referralsRecorded();
    byte[] big = referralOfSize(2 * LIMIT);
    HttpResponse<String> answer = post("/api/referrals", "coordinator",
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(referralsRecorded()).isEqualTo(before);
  }

  @Test
  void aBodyUnderTheLimitIsReadAsUsual() throws Exception {
    byte[] justUnder = referralOfSize(LIMIT - 10);
    // Chunked and declared alike reach the application, which answers on the content: not a referral it accepts.
    for (BodyPublisher body : new BodyPublisher[] {HttpRequest.BodyPublishers.ofByteArray(justUnder),
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(justUnder))}) {
      HttpResponse<String> answer = post("/api/referrals", "coordinator", body);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains("problems");
    }
  }
}
