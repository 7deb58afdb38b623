package io.camerabridge.console;

import io.camerabridge.frame.FrameInfo;
import java.awt.image.BufferedImage;
import java.time.Instant;

/**
 * The newest preview of a camera.
 *
 * @param sequence counts previews of this camera from 1, so a page knows when to reload
 * @param frame the frame it shows (sequence, frame id, size: rectangles are in frame pixels)
 * @param at when the frame was taken for the preview
 * @param image the downscaled picture (at most {@link PreviewImage#MAX_WIDTH} wide)
 * @param jpeg that picture as JPEG
 */
record Preview(long sequence, FrameInfo frame, Instant at, BufferedImage image, byte[] jpeg) {}
