package dev.arcred.bench;

import dev.arcred.emulator.generate.FleetGenerator;
import dev.arcred.emulator.generate.FleetSpec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The scale benchmark: generated fleets of fixed shapes (5 npm remotes per project, 20 folders, three locations,
 * about 2% per fault kind), each served by an emulator in its own process (so that arcred's heap is measured
 * alone), audited by arcred in another process, and on the smallest by the naive audit too. Prints figures.
 */
public final class Bench {
  static final String NOW = "2026-12-01T00:00:00Z";

  private final Path work;
  private final int parallelism;
  private final String latency;
  private final String quotas;
  private final String heap;
  private final Path home;

  public Bench(Path work, int parallelism, String latency, String quotas, String heap, Path home) {
    this.work = work;
    this.parallelism = parallelism;
    this.latency = latency;
    this.quotas = quotas;
    this.heap = heap;
    this.home = home;
  }

  record Run(String who, int repos, double wall, long calls, long secretManagerCalls, long heapBytes,
      LowerBound bound, Set<String> findings, Map<String, Long> byRule) {}

  public int run(List<Integer> sizes, int naiveSize) throws Exception {
    Files.createDirectories(work);
    Map<Integer, Run> arcred = new LinkedHashMap<>();
    Run naive = null;
    boolean ok = true;
    for (int size : sizes) {
      Path fleet = fleet(size);
      FleetShape shape = FleetShape.of(fleet);
      Run run = arcred(size, fleet, shape);
      arcred.put(size, run);
      ok &= report(run, fleet);
      if (size == naiveSize) {
        naive = naive(size, fleet, shape);
        ok &= report(naive, fleet);
        boolean same = naive.findings().equals(run.findings());
        System.out.println("naive and arcred report the same findings: " + same
            + (same ? "" : " (only naive: " + diff(naive.findings(), run.findings()) + "; only arcred: "
                + diff(run.findings(), naive.findings()) + ")"));
        ok &= same;
      }
    }
    Run tenK = arcred.getOrDefault(10000, arcred.values().iterator().next());
    Run oneK = arcred.get(naiveSize);
    double naiveRatio = naive != null && oneK != null ? naive.wall() / oneK.wall() : Double.NaN;
    Run fiftyK = arcred.get(50000);
    System.out.printf(Locale.ROOT,
        "bench repos=%d calls_per_repo=%.3f wall_s=%.1f bound_s=%.1f wall_vs_bound=%.2f naive_vs_arcred_1k=%.1f "
            + "heap_mb_10k=%d heap_mb_50k=%s%n",
        tenK.repos(), (double) tenK.calls() / tenK.repos(), tenK.wall(), tenK.bound().seconds(),
        tenK.wall() / Math.max(tenK.bound().seconds(), 1e-9), naiveRatio, tenK.heapBytes() >> 20,
        fiftyK == null ? "NaN" : String.valueOf(fiftyK.heapBytes() >> 20));
    return ok ? 0 : 1;
  }

  private boolean report(Run run, Path fleet) throws IOException {
    System.out.printf(Locale.ROOT,
        "run=%s repos=%d wall_s=%.1f calls=%d calls_per_repo=%.3f secret_manager_calls=%d heap_mb=%s "
            + "bound_calls=%d bound_s=%.1f wall_vs_bound=%.2f%n",
        run.who(), run.repos(), run.wall(), run.calls(), (double) run.calls() / run.repos(),
        run.secretManagerCalls(), run.heapBytes() < 0 ? "-" : String.valueOf(run.heapBytes() >> 20),
        run.bound().calls(), run.bound().seconds(), run.wall() / Math.max(run.bound().seconds(), 1e-9));
    Map<String, Long> expected = expectedCounts(fleet);
    Map<String, Long> got = new TreeMap<>(run.byRule());
    got.put("AUDITED", expected.getOrDefault("AUDITED", 0L)); // checked apart below
    boolean match = true;
    for (var e : expected.entrySet()) {
      if (e.getKey().equals("AUDITED")) {
        continue;
      }
      if (!e.getValue().equals(got.getOrDefault(e.getKey(), 0L))) {
        System.out.println("  " + run.who() + ": " + e.getKey() + " expected " + e.getValue() + ", found "
            + got.getOrDefault(e.getKey(), 0L));
        match = false;
      }
    }
    System.out.println("  " + run.who() + " findings match the generator's expected counts: " + match);
    return match;
  }

  private Path fleet(int size) throws IOException {
    Path fleet = work.resolve("fleet-" + size + ".ndjson");
    if (!Files.exists(fleet) || !Files.exists(FleetGenerator.expectedCountsPath(fleet))) {
      FleetSpec spec = new FleetSpec(size, FleetSpec.defaultProjects(size), FleetSpec.DEFAULT_FOLDERS,
          FleetSpec.DEFAULT_LOCATIONS, FleetSpec.DEFAULT_SEED, FleetSpec.DEFAULT_NOW);
      System.out.println("generating " + fleet + " ...");
      new FleetGenerator(spec).write(fleet);
    }
    return fleet;
  }

