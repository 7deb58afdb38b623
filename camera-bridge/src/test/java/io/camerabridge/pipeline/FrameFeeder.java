package io.camerabridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.frame.FrameInfo;
import io.camerabridge.pekat.RawLayout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands Mono8 frames to a camera's dispatcher as the acquisition thread does (each may be dropped
 * or sent) and counts the frames given back, checking each is given back exactly once. The tests of
 * the frame path under analyzer faults share it, so they state only what they are about.
 */
final class FrameFeeder {
  private final int width;
  private final int height;
  private final AtomicInteger givenBack = new AtomicInteger();

  FrameFeeder(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** One frame with camera frame id {@code id}; returns at once, as the frame thread does. */
  void send(PipelineParts parts, int id) {
    ByteBuffer memory = ByteBuffer.allocateDirect(width * height);
    AtomicInteger once = new AtomicInteger();
    FrameInfo info =
        new FrameInfo(
            "cam",
            parts.leases().nextSequence(),
            id,
            0,
            System.currentTimeMillis() * 1_000_000L,
            width,
            height,
            RawLayout.GRAY8);
    parts
        .dispatcher()
        .dispatch(
            parts
                .leases()
                .lease(
                    info,
                    memory,
                    () -> {
                      assertThat(once.incrementAndGet()).as("given back once").isEqualTo(1);
                      givenBack.incrementAndGet();
                    }));
  }

  /** Frames given back so far. */
  int givenBack() {
    return givenBack.get();
  }

  /** Waits until every frame sent or dropped is back with its owner. */
  void awaitAllGivenBack(PipelineParts parts) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                givenBack.get()
                    == parts.stats().snapshot().sent() + parts.stats().snapshot().dropped());
  }

  /** The camera {@code cam}'s drops with {@code reason} so far. */
  static double dropped(MeterRegistry registry, String reason) {
    Counter c =
        registry
            .find("camerabridge.frames.dropped")
            .tags("camera", "cam", "reason", reason)
            .counter();
    return c == null ? 0 : c.count();
  }
}
