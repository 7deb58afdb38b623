package io.camerabridge.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Netty leak check for every test class, registered by JUnit's extension auto-detection ({@code
 * META-INF/services/org.junit.jupiter.api.extension.Extension} and {@code
 * junit.jupiter.extensions.autodetection.enabled} in {@code junit-platform.properties}), so a test
 * that touches Netty cannot forget it. Runs once per top-level class, after its {@code @AfterAll}
 * methods have closed its servers and clients.
 */
public final class EveryClassLeakCheck implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EveryClassLeakCheck.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (isTopLevelClass(context)) {
      NettyLeakCheck check = NettyLeakCheck.perClass();
      check.beforeAll(context);
      context.getStore(NAMESPACE).put(NettyLeakCheck.class, check);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    NettyLeakCheck check =
        context.getStore(NAMESPACE).remove(NettyLeakCheck.class, NettyLeakCheck.class);
    if (check != null) {
      check.afterAll(context);
    }
  }

  private static boolean isTopLevelClass(ExtensionContext context) {
    return context.getTestClass().map(c -> c.getEnclosingClass() == null).orElse(false);
  }
}
