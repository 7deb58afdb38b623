package io.camerabridge.console;

import java.awt.image.BufferedImage;
import java.time.Instant;

/**
 * The newest preview of a camera.
 *
 * @param sequence counts previews of this camera from 1, so a page knows when to reload
 * @param frameId the camera's frame id
 * @param at when the frame was taken for the preview
 * @param frameWidth the frame's width in pixels (rectangles are in frame pixels)
 * @param frameHeight the frame's height
 * @param image the downscaled picture (at most {@link PreviewImage#MAX_WIDTH} wide)
 * @param jpeg that picture as JPEG
 */
record Preview(
    long sequence,
    long frameId,
    Instant at,
    int frameWidth,
    int frameHeight,
    BufferedImage image,
    byte[] jpeg) {}
