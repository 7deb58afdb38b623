package io.camerabridge.tools.bench;

import java.util.Set;

/**
 * Which JVM threads belong to an in-process analyzer. Netty names every event loop alike, so the
 * analyzer's threads are recognised by id (captured when it started) or by a name prefix.
 */
@FunctionalInterface
interface ServerThreads {

  /** For an external analyzer: no thread of this process serves it. */
  ServerThreads NONE = (id, name) -> false;

  boolean contains(long threadId, String threadName);

  static ServerThreads of(Set<Long> ids, String namePrefix) {
    Set<Long> copy = Set.copyOf(ids);
    return (id, name) -> copy.contains(id) || name.startsWith(namePrefix);
  }
}
