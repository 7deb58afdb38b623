package io.camerabridge.analyzers;

/**
 * One instance as {@code /health} and the console show it.
 *
 * @param analyzer {@code host:port}
 * @param state ready, warming or down
 * @param inFlight requests at it now
 * @param requests frames sent to it since start (warm-ups not counted)
 * @param failures resets, time-outs, refusals and 5xx answers since start
 */
public record InstanceStatus(
    String analyzer, AnalyzerState state, int inFlight, long requests, long failures) {}
