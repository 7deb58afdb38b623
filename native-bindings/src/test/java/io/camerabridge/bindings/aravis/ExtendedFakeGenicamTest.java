package io.camerabridge.bindings.aravis;

import static io.camerabridge.bindings.aravis.fake.FakeGenicam.BALANCE_RATIO_SELECTOR;
import static io.camerabridge.bindings.aravis.fake.FakeGenicam.CHUNK_MODE_ACTIVE;
import static io.camerabridge.bindings.aravis.fake.FakeGenicam.CHUNK_SELECTOR;
import static io.camerabridge.bindings.aravis.fake.FakeGenicam.LINE_SELECTOR;
import static io.camerabridge.bindings.aravis.fake.FakeGenicam.TIMESTAMP_LATCH;
import static io.camerabridge.bindings.aravis.fake.FakeGenicam.USER_OUTPUT_SELECTOR;
import static io.camerabridge.bindings.aravis.fake.FakeGenicam.USER_SET_LOAD;
import static io.camerabridge.bindings.aravis.fake.FakeGenicam.USER_SET_SELECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.camerabridge.bindings.aravis.fake.FakeGenicam;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * camera-bridge's extended GenICam XML on a real {@code arv-fake-gv-camera-0.8 -g FILE}: writes
 * through the feature API while this client holds control land in the device's registers, read back
 * over plain GVCP, and the stock features still drive the simulator.
 */
class ExtendedFakeGenicamTest {

