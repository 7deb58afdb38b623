package io.camerabridge.tools.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Process CPU time and the Java heap bytes every live thread has allocated so far, taken at one
 * instant. The difference of two snapshots is what a run cost. Allocation is summed over all
 * threads (driver threads, Netty's event loops, the JDK client's selector, ...), because a copy
 * through the heap could happen on any of them; a thread that ends between two snapshots takes its
 * count with it, so the benchmark keeps its threads alive for the whole run.
 */
final class ResourceSnapshot {

  private static final com.sun.management.ThreadMXBean THREADS = threadBean();
  private static final com.sun.management.OperatingSystemMXBean OS = osBean();

  private final long wallNanos;
  private final long processCpuNanos;
  private final Map<Long, ThreadSample> threads;
  private final JvmWork jvm;

  private ResourceSnapshot(
      long wallNanos, long processCpuNanos, Map<Long, ThreadSample> threads, JvmWork jvm) {
    this.wallNanos = wallNanos;
    this.processCpuNanos = processCpuNanos;
    this.threads = threads;
    this.jvm = jvm;
  }

  static ResourceSnapshot take() {
    long[] ids = THREADS.getAllThreadIds();
    long[] allocated = THREADS.getThreadAllocatedBytes(ids);
    long[] cpu = THREADS.getThreadCpuTime(ids);
    ThreadInfo[] infos = THREADS.getThreadInfo(ids, 0);
    Map<Long, ThreadSample> samples = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] != null && allocated[i] >= 0) {
        samples.put(ids[i], new ThreadSample(infos[i].getThreadName(), allocated[i], cpu[i]));
      }
    }
    return new ResourceSnapshot(
        System.nanoTime(), OS.getProcessCpuTime(), samples, JvmWork.sinceStart());
  }

  /** What happened between {@code before} and this snapshot. */
  Usage since(ResourceSnapshot before, ServerThreads serverThreads) {
    long heapAll = 0;
    long heapServer = 0;
    long cpuServer = 0;
    long cpuJava = 0;
    for (Map.Entry<Long, ThreadSample> e : threads.entrySet()) {
      ThreadSample now = e.getValue();
      ThreadSample then = before.threads.get(e.getKey());
      long heap = now.allocatedBytes - (then == null ? 0 : then.allocatedBytes);
      long cpu = now.cpuNanos - (then == null || then.cpuNanos < 0 ? 0 : then.cpuNanos);
      heapAll += heap;
      cpuJava += Math.max(0, cpu);
      if (serverThreads.contains(e.getKey(), now.name)) {
        heapServer += heap;
        cpuServer += Math.max(0, cpu);
      }
    }
    return new Usage(
        wallNanos - before.wallNanos,
        processCpuNanos - before.processCpuNanos,
        cpuJava,
        cpuServer,
        heapAll,
        heapServer,
        jvm.minus(before.jvm));
  }

  /**
   * Costs of one run. The server columns are the share of an in-process analyzer's threads, so that
   * the client's own cost can be told apart from the discard server's. {@code javaThreadsCpuNanos}
   * is the CPU time of all Java threads; the rest of the process CPU time is the JVM's own work
   * (JIT compilers, garbage collector) and native threads, which cannot be split per client.
   */
  record Usage(
      long wallNanos,
      long processCpuNanos,
      long javaThreadsCpuNanos,
      long serverCpuNanos,
      long heapBytesAllThreads,
      long heapBytesServerThreads,
      JvmWork jvm) {

    Usage plus(Usage o) {
      return new Usage(
          wallNanos + o.wallNanos,
          processCpuNanos + o.processCpuNanos,
          javaThreadsCpuNanos + o.javaThreadsCpuNanos,
          serverCpuNanos + o.serverCpuNanos,
          heapBytesAllThreads + o.heapBytesAllThreads,
          heapBytesServerThreads + o.heapBytesServerThreads,
          jvm.plus(o.jvm));
    }
  }

  /**
   * The JVM's own work: time its JIT compilers spent compiling, and the collections with the time
   * the collectors report. At a camera's 30 frames/s a per-frame method reaches the optimising
   * compiler only after minutes, and the compiler threads' bursts take a CPU for milliseconds: on
   * two cores that shows in an output's p99, so a window's latency tail is only the steady state's
   * when this is small.
   */
  record JvmWork(long jitMillis, long gcCollections, long gcMillis) {
    static JvmWork sinceStart() {
      long jit = JitSettling.supported() ? JitSettling.compiledMillis() : 0;
      long count = 0;
      long millis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        count += Math.max(0, gc.getCollectionCount());
        millis += Math.max(0, gc.getCollectionTime());
      }
      return new JvmWork(jit, count, millis);
    }

    JvmWork minus(JvmWork o) {
      return new JvmWork(
          jitMillis - o.jitMillis, gcCollections - o.gcCollections, gcMillis - o.gcMillis);
    }

    JvmWork plus(JvmWork o) {
      return new JvmWork(
          jitMillis + o.jitMillis, gcCollections + o.gcCollections, gcMillis + o.gcMillis);
    }
  }

  /** Ids of the threads alive at this snapshot. */
  Set<Long> threadIds() {
    return Set.copyOf(threads.keySet());
  }

  private record ThreadSample(String name, long allocatedBytes, long cpuNanos) {}

  private static com.sun.management.ThreadMXBean threadBean() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
        || !bean.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException(
          "this JVM does not count per-thread heap allocation; run the benchmark on HotSpot/OpenJDK");
    }
    bean.setThreadAllocatedMemoryEnabled(true);
    bean.setThreadCpuTimeEnabled(true);
    return bean;
  }

  private static com.sun.management.OperatingSystemMXBean osBean() {
    if (!(ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean bean)) {
      throw new IllegalStateException(
          "this JVM does not report process CPU time; run the benchmark on HotSpot/OpenJDK");
    }
    return bean;
  }
}
