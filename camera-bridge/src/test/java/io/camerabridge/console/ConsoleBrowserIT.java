package io.camerabridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.bindings.systemd.SystemdNotifier;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.service.Bridge;
import io.camerabridge.tools.sim.PekatSimulator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's Chromium driven by Selenium through {@code
 * /usr/bin/chromedriver}, against the real service with a fake GigE camera and the PEKAT simulator.
 * Nothing is mocked: the page shows what the pipeline does.
 */
class ConsoleBrowserIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String TOKEN = "browser-token-0123456789abcdef";

  @TempDir Path dir;
  private WebDriver browser;
  private ChromeDriverService driverService;

  @BeforeEach
  void openBrowser() throws IOException {
    driverService =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    browser = new ChromeDriver(driverService, options);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (driverService != null) {
      driverService.stop();
    }
  }

  @Test
  void theConsoleShowsTheCameraLiveItsNgImagesAndItsLossWithoutAReload() throws Exception {
    try (PekatSimulator sim =
            PekatSimulator.builder().port(0).brightThreshold(170).build().start();
        FakeGvCameraProcess camera =
            FakeGvCameraProcess.builder()
                .serial("CONSOLE" + System.nanoTime() % 1_000_000)
                .start()) {
      Bridge bridge = start(config("", camera.deviceId(), sim.baseUri().toString(), true));
      try {
        browser.get(bridge.consoleUrl().orElseThrow());
        WebElement card = waitFor(By.cssSelector("article.card[data-camera='line1']"));
        waitForText(card, ".state", "streaming");

        WebElement preview = card.findElement(By.cssSelector(".preview-image"));
        new WebDriverWait(browser, PATIENCE).until(d -> imageLoaded(preview));
        BufferedImage first = screenshot(preview);
        assertThat(distinctColours(first)).as("a real picture, not a blank").isGreaterThan(50);
        String firstSrc = preview.getAttribute("src");
        new WebDriverWait(browser, PATIENCE)
            .until(d -> !firstSrc.equals(preview.getAttribute("src")) && imageLoaded(preview));
        BufferedImage later = screenshot(preview);
        assertThat(differingFraction(first, later)).as("the preview moves").isGreaterThan(0.01);
        assertThat(card.findElement(By.cssSelector(".verdict")).getText()).isIn("OK", "NG");
        Files.write(
            Path.of("target", "console-screenshot.png"),
            ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        card.findElement(By.cssSelector(".tab-ng")).click();
        // The list is rebuilt as NG images arrive: find and click a row in one go.
        new WebDriverWait(browser, PATIENCE)
            .ignoring(StaleElementReferenceException.class)
            .ignoring(NoSuchElementException.class)
            .until(
                d -> {
                  WebElement row = card.findElement(By.cssSelector("tr.ng-row"));
                  assertThat(row.getText()).containsPattern("\\d{4}-\\d{2}-\\d{2} ");
                  row.click();
                  return true;
                });
        WebElement dialog = waitFor(By.cssSelector("dialog#ng-dialog[open]"));
        WebElement full = dialog.findElement(By.id("ng-image"));
        new WebDriverWait(browser, PATIENCE).until(d -> imageLoaded(full));
        new WebDriverWait(browser, PATIENCE)
            .until(d -> dialog.findElement(By.id("ng-context")).getText().contains("result"));
        dialog.findElement(By.id("ng-close")).click();
        card.findElement(By.cssSelector(".tab-live")).click();

        String url = browser.getCurrentUrl();
        camera.kill();
        waitForText(card, ".state", "reconnecting");
        assertThat(browser.getCurrentUrl()).as("no reload").isEqualTo(url);
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
      } finally {
        bridge.stop();
      }
    }
  }

  @Test
  void aTokenKeepsTheConsoleClosedUntilSignedInAndThePageSurvivesARestart() throws Exception {
    String yaml =
        config(
            "console: { auth: { token: \"" + TOKEN + "\" } }\n",
            "CAM-1",
            "http://127.0.0.1:9",
            false);
    Bridge bridge = start(yaml);
    String base = bridge.consoleUrl().orElseThrow();
    try {
      browser.get(base);
      new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlToBe(base + "login"));
      browser.findElement(By.id("token")).sendKeys("not-the-token-at-all");
      browser.findElement(By.id("sign-in")).click();
      new WebDriverWait(browser, PATIENCE)
          .until(ExpectedConditions.visibilityOfElementLocated(By.id("failed")));

      browser.findElement(By.id("token")).sendKeys(TOKEN);
      browser.findElement(By.id("sign-in")).click();
      WebElement card = waitFor(By.cssSelector("article.card[data-camera='line1']"));
      waitForText(card, ".state", "stopped");
      waitForText(browser.findElement(By.tagName("body")), "#connection", "live");
      assertThat(browser.getPageSource()).doesNotContain(TOKEN);

      // A restart on the same address: the open page notices, then carries on by itself.
      int port = java.net.URI.create(base).getPort();
      bridge.stop();
      waitForText(browser.findElement(By.tagName("body")), "#connection", "reconnecting…");
      bridge = start(yaml.replace("127.0.0.1:0", "127.0.0.1:" + port));
      waitForText(browser.findElement(By.tagName("body")), "#connection", "live");
      assertThat(browser.getCurrentUrl()).isEqualTo(base);
    } finally {
      bridge.stop();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private String config(String extra, String device, String pekatUrl, boolean enabled) {
    return ConfigYaml.create()
        .metricsListen("127.0.0.1:0")
        .yaml(extra)
        .drainTimeout("2s")
        .camera(
            CameraYaml.of("line1", device)
                .enabled(enabled)
                .pixelFormat("BayerRG8")
                .size(1024, 768)
                .frameRate(10)
                .exposure("10ms")
                .set("frameTimeout", "1500ms")
                .pekat(pekatUrl)
                .set("results.saveNg.dir", dir.resolve("ng")))
        .toYaml();
  }

  private Bridge start(String yaml) throws Exception {
    Path file = dir.resolve("camera-bridge-" + System.nanoTime() + ".yaml");
    Files.writeString(file, yaml);
    BridgeConfig config = new ConfigLoader(Map.of()).load(file);
    Bridge bridge = new Bridge(config, SystemdNotifier.disabled());
    bridge.start();
    return bridge;
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(browser, PATIENCE)
        .until(ExpectedConditions.presenceOfElementLocated(by));
  }

  private void waitForText(WebElement scope, String css, String text) {
    new WebDriverWait(browser, PATIENCE)
        .until(d -> text.equals(scope.findElement(By.cssSelector(css)).getText()));
  }

  private boolean imageLoaded(WebElement img) {
    Object done =
        ((JavascriptExecutor) browser)
            .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", img);
    return Boolean.TRUE.equals(done);
  }

  private static BufferedImage screenshot(WebElement element) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xf0f0f0);
      }
    }
    return colours.size();
  }

  private static double differingFraction(BufferedImage a, BufferedImage b) {
    int w = Math.min(a.getWidth(), b.getWidth());
    int h = Math.min(a.getHeight(), b.getHeight());
    long differ = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          differ++;
        }
      }
    }
    return (double) differ / ((long) w * h);
  }
}
