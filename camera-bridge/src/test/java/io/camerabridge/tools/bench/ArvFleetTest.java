package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArvFleetTest {

  @Test
  void cpuTicksAreUtimePlusStimeEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
    String stat =
        "4242 (arv camera (test)) S 1 4242 4242 0 -1 4194304 120 0 0 0 731 269 0 0 20 0 3 0 99";
    assertThat(ArvFleet.parseCpuTicks(stat)).isEqualTo(731 + 269);
  }

  @Test
  void thisProcessHasSpentSomeCpu() {
    assertThat(ArvFleet.cpuTicks(ProcessHandle.current().pid())).isPositive();
  }

  @Test
  void aProcessThatIsGoneCountsNothing() {
    assertThat(ArvFleet.cpuTicks(Long.MAX_VALUE)).isZero();
  }
}