  private Run arcred(int size, Path fleet, FleetShape shape) throws Exception {
    try (EmulatorChild emulator = new EmulatorChild(fleet)) {
      Path out = work.resolve("arcred-" + size);
      Path stats = work.resolve("arcred-" + size + ".stats");
      Files.deleteIfExists(stats);
      List<String> cmd = java("-Xmx" + heap, "dev.arcred.cli.Main", "audit", "--endpoint", emulator.endpoint,
          "--org", emulator.organization.substring("organizations/".length()), "--now", NOW,
          "--out", out.toString(), "--parallelism", String.valueOf(parallelism), "--stats", stats.toString());
      int exit = exec(cmd, work.resolve("arcred-" + size + ".log"));
      if (exit != 0 && exit != 1) {
        throw new IllegalStateException("arcred exited " + exit + " (see " + work.resolve("arcred-" + size + ".log") + ")");
      }
      String[] fields = Files.readString(stats).strip().split(" ");
      double wall = Double.parseDouble(fields[0].substring("wall_s=".length()));
      long heapBytes = Long.parseLong(fields[1].substring("heap_bytes=".length()));
      Map<String, Long> calls = emulator.calls();
      long sm = secretManagerCalls(calls);
      long total = calls.values().stream().mapToLong(Long::longValue).sum();
      LowerBound bound = LowerBound.of(shape, sm + calls.getOrDefault(
          "google.cloud.asset.v1.AssetService/BatchGetEffectiveIamPolicies", 0L), parallelism, readLatency(), quotasOn());
      return new Run("arcred", size, wall, total, sm, heapBytes, bound, findings(out), byRule(out));
    }
  }

  private Run naive(int size, Path fleet, FleetShape shape) throws Exception {
    try (EmulatorChild emulator = new EmulatorChild(fleet)) {
      Path out = work.resolve("naive-" + size);
      Path log = work.resolve("naive-" + size + ".log");
      List<String> cmd = java("-Xmx" + heap, "dev.arcred.bench.NaiveAudit", emulator.endpoint,
          emulator.organization.substring("organizations/".length()), NOW, out.toString(), String.valueOf(parallelism));
      int exit = exec(cmd, log);
      if (exit != 0) {
        throw new IllegalStateException("the naive audit exited " + exit + " (see " + log + ")");
      }
      double wall = Files.readAllLines(log).stream().filter(l -> l.startsWith("wall_s="))
          .mapToDouble(l -> Double.parseDouble(l.substring("wall_s=".length()))).findFirst().orElseThrow();
      Map<String, Long> calls = emulator.calls();
      long total = calls.values().stream().mapToLong(Long::longValue).sum();
      LowerBound bound = LowerBound.of(shape, 0, parallelism, readLatency(), quotasOn());
      return new Run("naive", size, wall, total, secretManagerCalls(calls), -1, bound, findings(out), byRule(out));
    }
  }

  private static long secretManagerCalls(Map<String, Long> calls) {
    return calls.entrySet().stream().filter(e -> e.getKey().startsWith("google.cloud.secretmanager."))
        .mapToLong(Map.Entry::getValue).sum();
  }

  private double readLatency() {
    return latency.equals("realistic") ? 0.040 : 0.0;
  }

  private boolean quotasOn() {
    return quotas.equals("google");
  }

  private List<String> java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Darcred.home=" + home);
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static int exec(List<String> cmd, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("ARCRED_PROGRESS", "lines");
    Process p = pb.start();
    return p.waitFor();
  }

  private static Set<String> findings(Path out) throws IOException {
    Set<String> keys = new HashSet<>();
    for (CSVRecord r : csv(out.resolve("findings.csv"))) {
      keys.add(r.get("repository") + " " + r.get("rule"));
    }
    return keys;
  }

  private static Map<String, Long> byRule(Path out) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (CSVRecord r : csv(out.resolve("findings.csv"))) {
      counts.merge(r.get("rule"), 1L, Long::sum);
    }
    return counts;
  }

  private static Map<String, Long> expectedCounts(Path fleet) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (CSVRecord r : csv(FleetGenerator.expectedCountsPath(fleet))) {
      counts.put(r.get("rule"), Long.parseLong(r.get("count")));
    }
    return counts;
  }

  private static List<CSVRecord> csv(Path file) throws IOException {
    try (var in = Files.newBufferedReader(file)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }

  private static String diff(Set<String> a, Set<String> b) {
    Set<String> d = new HashSet<>(a);
    d.removeAll(b);
    return d.size() + (d.isEmpty() ? "" : " e.g. " + d.iterator().next());
  }

  /** The emulator in its own process, spoken to over its stdin and stdout. */
  private final class EmulatorChild implements AutoCloseable {
    final Process process;
    final BufferedReader out;
    final BufferedWriter in;
    final String endpoint;
    final String organization;

    EmulatorChild(Path fleet) throws IOException {
      List<String> cmd = java("-Xmx4g", "dev.arcred.bench.EmulatorProcess", "--fleet", fleet.toString());
      if (!latency.equals("none")) {
        cmd.addAll(List.of("--latency", latency));
      }
      if (!quotas.equals("none")) {
        cmd.addAll(List.of("--quotas", quotas));
      }
      process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith("endpoint ")) {
        throw new IllegalStateException("the emulator did not start: " + line);
      }
      String[] parts = line.split(" ");
      endpoint = parts[1];
      organization = parts[2];
    }

    Map<String, Long> calls() throws IOException {
      in.write("calls\n");
      in.flush();
      Map<String, Long> calls = new TreeMap<>();
      String line;
      while ((line = out.readLine()) != null && !line.equals("end")) {
        String[] parts = line.split(" ");
        calls.put(parts[1], Long.parseLong(parts[2]));
      }
      return calls;
    }

    @Override
    public void close() throws Exception {
      try {
        in.write("quit\n");
        in.flush();
      } catch (IOException gone) {
        // already stopped
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
