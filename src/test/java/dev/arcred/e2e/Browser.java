package dev.arcred.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.CapabilityType;

/**
 * Debian's headless Chromium driven through Debian's chromedriver with Selenium. Both paths are given, so Selenium
 * Manager never runs and nothing is downloaded. Tests that need it are skipped, with a message, where either binary
 * is missing; .ci/run installs both.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /**
   * Runs in every page before its own scripts: records every dialog (alert, confirm, prompt, print) instead of
   * showing it, and every Content-Security-Policy violation, so that a test can assert that none happened.
   */
  private static final String WATCH = """
      window.__arcredDialogs = [];
      window.__arcredViolations = [];
      ['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
        window[name] = function (message) { window.__arcredDialogs.push(name + ': ' + message); };
      });
      document.addEventListener('securitypolicyviolation', function (e) {
        window.__arcredViolations.push(e.violatedDirective + ' ' + e.blockedURI);
      });
      """;

  /** Held so that the setting sticks: Selenium warns that it has no CDP classes for this Chromium; none are used. */
  private static final java.util.logging.Logger CDP_FINDER =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_FINDER.setLevel(java.util.logging.Level.OFF);
  }

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser test skipped: needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
            + "); install them with: apt-get install -y chromium chromium-driver (.ci/run does)");
  }

  /** A fresh headless Chromium with its own new profile folder and the given window size. */
  static Browser start(int width, int height) throws IOException {
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory("arcred-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    // a dialog, if the page ever opened one, stays open for the test to find instead of being dismissed
    options.setCapability(CapabilityType.UNHANDLED_PROMPT_BEHAVIOUR, UnexpectedAlertBehaviour.IGNORE);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogOutput(java.io.OutputStream.nullOutputStream())
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
    return new Browser(driver, profile);
  }

  /** Opens a file and waits until the report's script says it is ready (html[data-ready]). */
  void open(Path file) {
    driver.get(file.toUri().toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (js("return document.documentElement.getAttribute('data-ready');") == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the report's script never ran on " + file);
      }
      sleep(20);
    }
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
