package io.camerabridge.config;

import java.nio.file.Path;

/**
 * Saving NG frames as PNG files.
 *
 * @param dir directory for the files (required); created if missing
 * @param image {@code raw} (default) or {@code annotated}
 * @param maxDisk the total size the directory may use; oldest files are deleted first (default
 *     1GiB)
 */
public record SaveNgConfig(Path dir, NgImage image, DataSize maxDisk) {
  /** Default disk cap. */
  public static final DataSize DEFAULT_MAX_DISK = DataSize.ofGibibytes(1);

  /** Fills in defaults. */
  public SaveNgConfig {
    image = image == null ? NgImage.RAW : image;
    maxDisk = maxDisk == null ? DEFAULT_MAX_DISK : maxDisk;
  }
}
