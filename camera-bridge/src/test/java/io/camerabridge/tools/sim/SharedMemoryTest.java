package io.camerabridge.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camerabridge.testing.NettyLeakCheck;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code analyze_image_shared_memory} with a block written the way Python's {@code
 * multiprocessing.shared_memory.SharedMemory(create=True, size=n)} does on Linux: a file {@code
 * /dev/shm/psm_xxxx} created exclusively, truncated to the size, filled through a shared mapping.
 */
class SharedMemoryTest {
  @RegisterExtension static final NettyLeakCheck leakCheck = NettyLeakCheck.perClass();

  private static final int W = 96;
  private static final int H = 64;

  private static PekatSimulator pekat;
  private Path block;

  @BeforeAll
  static void start() {
    pekat = PekatSimulator.builder().build().start();
  }

  @AfterAll
  static void stop() {
    pekat.close();
  }

  @AfterEach
  void unlink() throws IOException {
    if (block != null) {
      Files.deleteIfExists(block);
    }
  }

  private String createBlock(byte[] pixels) throws IOException {
    String name = "psm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    block = Path.of("/dev/shm", name);
    try (FileChannel channel =
        FileChannel.open(
            block,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, pixels.length);
      mapped.put(pixels);
      mapped.force();
    }
    return name;
  }

  private static HttpResponse<byte[]> analyze(String query) throws Exception {
    // Query order as the Python SDK sends it: response_type first.
    return SimulatorHttpFixture.post(
        pekat, "/analyze_image_shared_memory?response_type=context&" + query, new byte[0]);
  }

  @Test
  void readsTheGrayBlockAndReportsItsChecksum() throws Exception {
    byte[] pixels = Images.gray(W, H, 32, 16, 16, 8);
    String name = createBlock(pixels);

    HttpResponse<byte[]> response =
        analyze("height=" + H + "&width=" + W + "&name=" + name + "&data=None");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode context = SimulatorHttpFixture.json(response.body());
    JsonNode rect = context.get("detectedRectangles").get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt(), rect.get("width").asInt()))
        .containsExactly(32, 16, 16);
    RequestRecord record = pekat.stats().last().orElseThrow();
    assertThat(record.endpoint()).isEqualTo(Endpoint.ANALYZE_IMAGE_SHARED_MEMORY);
    assertThat(record.bodyBytes()).isEqualTo(pixels.length);
    assertThat(record.crc32c()).hasValue(Images.crc32c(pixels));
  }

  @Test
  void channelCountFollowsFromTheBlockSize() throws Exception {
    String name = createBlock(Images.bgr(W, H, 0, 0, 8, 8));

    JsonNode context =
        SimulatorHttpFixture.json(analyze("height=" + H + "&width=" + W + "&name=" + name).body());

    assertThat(context.get("detectedRectangles")).hasSize(1);
    assertThat(context.get("imageShape").get("width").asInt()).isEqualTo(W);
  }

  @Test
  void missingBlockIsA400NamingIt() throws Exception {
    HttpResponse<byte[]> response = analyze("height=2&width=2&name=psm_does_not_exist");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimulatorHttpFixture.text(response)).contains("psm_does_not_exist");
  }

  @Test
  void blockOfTheWrongSizeIsA400() throws Exception {
    String name = createBlock(new byte[W * H + 1]);

    HttpResponse<byte[]> response = analyze("height=" + H + "&width=" + W + "&name=" + name);

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void namesThatLeaveDevShmAreRefused() throws Exception {
    HttpResponse<byte[]> response = analyze("height=2&width=2&name=..%2Fetc%2Fpasswd");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimulatorHttpFixture.text(response)).contains("not a plain name");
  }
}
