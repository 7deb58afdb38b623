package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.testing.HttpPeer;
import io.camerabridge.testing.HttpPeer.After;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the client reads response heads and bodies off a real socket: bytes in any split, header
 * names in any case, the three body framings (Content-Length, chunked, end of connection), when a
 * connection may be reused, and heads it must refuse.
 */
class ResponseFramingTest extends ClientTestBase {
  private static final byte[] OK_BODY = OK_CONTEXT.getBytes(StandardCharsets.UTF_8);

  @Test
  void aResponseArrivingByteByByteIsReadWholeAndTheConnectionReused() throws Exception {
    HttpPeer server =
        server(
            (request, out) -> {
              byte[] response =
                  concat(
                      ascii(
                          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              + "Content-Length: "
                              + OK_BODY.length
                              + "\r\n\r\n"),
                      OK_BODY);
              writeByteByByte(out, response);
              return After.KEEP_OPEN;
            });
    PekatClient client = client(server.uri());

    for (int i = 0; i < 3; i++) {
      TestFrame frame = TestFrame.small(leases);
      AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));
      assertThat(outcome.name()).isEqualTo("ok");
      assertThat(((AnalysisOutcome.Analyzed) outcome).result().contextJson()).isEqualTo(OK_CONTEXT);
      assertReleasedOnce(frame);
    }
    assertThat(server.connectionCount()).isEqualTo(1);
  }

  @Test
  void aChunkedResponseWithExtensionsAndTrailersArrivingByteByByte() throws Exception {
    byte[] first = OK_CONTEXT.substring(0, 20).getBytes(StandardCharsets.UTF_8);
    byte[] rest = OK_CONTEXT.substring(20).getBytes(StandardCharsets.UTF_8);
    HttpPeer server =
        server(
            (request, out) -> {
              byte[] response =
                  concat(
                      ascii("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"),
                      ascii(Integer.toHexString(first.length) + ";name=value\r\n"),
                      first,
                      ascii("\r\n" + Integer.toHexString(rest.length).toUpperCase() + "\r\n"),
                      rest,
                      ascii("\r\n0\r\nX-Trailer: yes\r\n\r\n"));
              writeByteByByte(out, response);
              return After.KEEP_OPEN;
            });
    PekatClient client = client(server.uri());

    for (int i = 0; i < 2; i++) {
      TestFrame frame = TestFrame.small(leases);
      AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));
      assertThat(((AnalysisOutcome.Analyzed) outcome).result().contextJson()).isEqualTo(OK_CONTEXT);
      assertReleasedOnce(frame);
    }
    assertThat(server.connectionCount()).isEqualTo(1);
  }

  @Test
  void headerNamesAreMatchedInAnyCase() throws Exception {
    byte[] png = PngFixtures.png(4, 3);
    String encoded = Base64.getEncoder().encodeToString(OK_BODY);
    HttpPeer server =
        server(
            (request, out) -> {
              out.write(
                  concat(
                      ascii(
                          "HTTP/1.1 200 OK\r\ncONTENT-lENGTH:"
                              + png.length
                              + "\r\ncontextbase64utf:  "
                              + encoded
                              + "  \r\nCONNECTION: CLOSE\r\n\r\n"),
                      png));
              return After.KEEP_OPEN;
            });
    PekatClient client =
        client(
            PekatEndpoint.builder(server.uri())
                .responseType(ResponseType.ANNOTATED_IMAGE)
                .contextPlacement(ContextPlacement.HEADER)
                .build());
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    AnalysisResult result = ((AnalysisOutcome.Analyzed) outcome).result();
    assertThat(result.contextJson()).isEqualTo(OK_CONTEXT);
    assertThat(result.png()).hasValueSatisfying(p -> assertThat(p).isEqualTo(png));
    // The server asked to close: the next request needs a new connection.
    assertThat(outcomeOf(client.analyze(TestFrame.small(leases).frame, null)).name())
        .isEqualTo("ok");
    assertThat(server.connectionCount()).isEqualTo(2);
    assertReleasedOnce(frame);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 200 OK\r\nConnection: close\r\n",
        "HTTP/1.1 200 OK\r\nConnection: upgrade, Close\r\n",
        "HTTP/1.0 200 OK\r\n"
      })
  void aConnectionTheServerWillCloseIsNotReused(String head) throws Exception {
    HttpPeer server = server(answer(head));
    assertThat(connectionsForTwoOkFrames(server)).isEqualTo(2);
  }

  @Test
  void http10KeepAliveIsReused() throws Exception {
    HttpPeer server = server(answer("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n"));
    assertThat(connectionsForTwoOkFrames(server)).isEqualTo(1);
  }

  @Test
  void aBodyWithoutLengthEndsWithTheConnection() throws Exception {
    HttpPeer server =
        server(
            (request, out) -> {
              out.write(concat(ascii("HTTP/1.1 200 OK\r\n\r\n"), OK_BODY));
              return After.CLOSE;
            });
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(((AnalysisOutcome.Analyzed) outcome).result().contextJson()).isEqualTo(OK_CONTEXT);
    assertReleasedOnce(frame);
  }

  @Test
  void anInterimResponseIsSkipped() throws Exception {
    HttpPeer server =
        server(
            (request, out) -> {
              out.write(ascii("HTTP/1.1 100 Continue\r\n\r\n"));
              return answer("HTTP/1.1 200 OK\r\n").respond(request, out);
            });

    AnalysisOutcome outcome =
        outcomeOf(client(server.uri()).analyze(TestFrame.small(leases).frame, null));

    assertThat(outcome.name()).isEqualTo("ok");
  }

  @Test
  void aStatusWithoutBodyIsAnHttpError() throws Exception {
    HttpPeer server =
        server(
            (request, out) -> {
              out.write(ascii("HTTP/1.1 204\r\n\r\n"));
              return After.KEEP_OPEN;
            });

    AnalysisOutcome outcome =
        outcomeOf(client(server.uri()).analyze(TestFrame.small(leases).frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.HttpError.class);
    assertThat(((AnalysisOutcome.HttpError) outcome).status()).isEqualTo(204);
    assertThat(((AnalysisOutcome.HttpError) outcome).firstLine()).isEqualTo("No Content");
  }

  @Test
  void bytesAfterTheResponseMakeTheConnectionUnusable() throws Exception {
    HttpPeer server =
        server(
            (request, out) -> {
              answer("HTTP/1.1 200 OK\r\n").respond(request, out);
              out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
              return After.KEEP_OPEN;
            });
    assertThat(connectionsForTwoOkFrames(server)).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 2OO OK\r\n\r\n",
        "HTTP/2 200 OK\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\n : empty name\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX\r\n"
      })
  void aMalformedHeadIsAMalformedResponse(String response) throws Exception {
    HttpPeer server =
        server(
            (request, out) -> {
              out.write(ascii(response));
              return After.KEEP_OPEN;
            });
    PekatClient client = client(server.uri());
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason())
        .startsWith("response is not valid HTTP: ");
    assertReleasedOnce(frame);
    // The connection was closed, not reused out of step.
    outcomeOf(client.analyze(TestFrame.small(leases).frame, null));
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void aHeaderLineWithoutAColonIsIgnored() throws Exception {
    // Netty's response decoder reads "name rest" as the header "name" with an empty value and
    // drops the rest, as it tolerates "Name : value"; the response itself is read normally.
    HttpPeer server = server(answer("HTTP/1.1 200 OK\r\nthis line has no colon\r\n"));
    assertThat(connectionsForTwoOkFrames(server)).isEqualTo(1);
  }

  @Test
  void aHeadOverTheCapIsAnErrorNotAnAllocation() throws Exception {
    HttpPeer server =
        server(answer("HTTP/1.1 200 OK\r\nX-Padding: " + "x".repeat(10_000) + "\r\n"));
    PekatClient client = client(PekatEndpoint.builder(server.uri()).maxResponseBytes(8192).build());
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason()).contains("maxResponseBytes");
    assertReleasedOnce(frame);
  }

  /** {@code head} (status line and headers, each ending in CRLF), Content-Length, the context. */
  private static HttpPeer.Responder answer(String head) {
    byte[] response =
        concat(ascii(head + "Content-Length: " + OK_BODY.length + "\r\n\r\n"), OK_BODY);
    return (request, out) -> {
      out.write(response);
      return After.KEEP_OPEN;
    };
  }

  private static void writeByteByByte(OutputStream out, byte[] bytes) throws Exception {
    for (byte b : bytes) {
      out.write(b);
      out.flush();
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  /**
   * Sends two frames one after the other, each answered OK and released once; returns how many
   * connections the server saw.
   */
  private int connectionsForTwoOkFrames(HttpPeer server) throws Exception {
    PekatClient client = client(server.uri());
    for (int i = 0; i < 2; i++) {
      TestFrame frame = TestFrame.small(leases);
      assertThat(outcomeOf(client.analyze(frame.frame, null)).name()).isEqualTo("ok");
      assertReleasedOnce(frame);
    }
    return server.connectionCount();
  }
}
