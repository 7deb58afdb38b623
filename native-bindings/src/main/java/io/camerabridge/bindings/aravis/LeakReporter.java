package io.camerabridge.bindings.aravis;

import java.lang.ref.Cleaner;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports native owners that became unreachable without being closed or released. Reporting only:
 * releasing from a Cleaner thread would run Aravis teardown at an arbitrary time on an arbitrary
 * thread, so the resource stays leaked and the log says which one.
 */
final class LeakReporter {
  private static final Logger LOG = LoggerFactory.getLogger(LeakReporter.class);
  private static final Cleaner CLEANER =
      Cleaner.create(
          r -> {
            Thread t = new Thread(r, "aravis-leak-reporter");
            t.setDaemon(true);
            return t;
          });

  private LeakReporter() {}

  /**
   * Watches {@code owner}; the returned cleanable must be {@code clean()}ed when it is released.
   * {@code released} and {@code description} must not reference the owner.
   */
  static Cleaner.Cleanable watch(Object owner, BooleanSupplier released, String description) {
    return CLEANER.register(
        owner,
        () -> {
          if (!released.getAsBoolean()) {
            LOG.warn("{} was garbage-collected without being released: leaked", description);
          }
        });
  }
}
