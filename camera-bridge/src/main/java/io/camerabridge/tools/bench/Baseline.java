package io.camerabridge.tools.bench;

/** The baselines {@code --baseline} accepts. */
enum Baseline {
  /** A blocking SocketChannel writer: the physical limit of the path. */
  socket,
  /** java.net.http.HttpClient with a byte[] body: what a Java user would write. */
  jdk;

  LoadTarget create(AnalyzerAddress address, FrameShape shape) {
    return switch (this) {
      case socket -> new SocketBaseline(address, shape);
      case jdk -> new JdkHttpBaseline(address, shape);
    };
  }
}
