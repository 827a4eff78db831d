package dev.arcred.bench;

import dev.arcred.inventory.RateLimits;

/**
 * The fewest calls that can read a fleet the way the rules need it, and the least time they take at a given
 * concurrency, latency and quota, with the dependencies no reader can avoid: the repositories must be listed
 * before their project-locations are known, and both before a failing link is known; the pages of one listing
 * form a chain of page tokens, one after the other. Cloud Asset's three listings run side by side.
 *
 * @param confirmations direct Secret Manager reads that confirm failing links: one per failing secret and part
 */
record LowerBound(long calls, double seconds) {
  static LowerBound of(FleetShape shape, long confirmations, int concurrency, double readLatencySeconds,
      boolean quotas) {
    long assetPages = shape.repositoryPages() + shape.resourcePages() + shape.policyPages();
    long calls = assetPages + shape.listRepositoriesPages() + confirmations;

    // Cloud Asset: the longest chain of pages, and ListAssets' quota (100 a minute: the first 100 need no wait).
    double asset = Math.max(shape.repositoryPages(), Math.max(shape.resourcePages(), shape.policyPages()))
        * readLatencySeconds;
    if (quotas) {
      asset = Math.max(asset, quotaWait(assetPages, RateLimits.Quota.ASSET_LIST_ASSETS.perMinute()));
    }
    double registry = Math.ceil((double) shape.listRepositoriesPages() / concurrency) * readLatencySeconds;
    if (quotas) {
      registry = Math.max(registry, quotaWait(shape.listRepositoriesPages(),
          RateLimits.Quota.ARTIFACT_REGISTRY_READ.perMinute()));
    }
    double secrets = Math.ceil((double) confirmations / concurrency) * readLatencySeconds;
    if (quotas) {
      secrets = Math.max(secrets, quotaWait(confirmations, RateLimits.Quota.SECRET_MANAGER_READ.perMinute()));
    }
    return new LowerBound(calls, asset + registry + secrets);
  }

  /** N calls under Q a minute: the first Q go at once, each further Q a minute later. */
  static double quotaWait(long calls, int perMinute) {
    return calls <= perMinute ? 0 : 60.0 * ((calls - 1) / perMinute);
  }
}
