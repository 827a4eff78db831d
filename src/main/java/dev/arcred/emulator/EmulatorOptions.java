package dev.arcred.emulator;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How the emulator serves its fleet.
 *
 * @param port the loopback port to listen on; 0 picks a free one
 * @param deniedProjects projects (ID or number) whose repositories and secrets answer PERMISSION_DENIED
 * @param deniedSecrets secrets ({@code projects/{ID or number}/secrets/S}) that answer PERMISSION_DENIED
 * @param clock the time the emulator stamps on writes and answers (read times, update times)
 */
public record EmulatorOptions(int port, Set<String> deniedProjects, Set<String> deniedSecrets, Clock clock) {
  private static final Pattern SECRET = Pattern.compile("^projects/[^/]+/secrets/[A-Za-z0-9_-]{1,255}$");

  public EmulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    deniedProjects = Collections.unmodifiableSet(new TreeSet<>(deniedProjects));
    deniedSecrets = Collections.unmodifiableSet(new TreeSet<>(deniedSecrets));
    for (String project : deniedProjects) {
      if (project.isBlank() || project.contains("/")) {
        throw new IllegalArgumentException("a denied project is a project ID or number, not " + project);
      }
    }
    for (String secret : deniedSecrets) {
      if (!SECRET.matcher(secret).matches()) {
        throw new IllegalArgumentException("a denied secret is named projects/{project}/secrets/{secret}, not "
            + secret);
      }
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock is required");
    }
  }

  /** An ephemeral port, no denials, the system clock. */
  public static EmulatorOptions defaults() {
    return new EmulatorOptions(0, Set.of(), Set.of(), Clock.systemUTC());
  }

  public EmulatorOptions withPort(int newPort) {
    return new EmulatorOptions(newPort, deniedProjects, deniedSecrets, clock);
  }

  public EmulatorOptions withClock(Clock newClock) {
    return new EmulatorOptions(port, deniedProjects, deniedSecrets, newClock);
  }

  /** These projects too (ID or number) answer PERMISSION_DENIED. */
  public EmulatorOptions denyProjects(Collection<String> projects) {
    Set<String> all = new TreeSet<>(deniedProjects);
    all.addAll(projects);
    return new EmulatorOptions(port, all, deniedSecrets, clock);
  }

  public EmulatorOptions denyProjects(String... projects) {
    return denyProjects(Set.of(projects));
  }

  /** These secrets too ({@code projects/{ID or number}/secrets/S}) answer PERMISSION_DENIED. */
  public EmulatorOptions denySecrets(Collection<String> secrets) {
    Set<String> all = new TreeSet<>(deniedSecrets);
    all.addAll(secrets);
    return new EmulatorOptions(port, deniedProjects, all, clock);
  }

  public EmulatorOptions denySecrets(String... secrets) {
    return denySecrets(Set.of(secrets));
  }
}
