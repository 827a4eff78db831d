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
 * @param port the loopback port to listen on (gRPC and REST/JSON); 0 picks a free one
 * @param restPort a second loopback port that answers the same (REST clients such as gcloud may use either); -1 for
 *     none, 0 for a free one
 * @param deniedProjects projects (ID or number) whose repositories and secrets answer PERMISSION_DENIED
 * @param deniedSecrets secrets ({@code projects/{ID or number}/secrets/S}) that answer PERMISSION_DENIED
 * @param clock the time the emulator stamps on writes and answers (read times, update times), and by which Cloud
 *     Asset's lag is measured
 * @param latency time added to every call ({@link Latency#none()} by default)
 * @param quotas quotas enforced per calling project ({@link Quotas#none()} by default)
 * @param faults injected errors, added latency, a concurrent IAM writer, Cloud Asset's lag ({@link Faults#none()})
 */
public record EmulatorOptions(int port, int restPort, Set<String> deniedProjects, Set<String> deniedSecrets,
    Clock clock, Latency latency, Quotas quotas, Faults faults) {
  private static final Pattern SECRET = Pattern.compile("^projects/[^/]+/secrets/[A-Za-z0-9_-]{1,255}$");

  public EmulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    if (restPort < -1 || restPort > 65535) {
      throw new IllegalArgumentException("rest port must be 0..65535, not " + restPort);
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
    if (clock == null || latency == null || quotas == null || faults == null) {
      throw new IllegalArgumentException("clock, latency, quotas and faults are required");
    }
  }

  public EmulatorOptions(int port, Set<String> deniedProjects, Set<String> deniedSecrets, Clock clock) {
    this(port, -1, deniedProjects, deniedSecrets, clock, Latency.none(), Quotas.none(), Faults.none());
  }

  /** An ephemeral port, no denials, the system clock, no latency, quotas or faults. */
  public static EmulatorOptions defaults() {
    return new EmulatorOptions(0, Set.of(), Set.of(), Clock.systemUTC());
  }

  public EmulatorOptions withPort(int newPort) {
    return new EmulatorOptions(newPort, restPort, deniedProjects, deniedSecrets, clock, latency, quotas, faults);
  }

  public EmulatorOptions withRestPort(int newRestPort) {
    return new EmulatorOptions(port, newRestPort, deniedProjects, deniedSecrets, clock, latency, quotas, faults);
  }

  public EmulatorOptions withClock(Clock newClock) {
    return new EmulatorOptions(port, restPort, deniedProjects, deniedSecrets, newClock, latency, quotas, faults);
  }

  public EmulatorOptions withLatency(Latency newLatency) {
    return new EmulatorOptions(port, restPort, deniedProjects, deniedSecrets, clock, newLatency, quotas, faults);
  }

  public EmulatorOptions withQuotas(Quotas newQuotas) {
    return new EmulatorOptions(port, restPort, deniedProjects, deniedSecrets, clock, latency, newQuotas, faults);
  }

  /** These faults; the projects and secrets they deny are added to the denials. */
  public EmulatorOptions withFaults(Faults newFaults) {
    return new EmulatorOptions(port, restPort, deniedProjects, deniedSecrets, clock, latency, quotas, newFaults)
        .denyProjects(newFaults.deniedProjects()).denySecrets(newFaults.deniedSecrets());
  }

  /** These projects too (ID or number) answer PERMISSION_DENIED. */
  public EmulatorOptions denyProjects(Collection<String> projects) {
    Set<String> all = new TreeSet<>(deniedProjects);
    all.addAll(projects);
    return new EmulatorOptions(port, restPort, all, deniedSecrets, clock, latency, quotas, faults);
  }

  public EmulatorOptions denyProjects(String... projects) {
    return denyProjects(Set.of(projects));
  }

  /** These secrets too ({@code projects/{ID or number}/secrets/S}) answer PERMISSION_DENIED. */
  public EmulatorOptions denySecrets(Collection<String> secrets) {
    Set<String> all = new TreeSet<>(deniedSecrets);
    all.addAll(secrets);
    return new EmulatorOptions(port, restPort, deniedProjects, all, clock, latency, quotas, faults);
  }

  public EmulatorOptions denySecrets(String... secrets) {
    return denySecrets(Set.of(secrets));
  }
}
