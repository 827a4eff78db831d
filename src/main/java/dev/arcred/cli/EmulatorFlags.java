package dev.arcred.cli;

import dev.arcred.emulator.Durations;
import dev.arcred.emulator.EmulatorOptions;
import dev.arcred.emulator.Faults;
import dev.arcred.emulator.Latency;
import dev.arcred.emulator.Quotas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The embedded emulator's own options, accepted by every command that starts one (--fleet, --demo) and by
 * {@code arcred emulator}. File formats: docs/emulator.md.
 */
public final class EmulatorFlags {
  @Option(names = "--deny-project", paramLabel = "PROJECT",
      description = "Emulator: answer PERMISSION_DENIED for this project's repositories and secrets (repeatable).")
  List<String> denyProjects = new ArrayList<>();

  @Option(names = "--deny-secret", paramLabel = "SECRET",
      description = "Emulator: answer PERMISSION_DENIED for this secret, projects/P/secrets/S (repeatable).")
  List<String> denySecrets = new ArrayList<>();

  @Option(names = "--latency", paramLabel = "none|realistic|FILE", defaultValue = "none",
      description = "Emulator: time added to each call; realistic is ~40 ms a read, ~80 ms a write, jittered "
          + "(default: ${DEFAULT-VALUE}).")
  String latency = "none";

  @Option(names = "--quotas", paramLabel = "google|none|FILE", defaultValue = "none",
      description = "Emulator: request quotas per calling project (x-goog-user-project) and, for Cloud Asset, per "
          + "organization; RESOURCE_EXHAUSTED past them; google is DESIGN.md's defaults (default: ${DEFAULT-VALUE}).")
  String quotas = "none";

  @Option(names = "--faults", paramLabel = "FILE",
      description = "Emulator: a faults file (error rates, added latency, denials, IAM writer, Cloud Asset lag).")
  Path faults;

  @Option(names = "--fail", paramLabel = "CODE:RATE[:METHODS]",
      description = "Emulator: fail this share of calls with this code, e.g. UNAVAILABLE:0.1 or "
          + "INTERNAL:5%%:SecretManagerService/* (repeatable).")
  List<String> fail = new ArrayList<>();

  @Option(names = "--fault-seed", paramLabel = "N", description = "Emulator: seed of the injected errors' draws.")
  Long faultSeed;

  @Option(names = "--asset-lag", paramLabel = "DURATION",
      description = "Emulator: Cloud Asset answers from the fleet as it was this long ago (e.g. 5m).")
  String assetLag;

  @Option(names = "--iam-writer", paramLabel = "PERIOD",
      description = "Emulator: a concurrent writer edits a secret's IAM policy (unrelated bindings) this often "
          + "(e.g. 50ms).")
  String iamWriter;

  /** Whether any emulator option was given (they mean nothing without an emulator to start). */
  public boolean anyGiven() {
    return !denyProjects.isEmpty() || !denySecrets.isEmpty() || !latency.equals("none") || !quotas.equals("none")
        || faults != null || !fail.isEmpty() || faultSeed != null || assetLag != null || iamWriter != null;
  }

  /**
   * These flags applied to the emulator's options.
   *
   * @throws IllegalArgumentException with a message naming the flag, for a value or file that cannot be used
   */
  public EmulatorOptions toOptions(EmulatorOptions base) {
    Faults f = faults == null ? Faults.none() : Faults.load(faults);
    try {
      f = f.withErrors(fail.stream().map(Faults.ErrorRule::parseFlag).toList());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--fail: " + e.getMessage());
    }
    if (faultSeed != null) {
      f = f.withSeed(faultSeed);
    }
    if (assetLag != null) {
      f = f.withAssetLag(flag("--asset-lag", assetLag));
    }
    if (iamWriter != null) {
      var period = flag("--iam-writer", iamWriter);
      if (period.isZero()) {
        throw new IllegalArgumentException("--iam-writer: the period must be more than 0");
      }
      f = f.withIamWriter(period);
    }
    Latency l;
    Quotas q;
    try {
      l = Latency.of(latency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--latency: " + e.getMessage());
    }
    try {
      q = Quotas.of(quotas);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--quotas: " + e.getMessage());
    }
    return base.withLatency(l).withQuotas(q).withFaults(f).denyProjects(denyProjects).denySecrets(denySecrets);
  }

  private static java.time.Duration flag(String name, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }
}
