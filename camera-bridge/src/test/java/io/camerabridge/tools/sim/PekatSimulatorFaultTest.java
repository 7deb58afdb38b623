package io.camerabridge.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.testing.NettyLeakCheck;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every injected fault, as a client sees it on the wire (plain sockets, JDK HTTP client). */
class PekatSimulatorFaultTest {
  @RegisterExtension static final NettyLeakCheck leakCheck = NettyLeakCheck.perClass();

  private static final int W = 64;
  private static final int H = 48;
  private static final String RAW = "/analyze_raw_image?width=64&height=48";
  private static final byte[] FRAME = Images.gray(W, H, 8, 8, 8, 8);

  private static PekatSimulator pekat;

  @BeforeAll
  static void start() {
    pekat = PekatSimulator.builder().build().start();
  }

  @AfterAll
  static void stop() {
    pekat.close();
  }

  @AfterEach
  void clearFault() {
    pekat.setFault(Fault.NONE);
    pekat.stats().clear();
  }

  private static RawHttp connect() throws Exception {
    return new RawHttp(pekat.address(), 10_000);
  }

  /** Sends one analyze request on a new connection and reads what comes back. */
  private static RawHttp.Response analyzeOnce() throws Exception {
    try (RawHttp socket = connect()) {
      socket.send("POST", RAW, FRAME);
      return socket.read(false);
    }
  }

  @Test
  void http500IsAWellFramedErrorOnAConnectionThatStaysUsable() throws Exception {
    pekat.setFault(Fault.HTTP_500);
    try (RawHttp socket = connect()) {
      socket.send("POST", RAW, FRAME);
      RawHttp.Response failed = socket.read(false);
      pekat.setFault(Fault.NONE);
      socket.send("POST", RAW, FRAME);
      RawHttp.Response ok = socket.read(false);

      assertThat(failed.status()).isEqualTo(500);
      assertThat(failed.complete()).isTrue();
      assertThat(ok.status()).isEqualTo(200);
    }
    assertThat(pekat.stats().count(Endpoint.ANALYZE_RAW_IMAGE, Outcome.FAULT)).isEqualTo(1);
  }

  @Test
  void flowErrorIsA200WhoseContextReportsTheError() throws Exception {
    pekat.setFault(Fault.FLOW_ERROR);

    RawHttp.Response response = analyzeOnce();

    assertThat(response.status()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode context = new ObjectMapper().readTree(response.body());
    assertThat(context.get("error").asBoolean()).isTrue();
    assertThat(context.get("errors")).isNotEmpty();
    assertThat(context.get("stderr").asText()).contains("Traceback");
    assertThat(context.get("result").asBoolean()).isFalse();
    assertThat(pekat.stats().last().orElseThrow().outcome()).isEqualTo(Outcome.FAULT);
  }

  @Test
  void badRequestCarriesATraceback() throws Exception {
    pekat.setFault(Fault.BAD_REQUEST_TRACEBACK);

    RawHttp.Response response = analyzeOnce();

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).startsWith("Traceback (most recent call last):");
    assertThat(response.complete()).isTrue();
  }

