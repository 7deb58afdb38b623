package io.camerabridge.tools.bench;

import io.camerabridge.tools.bench.NativeFramePool.PooledFrame;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a Java user would write without camera-bridge: copy the frame out of native memory into a
 * {@code byte[]} and post it with {@link HttpClient} over HTTP/1.1 keep-alive connections.
 */
final class JdkHttpBaseline implements LoadTarget {

  private final HttpClient client;
  private final URI uri;
  private final int bodyBytes;

  JdkHttpBaseline(AnalyzerAddress address, FrameShape shape) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.uri = address.analyzeUri(shape);
    this.bodyBytes = shape.bodyBytes();
  }

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public Lane openLane() {
    return new Lane() {
      @Override
      public void exchange(PooledFrame frame) throws IOException, InterruptedException {
        byte[] body = new byte[bodyBytes];
        try {
          frame.memory().get(body);
        } finally {
          frame.release();
        }
        HttpRequest request =
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response =
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IOException(
              "analyzer answered HTTP " + response.statusCode() + " to the jdk baseline");
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {
    // HttpClient has no close() before JDK 21; its selector thread ends once it is unreachable.
  }
}
