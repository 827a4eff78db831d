package dev.arcred.emulator;

import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Faults the emulator injects, from {@code --faults FILE} and flags. A faults file has one directive a line
 * ({@code #} starts a comment):
 *
 * <pre>
 * seed 42                                  # the draws of error rates are reproducible per seed
 * error   *                UNAVAILABLE        0.10   # METHODS CODE RATE: that share of matching calls fails
 * error   read:AssetService/*  RESOURCE_EXHAUSTED 0.05
 * latency SecretManagerService/GetIamPolicy  300ms 50ms   # METHODS DELAY [JITTER], added to --latency
 * deny-project team-c                      # PERMISSION_DENIED for a project's repositories and secrets
 * deny-secret  projects/shared/secrets/npm-token
 * iam-writer   50ms                        # a concurrent writer edits an IAM policy this often
 * asset-lag    5m                          # Cloud Asset answers from the fleet as it was this long ago
 * </pre>
 *
 * Error rates of one method add up (0.1 UNAVAILABLE and 0.1 RESOURCE_EXHAUSTED: 20% of its calls fail). Each
 * draw depends only on the seed, the method, the request and how many times that same request came before, so a
 * run's faults do not depend on thread timing. The concurrent writer adds and removes bindings of
 * {@code roles/secretmanager.viewer} for {@code user:iam-writer-N@example.com} on secrets' policies: changes that
 * move etags and fill Cloud Asset's history but never change who can read a secret's payload.
 */
public record Faults(long seed, List<ErrorRule> errors, Latency latency, Duration iamWriterPeriod, Duration assetLag,
    Set<String> deniedProjects, Set<String> deniedSecrets) {

  /** A share of a method's calls answered with a status code. */
  public record ErrorRule(MethodPattern methods, Status.Code code, double rate) {
    public ErrorRule {
      if (code == Status.Code.OK) {
        throw new IllegalArgumentException("an injected error needs a code other than OK");
      }
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("an error rate is between 0 and 1, not " + rate);
      }
    }

    /** {@code CODE:RATE[:METHODS]}, as {@code --fail} takes it (e.g. {@code UNAVAILABLE:0.1:ArtifactRegistry/*}). */
    public static ErrorRule parseFlag(String text) {
      String[] parts = text.split(":", 3);
      if (parts.length < 2) {
        throw new IllegalArgumentException("--fail takes CODE:RATE[:METHODS], e.g. UNAVAILABLE:0.1, not '" + text + "'");
      }
      return new ErrorRule(MethodPattern.parse(parts.length == 3 ? parts[2] : "*"), Faults.code(parts[0]),
          Faults.rate(parts[1]));
    }
  }

  public Faults {
    errors = List.copyOf(errors);
    deniedProjects = Set.copyOf(deniedProjects);
    deniedSecrets = Set.copyOf(deniedSecrets);
    if (iamWriterPeriod.isNegative() || assetLag.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  public static Faults none() {
    return new Faults(1, List.of(), Latency.none(), Duration.ZERO, Duration.ZERO, Set.of(), Set.of());
  }

  public static Faults load(Path file) {
    try {
      return parse(file.toString(), Files.readAllLines(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read faults file: " + e.getMessage());
    }
  }

  /** Parses the lines of a faults file; errors name {@code source:line}. */
  public static Faults parse(String source, List<String> lines) {
    Faults faults = none();
    List<Latency.Rule> latency = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = FileLines.fields(lines.get(i));
      if (f.length == 0) {
        continue;
      }
      try {
        faults = switch (f[0]) {
          case "seed" -> {
            arity(f, 2, "seed N");
            try {
              yield faults.withSeed(Long.parseLong(f[1]));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("a seed is a whole number, not '" + f[1] + "'");
            }
          }
          case "error" -> {
            arity(f, 4, "error METHODS CODE RATE");
            yield faults.withErrors(List.of(new ErrorRule(MethodPattern.parse(f[1]), code(f[2]), rate(f[3]))));
          }
          case "latency" -> {
            latency.add(Latency.rule(f, 1));
            yield faults;
          }
          case "deny-project" -> {
            arity(f, 2, "deny-project PROJECT");
            yield faults.withDenials(List.of(f[1]), List.of());
          }
          case "deny-secret" -> {
            arity(f, 2, "deny-secret projects/P/secrets/S");
            yield faults.withDenials(List.of(), List.of(f[1]));
          }
          case "iam-writer" -> {
            arity(f, 2, "iam-writer PERIOD");
            yield faults.withIamWriter(Durations.parse(f[1]));
          }
          case "asset-lag" -> {
            arity(f, 2, "asset-lag DURATION");
            yield faults.withAssetLag(Durations.parse(f[1]));
          }
          default -> throw new IllegalArgumentException("unknown directive '" + f[0]
              + "' (seed, error, latency, deny-project, deny-secret, iam-writer, asset-lag)");
        };
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    if (!latency.isEmpty()) {
      faults = faults.withLatency(Latency.ofRules(source, latency));
    }
    return faults;
  }

  private static void arity(String[] f, int n, String usage) {
    if (f.length != n) {
      throw new IllegalArgumentException("expected '" + usage + "'");
    }
  }

  static Status.Code code(String text) {
    try {
      return Status.Code.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a gRPC status code: '" + text
          + "' (e.g. UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, INTERNAL)");
    }
  }

  static double rate(String text) {
    try {
      return Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text)
          / (text.endsWith("%") ? 100 : 1);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a rate: '" + text + "' (e.g. 0.1 or 10%)");
    }
  }

  public boolean isNone() {
    return errors.isEmpty() && latency.isNone() && iamWriterPeriod.isZero() && assetLag.isZero()
        && deniedProjects.isEmpty() && deniedSecrets.isEmpty();
  }

  public Faults withSeed(long newSeed) {
    return new Faults(newSeed, errors, latency, iamWriterPeriod, assetLag, deniedProjects, deniedSecrets);
  }

  /** These error rules too. */
  public Faults withErrors(Collection<ErrorRule> more) {
    List<ErrorRule> all = new ArrayList<>(errors);
    all.addAll(more);
    return new Faults(seed, all, latency, iamWriterPeriod, assetLag, deniedProjects, deniedSecrets);
  }

  public Faults withLatency(Latency added) {
    return new Faults(seed, errors, added, iamWriterPeriod, assetLag, deniedProjects, deniedSecrets);
  }

  public Faults withIamWriter(Duration period) {
    return new Faults(seed, errors, latency, period, assetLag, deniedProjects, deniedSecrets);
  }

  public Faults withAssetLag(Duration lag) {
    return new Faults(seed, errors, latency, iamWriterPeriod, lag, deniedProjects, deniedSecrets);
  }

  public Faults withDenials(Collection<String> projects, Collection<String> secrets) {
    Set<String> p = new TreeSet<>(deniedProjects);
    p.addAll(projects);
    Set<String> s = new TreeSet<>(deniedSecrets);
    s.addAll(secrets);
    return new Faults(seed, errors, latency, iamWriterPeriod, assetLag, p, s);
  }
}
