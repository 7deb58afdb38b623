package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.results.FrameRecord;
import io.camerabridge.results.ResultJournal;
import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import io.camerabridge.testing.HttpPeer.After;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile or broken analyzers from issue #20 (items 8, 9 and 13), over a real socket: an answer
 * before the upload finished, two JSON objects in one body, and server texts that carry the API key
 * where the client quotes or keeps them.
 */
class AdversarialResponseTest extends ClientTestBase {
  /** 36 characters, as PEKAT's keys; no 6-character piece of it may appear anywhere. */
  private static final String KEY = "k3y-6f1c2d9e-4b7a-4e21-9c3f-58d0a1b2";

  @Test
  void anAnswerThatArrivesWhileTheBodyIsStillBeingWrittenIsNoVerdict() throws Exception {
    HttpPeer server = closeLater(HttpPeer.startAnsweringBeforeBody(HttpAnswers.json(OK_CONTEXT)));
    // 16 MiB: more than the server's fixed receive buffer and the largest client send buffer
    // together, so the body cannot have left the client when the answer comes.
    TestFrame frame = TestFrame.create(leases, 4096, 4096, RawLayout.GRAY8);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason())
        .contains("before the request body was sent");
    assertThat(outcome.timings().lastByteWrittenNanos()).isEqualTo(ExchangeTimings.NOT_REACHED);
    assertReleasedOnce(frame);
  }

  @Test
  void anEarlyErrorStatusStaysAnHttpError() throws Exception {
    HttpPeer server =
        closeLater(
            HttpPeer.startAnsweringBeforeBody(
                HttpAnswers.status(401, "Unauthorized", "wrong API key")));
    TestFrame frame = TestFrame.create(leases, 4096, 4096, RawLayout.GRAY8);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.HttpError.class);
    assertThat(((AnalysisOutcome.HttpError) outcome).status()).isEqualTo(401);
    assertReleasedOnce(frame);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"result\":true,\"processing\":true}{\"result\":false,\"processing\":true}",
        "{\"result\":true,\"processing\":true} trailing",
        "{\"result\":true,\"processing\":true}]",
        "{\"result\":true,\"processing\":true}\n{}"
      })
  void anythingAfterTheContextObjectIsAMalformedResponse(String body) throws Exception {
    HttpPeer server = server(HttpAnswers.json(body));
    PekatClient client = client(server.uri());
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason()).contains("more after");
    assertReleasedOnce(frame);
    // Out of step with its own body: the connection is not reused.
    outcomeOf(client.analyze(TestFrame.small(leases).frame, null));
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void trailingWhitespaceAfterTheContextIsFine() throws Exception {
    HttpPeer server = server(HttpAnswers.json(OK_CONTEXT + "\r\n \n"));

    AnalysisOutcome outcome =
        outcomeOf(client(server.uri()).analyze(TestFrame.small(leases).frame, null));

    assertThat(outcome.name()).isEqualTo("ok");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // The old reader quoted the first 60 characters of the value, then redacted: the key was
        // cut in half and half of it survived.
        "HTTP/1.1 200 OK\r\nContent-Length: 111111111111111111111111111111" + KEY + "\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, x-echo-000000000000000" + KEY + "\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-Url?api_key=" + KEY + ": 1\r\nContent-Length: 0\r\n\r\n",
      })
  void anInvalidHeadQuotedInTheOutcomeNeverCarriesAPieceOfTheKey(String head) throws Exception {
    HttpPeer server =
        server(
            (request, out) -> {
              out.write(head.getBytes(StandardCharsets.ISO_8859_1));
              return After.KEEP_OPEN;
            });
    try (LogCapture logs = new LogCapture()) {
      AnalysisOutcome outcome =
          outcomeOf(keyed(server).analyze(TestFrame.small(leases).frame, null));

      assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
      String reason = ((AnalysisOutcome.MalformedResponse) outcome).reason();
      assertThat(reason).startsWith("response is not valid HTTP: ").contains("[redacted]");
      assertNoPieceOfTheKey(reason);
      logs.texts().forEach(AdversarialResponseTest::assertNoPieceOfTheKey);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 150, 185, 195})
  void anErrorBodysFirstLineIsRedactedBeforeItIsCut(int padding) throws Exception {
    String line = "x".repeat(padding) + " GET /analyze_raw_image?api_key=" + KEY + " failed";
    HttpPeer server = server(HttpAnswers.status(500, "Internal Server Error", line));

    AnalysisOutcome outcome = outcomeOf(keyed(server).analyze(TestFrame.small(leases).frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.HttpError.class);
    assertNoPieceOfTheKey(((AnalysisOutcome.HttpError) outcome).firstLine());
  }

  @Test
  void aContextThatEchoesTheKeyReachesTheJournalWithoutIt(@TempDir Path dir) throws Exception {
    // PEKAT copies the request into the context of some flows; the URL carries the key.
    String echo =
        "{\"result\":true,\"processing\":true,\"request\":\"/analyze_raw_image?width=64&api_key="
            + KEY
            + "&response_type=context\",\"data\":\"sent with "
            + KEY
            + "\"}";
    HttpPeer server = server(HttpAnswers.json(echo));

    AnalysisOutcome outcome = outcomeOf(keyed(server).analyze(TestFrame.small(leases).frame, null));

    assertThat(outcome.name()).isEqualTo("ok");
    String context = ((AnalysisOutcome.Analyzed) outcome).result().contextJson();
    assertThat(context).contains("api_key=[redacted]");
    assertNoPieceOfTheKey(context);
    Path file = dir.resolve("journal.jsonl");
    ResultJournal journal =
        new ResultJournal(
            file,
            1 << 20,
            2,
            new ResultJournal.Events() {
              @Override
              public void writeFailed() {}

              @Override
              public void reopened() {}
            });
    journal.append(
        new FrameRecord(
            "cam",
            1,
            1,
            0,
            0,
            Instant.now(),
            outcome.name(),
            AnalysisResult.Verdict.OK,
            Map.of(),
            context,
            null,
            false,
            Map.of(),
            null,
            null));
    journal.close(Duration.ofSeconds(10));
    String written = Files.readString(file);
    assertThat(written).contains("api_key=[redacted]");
    assertNoPieceOfTheKey(written);
  }

  private PekatClient keyed(HttpPeer server) {
    return client(PekatEndpoint.builder(server.uri()).apiKey(ApiKey.of(KEY)).build());
  }

  private static void assertNoPieceOfTheKey(String text) {
    for (int i = 0; i + 6 <= KEY.length(); i++) {
      assertThat(text).doesNotContain(KEY.substring(i, i + 6));
    }
  }
}