  @Test
  void selectorIndexedWritesAndCommandsLandInTheRegisters() throws Exception {
    try (FakeGvCameraProcess fake = FakeGvCameraProcess.builder().extendedGenicam().start();
        Camera camera = Camera.open(fake.address().getHostAddress())) {
      CameraFeatures f = camera.features();
      f.setString("LineSelector", "Line2");
      f.setString("LineMode", "Output");
      f.setString("LineSource", "UserOutput1");
      f.setBoolean("LineInverter", true);
      f.setString("LineSelector", "Line3");
      f.setString("LineSource", "ExposureActive");
      f.setString("UserOutputSelector", "UserOutput1");
      f.setBoolean("UserOutputValue", true);
      f.setString("BalanceRatioSelector", "Red");
      f.setFloat("BalanceRatio", 1.4);
      f.setString("BalanceRatioSelector", "Blue");
      f.setFloat("BalanceRatio", 1.9);
      f.setString("UserSetSelector", "UserSet1");
      f.execute("UserSetLoad");
      f.execute("TimestampLatch");
      f.setBoolean("ChunkModeActive", true);
      f.setString("ChunkSelector", "ExposureTime");
      f.setBoolean("ChunkEnable", true);

      assertThat(fake.readRegister(LINE_SELECTOR)).isEqualTo(3);
      assertThat(fake.readRegister(FakeGenicam.lineMode(2))).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.lineSource(2))).isEqualTo(2);
      assertThat(fake.readRegister(FakeGenicam.lineInverter(2))).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.lineSource(3))).isEqualTo(4);
      assertThat(fake.readRegister(FakeGenicam.lineMode(3))).isZero();
      assertThat(fake.readRegister(USER_OUTPUT_SELECTOR)).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.userOutputValue(1))).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.userOutputValue(0))).isZero();
      assertThat(fake.readRegister(BALANCE_RATIO_SELECTOR)).isEqualTo(2);
      assertThat(fake.readRegister(FakeGenicam.balanceRatio(0))).isEqualTo(1400);
      assertThat(fake.readRegister(FakeGenicam.balanceRatio(2))).isEqualTo(1900);
      assertThat(fake.readRegister(USER_SET_SELECTOR)).isEqualTo(1);
      assertThat(fake.readRegister(USER_SET_LOAD)).isEqualTo(1);
      assertThat(fake.readRegister(TIMESTAMP_LATCH)).isEqualTo(1);
      assertThat(fake.readRegister(CHUNK_MODE_ACTIVE)).isEqualTo(1);
      assertThat(fake.readRegister(CHUNK_SELECTOR)).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.chunkEnable(1))).isEqualTo(1);

      f.setString("BalanceRatioSelector", "Red");
      assertThat(f.getFloat("BalanceRatio")).isCloseTo(1.4, within(1e-9));
      assertThat(f.enumerationEntries("LineSelector"))
          .containsExactly("Line0", "Line1", "Line2", "Line3");
    }
  }

  @Test
  void readOnlyValuesComeFromPresetRegistersAndStockFeaturesKeepTheirAddresses() throws Exception {
    try (FakeGvCameraProcess fake =
            FakeGvCameraProcess.builder()
                .extendedGenicam()
                .register(FakeGenicam.PTP_STATUS, 8)
                .start();
        Camera camera = Camera.open(fake.address().getHostAddress())) {
      CameraFeatures f = camera.features();
      assertThat(f.getFloat("DeviceTemperature")).isCloseTo(41.5, within(1e-9));
      assertThat(f.getString("PtpStatus")).isEqualTo("Slave");
      assertThat(f.getString("GevIEEE1588Status")).isEqualTo("Slave");

      camera.image().setFrameRate(20);
      assertThat(fake.readRegister(0x138)).isEqualTo(50_000); // AcquisitionFramePeriod, in us
      f.setInteger("GainRaw", 7);
      assertThat(fake.readRegister(0x110)).isEqualTo(7);

      List<FeatureInfo> tree = FeatureTree.walk(camera);
      assertThat(tree)
          .filteredOn(i -> i.name().equals("DeviceTemperature"))
          .singleElement()
          .satisfies(
              i -> {
                assertThat(i.type()).isEqualTo("Float");
                assertThat(i.access()).isEqualTo("RO");
              });
      assertThat(tree).extracting(FeatureInfo::name).contains("UserSetLoad", "LineSelector");
    }
  }

  @Test
  void describesTypeAccessRangeEntriesAndSelectedFeatures() throws Exception {
    try (FakeGvCameraProcess fake = FakeGvCameraProcess.builder().extendedGenicam().start();
        Camera camera = Camera.open(fake.address().getHostAddress())) {
      CameraFeatures f = camera.features();
      assertThat(f.describe("LineSelector"))
          .hasValueSatisfying(
              d -> {
                assertThat(d.type()).isEqualTo(FeatureType.ENUMERATION);
                assertThat(d.isWritable()).isTrue();
                assertThat(d.entries()).containsExactly("Line0", "Line1", "Line2", "Line3");
                assertThat(d.selected())
                    .containsExactlyInAnyOrder(
                        "LineMode", "LineInverter", "LineStatus", "LineSource");
                assertThat(d.allowed()).isEqualTo("Line0, Line1, Line2, Line3");
              });
      assertThat(f.describe("DeviceTemperature"))
          .hasValueSatisfying(
              d -> {
                assertThat(d.type()).isEqualTo(FeatureType.FLOAT);
                assertThat(d.access()).isEqualTo("RO");
                assertThat(d.isWritable()).isFalse();
                assertThat(d.floatBounds()).contains(new DoubleRange(-100, 200));
                assertThat(d.value()).hasValueSatisfying(v -> assertThat(v).startsWith("41.5"));
              });
      assertThat(f.describe("GainRaw"))
          .hasValueSatisfying(
              d -> {
                assertThat(d.type()).isEqualTo(FeatureType.INTEGER);
                assertThat(d.integerBounds()).contains(new IntRange(0, 10));
                assertThat(d.allowed()).isEqualTo("0..10");
              });
      assertThat(f.describe("UserSetLoad"))
          .hasValueSatisfying(
              d -> {
                assertThat(d.type()).isEqualTo(FeatureType.COMMAND);
                assertThat(d.access()).isEqualTo("WO");
                assertThat(d.value()).isEmpty();
              });
      assertThat(f.describe("NoSuchFeature")).isEmpty();

      FeatureListing listing = FeatureTree.list(camera);
      assertThat(listing.categorized()).extracting(FeatureInfo::name).contains("LineSelector");
      assertThat(listing.uncategorized())
          .extracting(FeatureInfo::name)
          .contains("AcquisitionFrameRate", "GainRaw", "LineModeRegister")
          .doesNotContain("LineSelector", "Root");
      assertThat(listing.uncategorized())
          .filteredOn(i -> i.name().equals("AcquisitionFrameRate"))
          .singleElement()
          .satisfies(i -> assertThat(i.type()).isEqualTo("Float"));
    }
  }

  /**
   * Evidence for docs/configuration.md: the simulator stores the chunk switches but its GVSP sender
   * only ever sends image leaders (Aravis 0.8.26 arvgvfakecamera.c), so no frame carries chunks.
   */
  @Test
  void framesCarryNoChunkDataEvenWithChunkModeOn() throws Exception {
    try (FakeGvCameraProcess fake = FakeGvCameraProcess.builder().extendedGenicam().start();
        Camera camera = Camera.open(fake.address().getHostAddress())) {
      camera.gige().orElseThrow().setPacketSocketEnabled(false);
      camera.image().setRegion(new Region(0, 0, 64, 64));
      camera.image().setFrameRate(50);
      CameraFeatures f = camera.features();
      f.setBoolean("ChunkModeActive", true);
      f.setString("ChunkSelector", "Timestamp");
      f.setBoolean("ChunkEnable", true);
      try (Stream stream = camera.createStream(StreamOptions.builder().bufferCount(4).build())) {
        camera.startAcquisition();
        int complete = 0;
        while (complete < 3) {
          java.util.Optional<ArvFrame> popped = stream.pop(java.time.Duration.ofSeconds(5));
          assertThat(popped).as("a frame within 5 s").isPresent();
          try (ArvFrame frame = popped.get()) {
            if (frame.isComplete()) {
              complete++;
              assertThat(frame.hasChunks()).isFalse();
            }
          }
        }
        camera.stopAcquisition();
      }
    }
  }
}
