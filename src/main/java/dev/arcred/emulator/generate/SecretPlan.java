package dev.arcred.emulator.generate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A secret to write: its project (index), ID, metadata, versions (1..n) and allow policy. */
final class SecretPlan {
  final int project;
  final String id;
  final Instant created;
  final List<Version> versions = new ArrayList<>();
  final Map<String, String> labels = new LinkedHashMap<>();
  final Map<String, Integer> aliases = new LinkedHashMap<>();
  Instant expires;
  String destroyTtl;
  boolean userManaged;
  List<Binding> policy = List.of();

  record Version(int number, String state, Instant created, Instant destroyed, Instant scheduledDestroy) {}

  SecretPlan(int project, String id, Instant created) {
    this.project = project;
    this.id = id;
    this.created = created;
  }

  SecretPlan version(String state, Instant created) {
    return version(state, created, null, null);
  }

  SecretPlan version(String state, Instant created, Instant destroyed, Instant scheduledDestroy) {
    versions.add(new Version(versions.size() + 1, state, created, destroyed, scheduledDestroy));
    return this;
  }

  /** The highest version number (what {@code latest} resolves to). */
  int newest() {
    return versions.size();
  }
}
