package io.camerabridge.bindings.aravis.fake;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Exclusive use of one loopback address (127.0.0.x) whose GVCP port is free.
 *
 * <p>Several JVMs (parallel builds, other engineers' tests) start fake cameras on the same host. An
 * OS file lock per address keeps two launchers off the same address, and a trial bind of UDP port
 * 3956 skips addresses somebody else's camera already holds. Addresses that are not yet assigned to
 * {@code lo} are added with {@code ip addr add} (Aravis only discovers and binds addresses that
 * belong to an interface) and removed again on {@link #close()}.
 */
final class LoopbackAddressLease implements AutoCloseable {
  private static final Path LOCK_DIR =
      Path.of(System.getProperty("java.io.tmpdir"), "camera-bridge-fake-gv");
  private static final Set<String> HELD_IN_THIS_JVM = Collections.synchronizedSet(new HashSet<>());
  private static final int LAST_HOST = 254;

  private final InetAddress address;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final boolean added;

  private LoopbackAddressLease(
      InetAddress address, FileChannel lockChannel, FileLock lock, boolean added) {
    this.address = address;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.added = added;
  }

  InetAddress address() {
    return address;
  }

  /**
   * Leases a free address, preferring those already on {@code lo}.
   *
   * @param exclude addresses to skip (for example one whose camera failed to start)
   */
  static LoopbackAddressLease acquire(Set<String> exclude) throws IOException {
    Files.createDirectories(LOCK_DIR);
    Set<String> assigned = loopbackAddresses();
    List<String> candidates = new ArrayList<>();
    for (int host = 1; host <= LAST_HOST; host++) {
      String a = "127.0.0." + host;
      if (assigned.contains(a)) {
        candidates.add(a);
      }
    }
    for (int host = 2; host <= LAST_HOST; host++) {
      String a = "127.0.0." + host;
      if (!assigned.contains(a)) {
        candidates.add(a);
      }
    }
    for (String candidate : candidates) {
      if (exclude.contains(candidate)) {
        continue;
      }
      LoopbackAddressLease lease = tryLease(candidate);
      if (lease != null) {
        return lease;
      }
    }
    throw new IOException(
        "No free loopback address 127.0.0.x with UDP port "
            + GvcpDiscovery.GVCP_PORT
            + " unused was found for a fake GigE camera");
  }

  private static LoopbackAddressLease tryLease(String candidate) throws IOException {
    if (!HELD_IN_THIS_JVM.add(candidate)) {
      return null;
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              LOCK_DIR.resolve(candidate + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      InetAddress address = InetAddress.getByName(candidate);
      if (lock == null || !gvcpPortFree(address)) {
        throw new BindException(candidate + " is in use");
      }
      // Re-read under the lock: the previous holder may have removed the address meanwhile.
      boolean present = loopbackAddresses().contains(candidate);
      if (!present) {
        ip("add", candidate);
      }
      return new LoopbackAddressLease(address, channel, lock, !present);
    } catch (BindException | OverlappingFileLockException e) {
      if (channel != null) {
        channel.close();
      }
      HELD_IN_THIS_JVM.remove(candidate);
      return null;
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      HELD_IN_THIS_JVM.remove(candidate);
      throw e;
    }
  }

  private static boolean gvcpPortFree(InetAddress address) {
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(address, GvcpDiscovery.GVCP_PORT))) {
      return probe.isBound();
    } catch (SocketException e) {
      return false;
    }
  }

  private static Set<String> loopbackAddresses() throws SocketException {
    Set<String> result = new HashSet<>();
    NetworkInterface lo = NetworkInterface.getByName("lo");
    if (lo != null) {
      for (InetAddress a : Collections.list(lo.getInetAddresses())) {
        result.add(a.getHostAddress());
      }
    }
    return result;
  }

  private static void ip(String verb, String address) throws IOException {
    Process p =
        new ProcessBuilder("ip", "addr", verb, address + "/8", "dev", "lo")
            .redirectErrorStream(true)
            .start();
    try {
      boolean done = p.waitFor(5, TimeUnit.SECONDS);
      String output = new String(p.getInputStream().readAllBytes()).trim();
      if (!done || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(
            "'ip addr "
                + verb
                + " "
                + address
                + "/8 dev lo' failed ("
                + output
                + "); adding loopback addresses for fake GigE cameras needs root or CAP_NET_ADMIN");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("Interrupted while running 'ip addr " + verb + "'", e);
    }
  }

  /** Removes the address if this lease added it, then releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      if (added) {
        ip("del", address.getHostAddress());
      }
    } finally {
      try {
        lock.release();
        lockChannel.close();
      } finally {
        HELD_IN_THIS_JVM.remove(address.getHostAddress());
      }
    }
  }
}
