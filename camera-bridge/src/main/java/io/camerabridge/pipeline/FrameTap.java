package io.camerabridge.pipeline;

import io.camerabridge.frame.FrameInfo;
import io.camerabridge.pekat.AnalysisOutcome;
import io.netty.buffer.ByteBuf;
import java.time.Instant;

/**
 * Someone besides the analyzer who looks at a camera's frames now and then (the console's preview)
 * and at its verdicts. The frame thread only asks {@link #wanted()} — a volatile read — and, when
 * it says yes, hands over one extra reference to the frame; it never waits for the taker.
 */
public interface FrameTap {

  /** Whether the next frame should be offered; must be a cheap read, called for every frame. */
  boolean wanted();

  /**
   * Takes one frame; must return at once. {@code pixels} is an extra reference to the frame's
   * memory (the camera gets the buffer back only after it is released): the tap releases it exactly
   * once, as soon as it has copied what it needs.
   */
  void offer(ByteBuf pixels, FrameInfo frame);

  /**
   * An exchange ended (on the results thread); must return at once.
   *
   * @param analyzer the PEKAT instance ({@code host:port}) that answered, or null
   */
  void answered(FrameInfo frame, Instant at, AnalysisOutcome outcome, String analyzer);

  /** Wants nothing. */
  FrameTap NONE =
      new FrameTap() {
        @Override
        public boolean wanted() {
          return false;
        }

        @Override
        public void offer(ByteBuf pixels, FrameInfo frame) {
          pixels.release();
        }

        @Override
        public void answered(
            FrameInfo frame, Instant at, AnalysisOutcome outcome, String analyzer) {}
      };
}
