package io.camerabridge.ops;

import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.chart.ChartFixtures;
import io.camerabridge.tools.sim.Fault;
import io.camerabridge.tools.sim.Latency;
import io.camerabridge.tools.sim.PekatSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Makes docs/dashboard.png from a real run: the shipped jar streams a fake GigE camera (1024x768
 * Mono8, 20 fps) into the PEKAT simulator for 100 s while the simulator slows down (25-45 s: 60-90
 * ms per image, more than the 50 ms frame period), fails (50-58 s: HTTP 500) and the camera freezes
 * (70-76 s: SIGSTOP). {@code /metrics} is scraped every second and charted like the Grafana
 * dashboard.
 *
 * <pre>
 * mvn -o -q -pl camera-bridge -am -DskipTests package
 * mvn -o -q -pl camera-bridge dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp
 * java -cp native-bindings/target/classes:camera-bridge/target/test-classes:camera-bridge/target/classes:$(cat /tmp/cp) \
 *   io.camerabridge.ops.DashboardRun camera-bridge/target/camera-bridge.jar docs/dashboard.png
 * </pre>
 */
public final class DashboardRun {

  private static final int SECONDS = 100;

  private DashboardRun() {}

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    Path png = Path.of(args[1]);
    Path dir = Files.createTempDirectory("dashboard-run");
    List<String> scrapes = new ArrayList<>();
    try (FakeGvCameraProcess camera = FakeGvCameraProcess.start();
        PekatSimulator pekat = PekatSimulator.builder().port(0).build().start()) {
      Path config = dir.resolve("camera-bridge.yaml");
      Files.writeString(
          config, ServiceProcess.config(camera.deviceId(), pekat.baseUri(), 1024, 768, 20));
      try (ServiceProcess service =
          ServiceProcess.start(jar, config, Map.of(), dir.resolve("service.log"))) {
        awaitStarted(service);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch done = new CountDownLatch(1);
        clock.scheduleAtFixedRate(
            () -> tick(service, camera, pekat, scrapes, done), 0, 1, TimeUnit.SECONDS);
        done.await();
        clock.shutdownNow();
        System.out.println(
            service.log().lines().filter(l -> !l.startsWith("<6>")).limit(40).toList());
      }
    }
    ChartFixtures.render(
        scrapes,
        List.of(
            ChartFixtures.marker(25, "PEKAT slow"),
            ChartFixtures.marker(45, "normal"),
            ChartFixtures.marker(50, "HTTP 500"),
            ChartFixtures.marker(58, "normal"),
            ChartFixtures.marker(70, "camera frozen"),
            ChartFixtures.marker(76, "resumed")),
        "fake GigE camera 1024x768 Mono8 at 20 fps → PEKAT simulator over loopback; one"
            + " scrape per second; PromQL as in docs/grafana/camera-bridge.json",
        png);
    System.out.println("wrote " + png + " from " + scrapes.size() + " scrapes");
  }

  private static void tick(
      ServiceProcess service,
      FakeGvCameraProcess camera,
      PekatSimulator pekat,
      List<String> scrapes,
      CountDownLatch done) {
    try {
      int second = scrapes.size();
      scrapes.add(service.get("/metrics").body());
      switch (second) {
        case 25 -> pekat.setLatency(Latency.between(Duration.ofMillis(60), Duration.ofMillis(90)));
        case 45 -> pekat.setLatency(Latency.NONE);
        case 50 -> pekat.setFault(Fault.HTTP_500);
        case 58 -> pekat.setFault(Fault.NONE);
        case 70 -> camera.pause();
        case 76 -> camera.resume();
        default -> {}
      }
      if (second >= SECONDS) {
        done.countDown();
      }
    } catch (Exception e) {
      e.printStackTrace();
      done.countDown();
    }
  }

  private static void awaitStarted(ServiceProcess service) throws Exception {
    try {
      await("service ready")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .failFast("service exited", () -> !service.process().isAlive())
          .until(() -> service.statusBase() != null && service.get("/ready").statusCode() == 200);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new IllegalStateException("service did not start:\n" + service.log(), e);
    }
  }
}
