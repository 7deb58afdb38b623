package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * YAML bombs at the size limit are refused without building anything big: the bytes this thread
 * allocates while loading stay a small multiple of the input (a full expansion of the alias bomb
 * would be 9^9 nodes).
 */
class BombsTest {
  private static final long ALLOCATION_BUDGET = 64L * 1024 * 1024;
  private final ConfigLoader loader = new ConfigLoader(Map.of());
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void billionLaughsIsRefusedAtTheFirstAlias() {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    String previous = "a";
    for (char c = 'b'; c <= 'z'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*" + previous)));
      yaml.append("]\n");
      previous = String.valueOf(c);
    }
    yaml.append("cameras: *z\n");

    ConfigException e = loadMeasured(yaml.toString());

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).message()).startsWith("YAML aliases (*a) are not supported");
  }

  @Test
  void nestingJustUnderTheSizeLimitIsRefusedAtTheDepthLimit() {
    int depth = (ConfigLoader.MAX_FILE_SIZE - 20) / 2;
    String yaml = "cameras: " + "[".repeat(depth) + "]".repeat(depth) + "\n";

    ConfigException e = loadMeasured(yaml);

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).message()).startsWith("nesting is deeper than 20 levels");
  }

  @Test
  void deepBlockNestingIsRefusedToo() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    yaml.append("  ".repeat(200)).append("v: 1\n");

    ConfigException e = loadMeasured(yaml.toString());

    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(21));
  }

  private ConfigException loadMeasured(String yaml) {
    long before = threads.getCurrentThreadAllocatedBytes();
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> loader.parse("bomb.yaml", yaml));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(e).isNotNull();
    assertThat(allocated).as("bytes allocated while loading").isLessThan(ALLOCATION_BUDGET);
    return e;
  }
}
