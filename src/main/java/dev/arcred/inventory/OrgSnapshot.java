package dev.arcred.inventory;

import dev.arcred.model.Binding;
import dev.arcred.model.Repository;
import dev.arcred.model.SecretVersionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Cloud Asset Inventory said about the scope, in bulk: repositories (without credentials: Cloud Asset never
 * returns them), projects, secrets, versions, custom roles and allow policies. It lags the truth, so anything
 * that fails a check is confirmed with the owning API before it is reported.
 */
final class OrgSnapshot {
  /** A secret's metadata from Cloud Asset. */
  record SecretMeta(String name, Instant expireTime, Map<String, Long> versionAliases, List<String> ancestors) {}

  final Map<String, String> projectNumbersById = new ConcurrentHashMap<>();
  final Map<String, String> projectIdsByNumber = new ConcurrentHashMap<>();
  final Map<String, List<String>> projectAncestors = new ConcurrentHashMap<>();
  final List<Repository> repositories = new ArrayList<>();
  final Map<String, SecretMeta> secrets = new ConcurrentHashMap<>();
  final Map<String, List<SecretVersionInfo>> versions = new ConcurrentHashMap<>();
  final Map<String, List<Binding>> policies = new ConcurrentHashMap<>();
  final Map<String, Set<String>> customRoles = new ConcurrentHashMap<>();
  volatile String organization = "";

  void addProject(String id, String number, List<String> ancestors) {
    projectNumbersById.put(id, number);
    projectIdsByNumber.put(number, id);
    projectAncestors.put(number, ancestors);
  }

  /** The number of a project written as an ID or a number, when the snapshot knows it. */
  Optional<String> projectNumber(String idOrNumber) {
    if (idOrNumber.chars().allMatch(Character::isDigit)) {
      return Optional.of(idOrNumber);
    }
    return Optional.ofNullable(projectNumbersById.get(idOrNumber));
  }

  void addVersion(String secretName, SecretVersionInfo version) {
    versions.computeIfAbsent(secretName, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(version);
  }
}
