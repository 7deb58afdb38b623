package io.camerabridge.tools.sim;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the simulator saw of one request, for tests: an end-to-end test compares {@link #crc32c()}
 * with the CRC32C of the bytes the camera produced to prove that PEKAT received exactly them.
 *
 * @param sequence 1 for the first request since start (or the last {@link SimulatorStats#clear})
 * @param method HTTP method
 * @param query decoded query parameters in request order, first value per name; a bare flag such as
 *     {@code bayer} maps to {@code ""}; the value of {@code api_key} is replaced by {@code
 *     <redacted>}
 * @param bodyBytes bytes of the body, or of the shared-memory block for {@code
 *     analyze_image_shared_memory}
 * @param crc32c CRC32C ({@link java.util.zip.CRC32C}, Castagnoli) of those bytes; empty when
 *     checksums are off or the endpoint takes no image
 * @param status HTTP status sent, or 0 when a fault sent none
 * @param fault the fault that replaced the answer, {@link Fault#NONE} otherwise
 * @param connection identifies the TCP connection (Netty channel id), to prove keep-alive reuse
 */
public record RequestRecord(
    long sequence,
    Instant receivedAt,
    Endpoint endpoint,
    String method,
    Map<String, String> query,
    long bodyBytes,
    OptionalLong crc32c,
    Outcome outcome,
    int status,
    Fault fault,
    String connection) {

  public RequestRecord {
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }
}
