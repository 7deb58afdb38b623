package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitSettlingTest {

  private static final long ONE_SECOND = 1_000_000_000L;

  @Test
  void aPassIsQuietUpToFivePercentOfItsWallTimeSpentCompiling() {
    assertThat(JitSettling.quiet(0, ONE_SECOND)).isTrue();
    assertThat(JitSettling.quiet(50, ONE_SECOND)).isTrue();
    assertThat(JitSettling.quiet(51, ONE_SECOND)).isFalse();
    assertThat(JitSettling.quiet(400, 2 * ONE_SECOND)).isFalse();
  }

  @Test
  void hotSpotReportsCompileTimeThatOnlyGrows() {
    assertThat(JitSettling.supported()).isTrue();
    long before = JitSettling.compiledMillis();
    assertThat(before).isNotNegative();
    assertThat(JitSettling.compiledMillis()).isGreaterThanOrEqualTo(before);
  }
}
