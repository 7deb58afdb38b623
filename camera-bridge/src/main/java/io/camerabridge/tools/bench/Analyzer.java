package io.camerabridge.tools.bench;

/**
 * The server the benchmark sends to: an external one given by {@code --url}, or the in-process
 * discard analyzer. For an in-process analyzer, {@link #serverThreads()} tells its threads apart so
 * that the report can show the client's own CPU and heap share next to the process totals.
 */
interface Analyzer extends AutoCloseable {

  AnalyzerAddress address();

  /** One line for the report, e.g. "external http://host:8000". */
  String description();

  /** The threads that serve the analyzer in this process; none for an external one. */
  ServerThreads serverThreads();

  @Override
  void close();

  /** An analyzer running elsewhere: nothing to start or stop. */
  static Analyzer external(AnalyzerAddress address) {
    return new Analyzer() {
      @Override
      public AnalyzerAddress address() {
        return address;
      }

      @Override
      public String description() {
        return "external " + address.baseUri();
      }

      @Override
      public ServerThreads serverThreads() {
        return ServerThreads.NONE;
      }

      @Override
      public void close() {}
    };
  }
}
