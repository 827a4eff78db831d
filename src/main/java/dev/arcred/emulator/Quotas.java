package dev.arcred.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Request quotas the emulator enforces, answering RESOURCE_EXHAUSTED past them as Google does. {@code none} (the
 * default) enforces nothing; {@code google} the default quotas of DESIGN.md (the bundled {@code google-quotas.txt});
 * a quota file has one quota a line:
 *
 * <pre>
 * # NAME                     LIMIT  PER     CHARGED TO     METHODS...
 * secretmanager-reads          600  minute  caller         SecretManagerService/Get* SecretManagerService/List*
 * artifactregistry-requests  60000  minute  caller+region  ArtifactRegistry/*
 * cloudasset-list-per-org      800  minute  organization   AssetService/ListAssets
 * </pre>
 *
 * PER is {@code second}, {@code minute}, {@code hour} or {@code day}. CHARGED TO: {@code caller} is the calling
 * project, the {@code x-goog-user-project} header (else one default caller); {@code caller+region} the calling
 * project in the region the call targets (Artifact Registry counts per region); {@code organization} the
 * organization the call targets (Cloud Asset counts per target organization too). METHODS as in
 * {@link MethodPattern}. A call is charged to every quota whose methods match it, and refused when any is spent.
 * Each quota admits at most LIMIT calls per key in any PER-long span (a sliding window).
 */
public final class Quotas {
  public enum Key { CALLER, CALLER_REGION, ORGANIZATION }

  record Quota(String name, long limit, Duration period, Key key, List<MethodPattern> methods) {
    String describe() {
      return limit + " per " + unit(period) + " per " + switch (key) {
        case CALLER -> "calling project";
        case CALLER_REGION -> "calling project and region";
        case ORGANIZATION -> "target organization";
      };
    }

    private static String unit(Duration d) {
      return d.equals(Duration.ofSeconds(1)) ? "second" : d.equals(Duration.ofMinutes(1)) ? "minute"
          : d.equals(Duration.ofHours(1)) ? "hour" : "day";
    }
  }

  private static final Quotas NONE = new Quotas("none", List.of());

  private final String label;
  private final List<Quota> quotas;

  private Quotas(String label, List<Quota> quotas) {
    this.label = label;
    this.quotas = List.copyOf(quotas);
  }

  public static Quotas none() {
    return NONE;
  }

  /** DESIGN.md's default quotas, from the bundled google-quotas.txt. */
  public static Quotas google() {
    try (InputStream in = Quotas.class.getResourceAsStream("google-quotas.txt")) {
      if (in == null) {
        throw new IllegalStateException("google-quotas.txt is missing from the jar");
      }
      Quotas parsed = parse("google-quotas.txt", new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      return new Quotas("google", parsed.quotas);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code google}, {@code none}, or the path of a quota file. */
  public static Quotas of(String spec) {
    return switch (spec) {
      case "none" -> NONE;
      case "google" -> google();
      default -> load(Path.of(spec));
    };
  }

  public static Quotas load(Path file) {
    try {
      return parse(file.toString(), Files.readAllLines(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read quota file: " + e.getMessage());
    }
  }

  public static Quotas parse(String source, List<String> lines) {
    List<Quota> quotas = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = FileLines.fields(lines.get(i));
      if (f.length == 0) {
        continue;
      }
      try {
        quotas.add(quota(f));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return new Quotas(source, quotas);
  }

  private static Quota quota(String[] f) {
    if (f.length < 5) {
      throw new IllegalArgumentException("a quota is NAME LIMIT PER CHARGED-TO METHODS..., "
          + "e.g. 'secretmanager-reads 600 minute caller SecretManagerService/Get*'");
    }
    long limit;
    try {
      limit = Long.parseLong(f[1]);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1) {
      throw new IllegalArgumentException("LIMIT is a positive number of calls, not '" + f[1] + "'");
    }
    Duration period = switch (f[2]) {
      case "second" -> Duration.ofSeconds(1);
      case "minute" -> Duration.ofMinutes(1);
      case "hour" -> Duration.ofHours(1);
      case "day" -> Duration.ofDays(1);
      default -> throw new IllegalArgumentException("PER is second, minute, hour or day, not '" + f[2] + "'");
    };
    Key key = switch (f[3]) {
      case "caller" -> Key.CALLER;
      case "caller+region" -> Key.CALLER_REGION;
      case "organization" -> Key.ORGANIZATION;
      default -> throw new IllegalArgumentException(
          "CHARGED-TO is caller, caller+region or organization, not '" + f[3] + "'");
    };
    List<MethodPattern> methods = Arrays.stream(f, 4, f.length).map(MethodPattern::parse).toList();
    return new Quota(f[0], limit, period, key, methods);
  }

  public boolean isNone() {
    return quotas.isEmpty();
  }

  List<Quota> quotas() {
    return quotas;
  }

  @Override
  public String toString() {
    return label;
  }
}
