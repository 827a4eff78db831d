package dev.arcred.cli;

import dev.arcred.bench.Bench;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arcred bench}: the scale benchmark of the scale issue. A benchmark that prints figures, not a test. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Measures arcred against the naive audit and against the lower bound, on generated fleets served by an",
      "emulator in its own process. Its last line: bench repos=10000 calls_per_repo=X wall_s=Y bound_s=Z",
      "wall_vs_bound=W naive_vs_arcred_1k=V heap_mb_10k=H heap_mb_50k=G"})
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,50000",
      description = "Fleet sizes, in npm remote repositories (default: ${DEFAULT-VALUE}); 5 per project.")
  List<Integer> sizes;

  @Option(names = "--naive-size", defaultValue = "1000", description = "Size on which the naive audit runs too (default: ${DEFAULT-VALUE}; 0: none).")
  int naiveSize;

  @Option(names = "--latency", defaultValue = "realistic", description = "The emulator's latency (default: ${DEFAULT-VALUE}).")
  String latency;

  @Option(names = "--quotas", defaultValue = "google", description = "The emulator's quotas (default: ${DEFAULT-VALUE}).")
  String quotas;

  @Option(names = "--parallelism", defaultValue = "8", description = "Concurrency of arcred and of the naive audit (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--work", defaultValue = "target/bench", description = "Where fleets and outputs go (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--heap", defaultValue = "512m",
      description = "-Xmx of arcred's process (default: ${DEFAULT-VALUE}: the memory target at 50,000 repositories).")
  String heap;

  @Override
  public Integer call() throws Exception {
    return new Bench(work, parallelism, latency, quotas, heap, AppHome.root()).run(sizes, naiveSize);
  }
}
