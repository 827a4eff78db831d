package dev.arcred.emulator.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's largest shape, 50,000 npm remotes in 10,000 projects, generated in a JVM whose heap is capped at
 * 64 MB: the file is over 100 MB, so this only passes if generation streams. Prints the time (not asserted).
 */
class LargeFleetTest {
  static final String HEAP = "64m";

  @TempDir Path dir;

  @Test
  void fiftyThousandRepositoriesInABoundedHeap() throws Exception {
    Path file = dir.resolve("fleet-50k.ndjson");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx" + HEAP, "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    String output;
    try (var in = child.getInputStream()) {
      output = new String(in.readAllBytes());
    }
    assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    System.out.println("LargeFleetTest: " + output.strip());

    assertThat(Files.size(file)).isGreaterThan(100L << 20);
    List<String> counts = Files.readAllLines(FleetGenerator.expectedCountsPath(file));
    assertThat(counts).contains("AUDITED,50000", "SERVICE_AGENT_BROAD_ACCESS,1000", "SECRET_VERSION_DISABLED,2000");
    long projects;
    try (var lines = Files.lines(file)) {
      projects = lines.filter(l -> l.startsWith("{\"name\":\"//cloudresourcemanager.googleapis.com/projects/")
          && l.contains("\"resource\":")).count();
    }
    assertThat(projects).isEqualTo(10_000);
    int projectLocations = figure(output, "project_locations");
    int failingSecrets = figure(output, "failing_secrets");
    assertThat(projectLocations).isBetween(10_000, 12_000);
    assertThat(failingSecrets).isLessThanOrEqualTo(1_500); // 3% of 50,000
  }

  private static int figure(String output, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "=([0-9]+)").matcher(output);
    assertThat(m.find()).as(name + " in " + output).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** Runs in the child JVM: generates, then prints time, size and the peak heap. */
  public static final class Main {
    public static void main(String[] args) throws IOException {
      long start = System.nanoTime();
      FleetSummary s = new FleetGenerator(FleetSpec.of(50_000)).write(Path.of(args[0]));
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf("%s seconds=%.1f peak_heap_mb=%d (max %s)%n", s.describe(), seconds, peak >> 20, HEAP);
    }
  }
}
