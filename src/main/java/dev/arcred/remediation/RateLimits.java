package dev.arcred.remediation;

import com.google.common.util.concurrent.RateLimiter;
import java.util.EnumMap;
import java.util.Map;

/**
 * Client-side rate limits per API and kind of call, set from Google's default quotas (requests a minute):
 * Secret Manager 600 reads and 600 writes, Artifact Registry 60,000 requests of which 18,000 writes. Google
 * charges quota to the calling project (the credentials' project, or the quota project sent as
 * x-goog-user-project), whatever project the target is in: every call of one run shares that project's quota, so
 * one limiter per API and kind serves the whole run; a run with another calling project has its own.
 */
public final class RateLimits {
  public enum Api { SECRET_MANAGER, ARTIFACT_REGISTRY }

  public enum Kind { READ, WRITE }

  /** Requests a minute. */
  public record PerMinute(int secretManagerReads, int secretManagerWrites, int artifactRegistryReads,
      int artifactRegistryWrites) {
    public static final PerMinute GOOGLE_DEFAULTS = new PerMinute(600, 600, 60_000, 18_000);

    public PerMinute {
      if (secretManagerReads < 1 || secretManagerWrites < 1 || artifactRegistryReads < 1 || artifactRegistryWrites < 1) {
        throw new IllegalArgumentException("rate limits are at least 1 a minute");
      }
    }
  }

  private final Map<Api, Map<Kind, RateLimiter>> limiters = new EnumMap<>(Api.class);

  public RateLimits(PerMinute perMinute) {
    limiters.put(Api.SECRET_MANAGER, Map.of(
        Kind.READ, RateLimiter.create(perMinute.secretManagerReads() / 60.0),
        Kind.WRITE, RateLimiter.create(perMinute.secretManagerWrites() / 60.0)));
    limiters.put(Api.ARTIFACT_REGISTRY, Map.of(
        Kind.READ, RateLimiter.create(perMinute.artifactRegistryReads() / 60.0),
        Kind.WRITE, RateLimiter.create(perMinute.artifactRegistryWrites() / 60.0)));
  }

  /** Waits until a call of this kind may be made. */
  public void acquire(Api api, Kind kind) {
    limiters.get(api).get(kind).acquire();
  }
}
