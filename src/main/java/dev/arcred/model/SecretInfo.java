package dev.arcred.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A secret's metadata and its versions, as Secret Manager names it: by project number.
 *
 * @param name projects/{number}/secrets/{id}
 * @param expireTime null when the secret does not expire
 * @param versionAliases alias to version number
 * @param versions every version, in any order
 * @param ancestors nearest first: projects/N, folders/F..., organizations/O (may be empty when unknown)
 */
public record SecretInfo(
    String name,
    String projectNumber,
    String secretId,
    Instant expireTime,
    Map<String, Long> versionAliases,
    List<SecretVersionInfo> versions,
    List<String> ancestors) {

  public SecretInfo {
    versionAliases = Map.copyOf(versionAliases);
    versions = List.copyOf(versions);
    ancestors = List.copyOf(ancestors);
  }

  public Optional<SecretVersionInfo> version(long number) {
    return versions.stream().filter(v -> v.number() == number).findFirst();
  }

  /** The newest version whatever its state: what Secret Manager's {@code latest} names. */
  public Optional<SecretVersionInfo> newest() {
    return versions.stream().max(Comparator.comparingLong(SecretVersionInfo::number));
  }

  public Optional<SecretVersionInfo> newestEnabled() {
    return versions.stream()
        .filter(v -> v.state() == VersionState.ENABLED)
        .max(Comparator.comparingLong(SecretVersionInfo::number));
  }

  /** Resolves a reference's version as Secret Manager does (RULES.md, Resolution). */
  public Optional<SecretVersionInfo> resolve(SecretRef ref) {
    if (ref.pinned()) {
      // compared as text: a well-formed number past Long.MAX_VALUE names no version, it does not throw
      return versions.stream().filter(v -> Long.toString(v.number()).equals(ref.version())).findFirst();
    }
    if (ref.version().equals("latest")) {
      return newest();
    }
    Long aliased = versionAliases.get(ref.version());
    return aliased == null ? Optional.empty() : version(aliased);
  }
}
