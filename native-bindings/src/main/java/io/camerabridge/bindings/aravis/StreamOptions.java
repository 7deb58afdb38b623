package io.camerabridge.bindings.aravis;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stream is built: the buffer pool size and, for GigE Vision, the receiver properties Aravis
 * exposes on {@code ArvGvStream}. Unset GigE values keep Aravis's defaults (packet timeout 20 ms,
 * initial packet timeout 1 ms, frame retention 100 ms, resend on, request ratio 0.25), except the
 * socket buffer, which defaults to a fixed {@value #DEFAULT_SOCKET_BUFFER_BYTES} bytes (the kernel
 * grants up to {@code net.core.rmem_max}): the kernel default loses packets on any real frame size,
 * and Aravis's automatic size (one frame) loses them as soon as the receiving thread is descheduled
 * for a frame's time on a loaded host, because loopback and NIC drivers charge each packet's whole
 * buffer, not its payload, against SO_RCVBUF. Aravis applies the size when the first frame's leader
 * arrives: until then the socket has {@code net.core.rmem_default}, so a first frame larger than
 * that (208 KiB holds ~92 packets) can arrive incomplete on a host that was not tuned (the
 * package's sysctl file sets 1 MiB). Ignored for USB3 and Fake cameras.
 */
public final class StreamOptions {
  /** Default number of buffers in the pool. */
  public static final int DEFAULT_BUFFER_COUNT = 8;

  /** Default SO_RCVBUF asked for a GigE stream: 16 MiB, several full frames of headroom. */
  public static final int DEFAULT_SOCKET_BUFFER_BYTES = 16 << 20;

  private final int bufferCount;
  private final SocketBuffer socketBuffer;
  private final Duration packetTimeout;
  private final Duration initialPacketTimeout;
  private final Duration frameRetention;
  private final Boolean packetResend;
  private final Double packetRequestRatio;
  private final Integer realtimePriority;

  private StreamOptions(Builder b) {
    this.bufferCount = b.bufferCount;
    this.socketBuffer = b.socketBuffer;
    this.packetTimeout = b.packetTimeout;
    this.initialPacketTimeout = b.initialPacketTimeout;
    this.frameRetention = b.frameRetention;
    this.packetResend = b.packetResend;
    this.packetRequestRatio = b.packetRequestRatio;
    this.realtimePriority = b.realtimePriority;
  }

  /** {@value #DEFAULT_BUFFER_COUNT} buffers, a 16 MiB socket buffer, other Aravis defaults. */
  public static StreamOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Buffers in the pool. */
  public int bufferCount() {
    return bufferCount;
  }

  /** Socket receive buffer (GigE). */
  public SocketBuffer socketBuffer() {
    return socketBuffer;
  }

  /** Wait after a resend request, or null for Aravis's default. */
  public Duration packetTimeout() {
    return packetTimeout;
  }

  /** Wait before the first resend request, or null for Aravis's default. */
  public Duration initialPacketTimeout() {
    return initialPacketTimeout;
  }

  /** Time without packets after which an incomplete frame is given up, or null. */
  public Duration frameRetention() {
    return frameRetention;
  }

  /** Whether to request resends of lost packets, or null for Aravis's default. */
  public Boolean packetResend() {
    return packetResend;
  }

  /** Most resend requests per frame as a fraction of its packets (0..2), or null. */
  public Double packetRequestRatio() {
    return packetRequestRatio;
  }

  /** SCHED_RR priority (1..99) for the receiving thread, or null to leave it at normal. */
  public Integer realtimePriority() {
    return realtimePriority;
  }

  @Override
  public String toString() {
    return "StreamOptions[buffers="
        + bufferCount
        + ", socketBuffer="
        + socketBuffer
        + ", packetTimeout="
        + packetTimeout
        + ", initialPacketTimeout="
        + initialPacketTimeout
        + ", frameRetention="
        + frameRetention
        + ", packetResend="
        + packetResend
        + ", packetRequestRatio="
        + packetRequestRatio
        + ", realtimePriority="
        + realtimePriority
        + "]";
  }

  /** Builder for {@link StreamOptions}. */
  public static final class Builder {
    private int bufferCount = DEFAULT_BUFFER_COUNT;
    private SocketBuffer socketBuffer = SocketBuffer.fixed(DEFAULT_SOCKET_BUFFER_BYTES);
    private Duration packetTimeout;
    private Duration initialPacketTimeout;
    private Duration frameRetention;
    private Boolean packetResend;
    private Double packetRequestRatio;
    private Integer realtimePriority;

    private Builder() {}

    /** Number of buffers (1..1024); the pool never grows. */
    public Builder bufferCount(int count) {
      if (count < 1 || count > 1024) {
        throw new IllegalArgumentException("Buffer count must be 1..1024, was " + count);
      }
      this.bufferCount = count;
      return this;
    }

    /** Socket receive buffer. */
    public Builder socketBuffer(SocketBuffer socketBuffer) {
      this.socketBuffer = Objects.requireNonNull(socketBuffer, "socketBuffer");
      return this;
    }

    /** Wait after a resend request (microsecond resolution). */
    public Builder packetTimeout(Duration timeout) {
      this.packetTimeout = micros("packetTimeout", timeout);
      return this;
    }

    /** Wait before the first resend request (microsecond resolution). */
    public Builder initialPacketTimeout(Duration timeout) {
      this.initialPacketTimeout = micros("initialPacketTimeout", timeout);
      return this;
    }

    /** Give up on an incomplete frame after this long without packets. */
    public Builder frameRetention(Duration retention) {
      this.frameRetention = micros("frameRetention", retention);
      return this;
    }

    /** Request resends of lost packets (when the camera supports it). */
    public Builder packetResend(boolean resend) {
      this.packetResend = resend;
      return this;
    }

    /** Most resend requests per frame as a fraction of its packets, 0..2. */
    public Builder packetRequestRatio(double ratio) {
      if (!(ratio >= 0 && ratio <= 2)) {
        throw new IllegalArgumentException("Packet request ratio must be 0..2, was " + ratio);
      }
      this.packetRequestRatio = ratio;
      return this;
    }

    /**
     * Runs Aravis's receiving thread with SCHED_RR {@code priority} (1..99), so a busy host cannot
     * starve it into dropping packets (Aravis {@code arv_make_thread_realtime}). Needs root,
     * CAP_SYS_NICE or an rtprio limit; refused otherwise, with a warning. Works for every stream
     * type.
     */
    public Builder realtimePriority(int priority) {
      if (priority < 1 || priority > 99) {
        throw new IllegalArgumentException("Realtime priority must be 1..99, was " + priority);
      }
      this.realtimePriority = priority;
      return this;
    }

    /** The options. */
    public StreamOptions build() {
      return new StreamOptions(this);
    }

    private static Duration micros(String name, Duration d) {
      long us = d.toNanos() / 1000;
      if (d.isNegative() || us > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException(name + " must be 0.." + 0xFFFF_FFFFL + " us, was " + d);
      }
      return d;
    }
  }
}
