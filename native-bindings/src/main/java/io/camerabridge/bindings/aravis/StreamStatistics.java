package io.camerabridge.bindings.aravis;

import java.util.Map;

/**
 * Counters of a stream since it was created, read without locks from the receiving thread's
 * counters (each value is consistent, the set is not a snapshot).
 *
 * @param completedBuffers buffers delivered with status SUCCESS
 * @param failures buffers delivered with any other status
 * @param underruns frames lost because no buffer was free (consumer too slow or pool too small)
 * @param missingPackets GigE packets never received (over-counts after a gap); 0 elsewhere
 * @param resentPackets GigE packets received after a resend request; 0 elsewhere
 * @param infos every counter Aravis names for this stream type (e.g. {@code n_timeouts})
 */
public record StreamStatistics(
    long completedBuffers,
    long failures,
    long underruns,
    long missingPackets,
    long resentPackets,
    Map<String, Long> infos) {}