  @Test
  void malformedJsonIsWellFramedButUnparsable() throws Exception {
    pekat.setFault(Fault.MALFORMED_JSON);

    RawHttp.Response response = analyzeOnce();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.complete()).isTrue();
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThatThrownBy(() -> new ObjectMapper().readTree(response.body()))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void truncatedBodyEndsBeforeContentLength() throws Exception {
    pekat.setFault(Fault.TRUNCATED_BODY);

    RawHttp.Response response = analyzeOnce();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.eof()).isTrue();
    assertThat(response.body().length).isPositive().isLessThan(response.contentLength());
  }

  @Test
  void closeBeforeResponseSendsNothing() throws Exception {
    pekat.setFault(Fault.CLOSE_BEFORE_RESPONSE);

    RawHttp.Response response = analyzeOnce();

    assertThat(response.status()).isZero();
    assertThat(response.eof()).isTrue();
  }

  @Test
  void closeMidResponseSendsHeadersOnly() throws Exception {
    pekat.setFault(Fault.CLOSE_MID_RESPONSE);

    RawHttp.Response response = analyzeOnce();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentLength()).isPositive();
    assertThat(response.body()).isEmpty();
    assertThat(response.eof()).isTrue();
  }

  @Test
  void wrongContentLengthLeavesStrayBytesOnTheConnection() throws Exception {
    pekat.setFault(Fault.WRONG_CONTENT_LENGTH);
    try (RawHttp socket = connect()) {
      socket.send("POST", RAW, FRAME);

      RawHttp.Response response = socket.read(false);
      byte[] stray = socket.readExactly(ResponseWriter.CONTENT_LENGTH_SHORTFALL);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.complete()).isTrue();
      assertThat(response.text()).startsWith("{").doesNotEndWith("}");
      // Where the next status line should start, the rest of the JSON comes.
      assertThat(new String(stray, StandardCharsets.UTF_8)).endsWith("}").doesNotContain("HTTP");
    }
  }

  @Test
  void hangNeverAnswersAndTheClientTimesOut() throws Exception {
    pekat.setFault(Fault.HANG);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(pekat.baseUri().resolve(RAW))
            .POST(HttpRequest.BodyPublishers.ofByteArray(FRAME))
            .timeout(Duration.ofMillis(500))
            .build();

    assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(HttpTimeoutException.class);
    await()
        .atMost(Duration.ofSeconds(30)) // a guard against a hang, not a bound
        .until(() -> pekat.stats().count(Endpoint.ANALYZE_RAW_IMAGE, Outcome.FAULT) == 1);
    assertThat(pekat.stats().last().orElseThrow().fault()).isEqualTo(Fault.HANG);
    assertThat(pekat.stats().last().orElseThrow().status()).isZero();
  }

  @Test
  void refuseConnectionsClosesTheListenerAndClearingReopensTheSamePort() throws Exception {
    int port = pekat.port();
    try (RawHttp idle = connect()) {
      idle.send("GET", "/ping", null);
      assertThat(idle.read(false).status()).isEqualTo(200);
      pekat.setFault(Fault.REFUSE_CONNECTIONS);

      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .isInstanceOf(ConnectException.class);
      assertThat(idle.readToEnd()).as("open connections are dropped").isEmpty();
    }

    pekat.setFault(Fault.NONE);

    assertThat(pekat.port()).isEqualTo(port);
    assertThat(analyzeOnce().status()).isEqualTo(200);
  }

  @Test
  void injectedFaultLastsForTheGivenNumberOfRequests() throws Exception {
    pekat.injectFault(Fault.HTTP_500, 2);

    int[] statuses = new int[3];
    try (RawHttp socket = connect()) {
      for (int i = 0; i < statuses.length; i++) {
        socket.send("POST", RAW, FRAME);
        statuses[i] = socket.read(false).status();
      }
    }

    assertThat(statuses).containsExactly(500, 500, 200);
    assertThat(pekat.fault()).isEqualTo(Fault.NONE);
  }

  @Test
  void faultsLeavePingAndVersionAlone() throws Exception {
    pekat.setFault(Fault.CLOSE_BEFORE_RESPONSE);
    try (RawHttp socket = connect()) {
      socket.send("HEAD", "/ping", null);
      RawHttp.Response ping = socket.read(true);
      socket.send("GET", "/version", null);
      RawHttp.Response version = socket.read(false);

      assertThat(ping.status()).isEqualTo(200);
      assertThat(ping.contentLength()).isPositive();
      assertThat(version.text().strip()).isEqualTo("4.0.3");
    }
  }

  @Test
  void faultsAreRecordedWithTheBytesThatArrived() throws Exception {
    pekat.setFault(Fault.HTTP_500);

    analyzeOnce();

    RequestRecord record = pekat.stats().last().orElseThrow();
    assertThat(record.fault()).isEqualTo(Fault.HTTP_500);
    assertThat(record.outcome()).isEqualTo(Outcome.FAULT);
    assertThat(record.status()).isEqualTo(500);
    assertThat(record.crc32c()).hasValue(Images.crc32c(FRAME));
  }

  @Test
  void refuseConnectionsCannotBeInjectedPerRequest() {
    assertThatThrownBy(() -> pekat.injectFault(Fault.REFUSE_CONNECTIONS, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("setFault");
  }

  @Test
  void faultNamesRoundTripForTheCommandLine() {
    for (Fault fault : Fault.values()) {
      assertThat(Fault.fromCliName(fault.cliName())).isEqualTo(fault);
    }
    assertThatThrownBy(() -> Fault.fromCliName("explode"))
        .hasMessageContaining("close-mid-response");
  }
}
