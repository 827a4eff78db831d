package dev.arcred.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where arcred's bundled files live: the checkout the launcher runs from (-Darcred.home), else the working folder. */
final class AppHome {
  private AppHome() {}

  static Path root() {
    String home = System.getProperty("arcred.home");
    return home == null ? Path.of("").toAbsolutePath() : Path.of(home);
  }

  static Path demoFleet() {
    return root().resolve("app/demo-fleet.ndjson");
  }

  static Path templates() {
    return root().resolve("report-templates");
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
