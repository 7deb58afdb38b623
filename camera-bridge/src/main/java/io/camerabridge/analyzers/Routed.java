package io.camerabridge.analyzers;

import io.camerabridge.pekat.AnalysisOutcome;

/**
 * How a frame ended at the pool: the final outcome and the instance that produced it.
 *
 * @param analyzer the instance ({@code host:port}) that gave {@code outcome}; empty when the frame
 *     never reached one
 * @param outcome the last attempt's outcome
 * @param failedOver whether the frame was sent again to another instance after its first one failed
 *     mid-request
 */
public record Routed(String analyzer, AnalysisOutcome outcome, boolean failedOver) {}
