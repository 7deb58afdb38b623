package io.camerabridge.tools.sim.analysis;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a POSIX shared-memory block the way PEKAT's {@code analyze_image_shared_memory} does for a
 * client on the same host: Python's {@code multiprocessing.shared_memory.SharedMemory(name)}
 * creates {@code /dev/shm/NAME} on Linux, sized to the image, and the server maps it read-only.
 */
public final class SharedMemoryBlock {
  /** Where Linux keeps POSIX shared memory ({@code shm_open} names). */
  public static final Path SHM_ROOT = Path.of("/dev/shm");

  private SharedMemoryBlock() {}

  /**
   * Maps the block read-only. The mapping lives until the buffer is garbage-collected (Java 17 has
   * no public unmap); the client may unlink the file meanwhile, as Linux keeps mapped pages alive.
   *
   * @throws InvalidImageException if the name is missing or unsafe, or the block does not exist
   */
  public static ByteBuf map(String name) throws InvalidImageException {
    Path file = SHM_ROOT.resolve(validName(name));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new InvalidImageException("shared memory block '" + name + "' is over 2 GiB");
      }
      MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return Unpooled.wrappedBuffer(mapped);
    } catch (NoSuchFileException e) {
      throw new InvalidImageException(
          "no shared memory block '" + name + "' (" + file + " does not exist)");
    } catch (IOException e) {
      throw new InvalidImageException(
          "cannot read shared memory block '" + name + "': " + e.getMessage());
    }
  }

  private static String validName(String name) throws InvalidImageException {
    if (name == null || name.isEmpty()) {
      throw new InvalidImageException(
          "missing query parameter 'name': the shared memory block holding the pixels");
    }
    // Python strips a leading slash from POSIX names; anything else with a slash escapes /dev/shm.
    String bare = name.startsWith("/") ? name.substring(1) : name;
    if (bare.isEmpty() || bare.contains("/") || bare.equals(".") || bare.equals("..")) {
      throw new InvalidImageException(
          "shared memory name '" + name + "' is not a plain name under /dev/shm");
    }
    if (!Files.isDirectory(SHM_ROOT)) {
      throw new InvalidImageException("this host has no /dev/shm: shared memory is Linux-only");
    }
    return bare;
  }
}
