package dev.arcred.emulator;

import java.util.Optional;
import java.util.Set;

/** The projects and secrets the emulator refuses (PERMISSION_DENIED), matched whatever project form is used. */
final class Denials {
  private final FleetState state;
  private final Set<String> projects;
  private final Set<String> secrets;

  Denials(FleetState state, EmulatorOptions options) {
    this.state = state;
    this.projects = options.deniedProjects();
    this.secrets = options.deniedSecrets();
  }

  /** Whether a project, named by ID or number (known to the fleet or not), is denied. */
  boolean project(String idOrNumber) {
    if (projects.contains(idOrNumber)) {
      return true;
    }
    Optional<FleetState.Project> p = state.project(idOrNumber);
    return p.isPresent() && (projects.contains(p.get().id()) || projects.contains(p.get().number()));
  }

  /** Whether a secret is denied, itself or through its project. */
  boolean secret(String projectIdOrNumber, String secretId) {
    if (project(projectIdOrNumber)) {
      return true;
    }
    for (String denied : secrets) {
      String[] parts = denied.split("/");
      if (parts[3].equals(secretId) && sameProject(parts[1], projectIdOrNumber)) {
        return true;
      }
    }
    return false;
  }

  private boolean sameProject(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    Optional<FleetState.Project> pa = state.project(a);
    Optional<FleetState.Project> pb = state.project(b);
    return pa.isPresent() && pb.isPresent() && pa.get().number().equals(pb.get().number());
  }
}
