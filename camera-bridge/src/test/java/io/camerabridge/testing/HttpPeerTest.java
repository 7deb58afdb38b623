package io.camerabridge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The scripts do what they say, over a real socket, in the order they say. */
class HttpPeerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void eachConnectionGetsItsOwnScriptAndTheLastOneRepeats() throws Exception {
    try (HttpPeer peer =
        HttpPeer.start(HttpAnswers.perConnection(HttpAnswers.reset(), HttpAnswers.json("{}")))) {
      assertThatThrownBy(() -> rawExchange(peer, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"))
          .isInstanceOf(SocketException.class);
      assertThat(rawExchange(peer, "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"))
          .startsWith("HTTP/1.1 200");
      assertThat(rawExchange(peer, "GET /c HTTP/1.1\r\nHost: x\r\n\r\n"))
          .startsWith("HTTP/1.1 200");

      assertThat(peer.resetsSent()).isEqualTo(1);
      assertThat(peer.connectionCount()).isEqualTo(3);
      assertThat(peer.receivedSoFar())
          .extracting(ReceivedRequest::connection, ReceivedRequest::path)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, "/a"),
              org.assertj.core.groups.Tuple.tuple(2, "/b"),
              org.assertj.core.groups.Tuple.tuple(3, "/c"));
    }
  }

  @Test
  void theAnswerComesAfterTheConfiguredBodyBytesBeforeTheRestIsSent() throws Exception {
    try (HttpPeer peer =
            HttpPeer.builder().answerAfterBodyBytes(4).start(HttpAnswers.status(413, "Big", "no"));
        Socket socket = new Socket(peer.uri().getHost(), peer.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabcd"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Six body bytes are still unsent: the answer can only be read if it came first.
      assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 413 Big");
      out.write("efghij".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      ReceivedRequest request = peer.nextRequest();
      assertThat(new String(request.body(), StandardCharsets.US_ASCII)).isEqualTo("abcd");
      assertThat(request.bodyPending()).isEqualTo(6);
    }
  }

  @Test
  void aChunkedAnswerIsReadWholeByAStandardClient() throws Exception {
    List<byte[]> chunks =
        List.of("{\"a\":".getBytes(StandardCharsets.UTF_8), "1}".getBytes(StandardCharsets.UTF_8));
    try (HttpPeer peer = HttpPeer.start(HttpAnswers.chunked("application/json", chunks))) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(peer.uri().resolve("/x")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"a\":1}");
      assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
    }
  }

  @Test
  void aHungPeerAnswersNothingUntilItIsClosed() throws Exception {
    HttpPeer peer = HttpPeer.start(HttpAnswers.hang());
    CompletableFuture<HttpResponse<String>> answer =
        HTTP.sendAsync(
            HttpRequest.newBuilder(peer.uri().resolve("/hang")).build(),
            HttpResponse.BodyHandlers.ofString());
    peer.nextRequest();
    assertThat(answer).isNotDone();

    peer.close();

    assertThat(answer).failsWithin(java.time.Duration.ofSeconds(30));
  }

  /** Sends {@code request} on a new connection and reads the answer to its end. */
  private static String rawExchange(HttpPeer peer, String request) throws IOException {
    try (Socket socket = new Socket(peer.uri().getHost(), peer.port())) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return readAnswer(socket.getInputStream());
    }
  }

  /** Reads a head and its Content-Length body. */
  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new SocketException("closed after " + head);
      }
      head.append((char) b);
    }
    String text = head.toString();
    int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
    int length = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)).trim());
    return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }
}
