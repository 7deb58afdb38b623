package io.camerabridge.metrics;

/**
 * Aravis's stream counters for one camera, as read by {@code arv_stream_get_statistics} and {@code
 * arv_gv_stream_get_statistics}. USB3 Vision streams have no packet counters: pass zero.
 *
 * @param missingPackets GigE Vision packets never received, even after resend requests
 * @param resentPackets GigE Vision packets the camera was asked to resend
 * @param underruns frames the camera sent while no buffer was queued
 */
public record StreamStatistics(long missingPackets, long resentPackets, long underruns) {

  /** No stream yet, or a stream type without these counters. */
  public static final StreamStatistics NONE = new StreamStatistics(0, 0, 0);
}
