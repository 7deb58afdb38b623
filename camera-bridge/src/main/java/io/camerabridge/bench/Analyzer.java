package io.camerabridge.bench;

import java.util.function.Predicate;

/**
 * The server the benchmark sends to: an external one given by {@code --url}, or the in-process
 * discard analyzer. For an in-process analyzer, {@link #isServerThread()} tells its threads apart
 * so that the report can show the client's own CPU and heap share next to the process totals.
 */
interface Analyzer extends AutoCloseable {

  AnalyzerAddress address();

  /** One line for the report, e.g. "external http://host:8000". */
  String description();

  /** Matches the names of threads that belong to the analyzer; never matches for external. */
  Predicate<String> isServerThread();

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
      public Predicate<String> isServerThread() {
        return name -> false;
      }

      @Override
      public void close() {}
    };
  }
}
