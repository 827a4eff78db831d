package dev.arcred.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls the emulator receives, whatever their outcome: per full gRPC method name (for example
 * {@code google.cloud.secretmanager.v1.SecretManagerService/AccessSecretVersion}), and per method and the project
 * the call targets (its project ID when the fleet knows the project; {@code organizations/N} or {@code folders/N}
 * for calls scoped there; {@link #NO_TARGET} when the request names none).
 */
public final class CallCounter {
  public static final String NO_TARGET = "-";

  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> byProject = new ConcurrentHashMap<>();

  /** A call has arrived (before its request is read). */
  void called(String fullMethodName) {
    counts.computeIfAbsent(fullMethodName, m -> new LongAdder()).increment();
  }

  /** The request of a call has been read: it targets this project. */
  void targeted(String fullMethodName, String project) {
    byProject.computeIfAbsent(project, p -> new ConcurrentHashMap<>())
        .computeIfAbsent(fullMethodName, m -> new LongAdder()).increment();
  }

  /** Calls of one method so far. */
  public long count(String fullMethodName) {
    LongAdder n = counts.get(fullMethodName);
    return n == null ? 0 : n.sum();
  }

  /** Calls of one method that targeted one project (ID when known to the fleet, else as the caller named it). */
  public long count(String fullMethodName, String project) {
    Map<String, LongAdder> methods = byProject.get(project);
    LongAdder n = methods == null ? null : methods.get(fullMethodName);
    return n == null ? 0 : n.sum();
  }

  /** Calls per method, sorted by method name; methods never called are absent. */
  public Map<String, Long> snapshot() {
    Map<String, Long> result = new TreeMap<>();
    counts.forEach((method, n) -> {
      long sum = n.sum();
      if (sum > 0) {
        result.put(method, sum);
      }
    });
    return result;
  }

  /** Calls per targeted project, then per method, both sorted. */
  public Map<String, Map<String, Long>> byProject() {
    Map<String, Map<String, Long>> result = new TreeMap<>();
    byProject.forEach((project, methods) -> methods.forEach((method, n) -> {
      long sum = n.sum();
      if (sum > 0) {
        result.computeIfAbsent(project, p -> new TreeMap<>()).put(method, sum);
      }
    }));
    return result;
  }

  /** Calls per targeted project, sorted. */
  public Map<String, Long> projectTotals() {
    Map<String, Long> result = new TreeMap<>();
    byProject().forEach((project, methods) ->
        result.put(project, methods.values().stream().mapToLong(Long::longValue).sum()));
    return result;
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public void reset() {
    counts.clear();
    byProject.clear();
  }
}
