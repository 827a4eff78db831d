package dev.arcred.emulator.generate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What to generate. The same spec always gives the same bytes.
 *
 * @param repos npm remote repositories (the audited ones); other repositories come on top (about 20%)
 * @param projects projects in all, the central secrets project included
 * @param folders folders, nested (0: every project directly under the organization)
 * @param locations how many of {@link #REGIONS} the repositories use, in that order
 * @param seed varies everything that is chosen at random
 * @param now the base date: every timestamp of the fleet is placed relative to it, and the expected findings hold
 *     for an audit run at this instant or up to a year later (expiring secrets expire 1 to 28 days after it;
 *     the other expiries are more than a year away)
 */
public record FleetSpec(int repos, int projects, int folders, int locations, long seed, Instant now) {
  /** The regions repositories are placed in; the first {@code locations} are used. */
  public static final List<String> REGIONS = List.of(
      "us-central1", "europe-west1", "asia-east1", "us-east1", "europe-west4", "asia-northeast1", "us-west1",
      "australia-southeast1", "southamerica-east1", "europe-north1");
  public static final Instant DEFAULT_NOW = Instant.parse("2026-12-01T00:00:00Z");
  public static final int DEFAULT_FOLDERS = 20;
  public static final int DEFAULT_LOCATIONS = 3;
  public static final long DEFAULT_SEED = 1;
  static final int MAX_REPOS = 5_000_000;
  static final int MAX_PROJECTS = 1_000_000;
  static final int MAX_FOLDERS = 10_000;

  public FleetSpec {
    if (repos < 1 || repos > MAX_REPOS) {
      throw new IllegalArgumentException("--repos must be between 1 and " + MAX_REPOS + ", was " + repos);
    }
    if (projects < 2 || projects > MAX_PROJECTS) {
      throw new IllegalArgumentException(
          "--projects must be between 2 (the central secrets project and one more) and " + MAX_PROJECTS + ", was " + projects);
    }
    if (folders < 0 || folders > MAX_FOLDERS) {
      throw new IllegalArgumentException("--folders must be between 0 and " + MAX_FOLDERS + ", was " + folders);
    }
    if (locations < 1 || locations > REGIONS.size()) {
      throw new IllegalArgumentException("--locations must be between 1 and " + REGIONS.size() + ", was " + locations);
    }
    if (now == null) {
      throw new IllegalArgumentException("now is required");
    }
    now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The defaults: five repositories a project (the scale benchmark's shapes), 20 folders, 3 locations, seed 1. */
  public static FleetSpec of(int repos) {
    return new FleetSpec(repos, defaultProjects(repos), DEFAULT_FOLDERS, DEFAULT_LOCATIONS, DEFAULT_SEED, DEFAULT_NOW);
  }

  /** One project for every five npm remotes (1,000 in 200, 10,000 in 2,000, 50,000 in 10,000), at least two. */
  public static int defaultProjects(int repos) {
    return Math.max(2, (repos + 4) / 5);
  }

  public FleetSpec withSeed(long s) {
    return new FleetSpec(repos, projects, folders, locations, s, now);
  }

  public List<String> regions() {
    return REGIONS.subList(0, locations);
  }
}
