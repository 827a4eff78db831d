package dev.arcred.remediation;

import com.google.api.gax.rpc.ApiException;
import com.google.iam.v1.Policy;
import com.google.devtools.artifactregistry.v1.Repository;
import dev.arcred.inventory.RateLimits;
import dev.arcred.inventory.Retrying;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Rollback: restores the state before each change that a journal records as made by arcred, when the target is
 * still as arcred left it. A target someone changed since is listed and left untouched. Repository changes are
 * undone first, then grants. Rollback journals itself in the same file, so that a rerun resumes it.
 */
public final class Restorer {
  public enum Outcome { RESTORED, ALREADY_RESTORED, CHANGED_SINCE, FAILED }

  /** A change as the journal recorded it: what it was, the state before it, the state arcred left. */
  public record Done(Journal.Entry change, TargetState before, TargetState after) {
    ChangeKind kind() {
      return change.kind();
    }

    String target() {
      return change.target();
    }

    Change asChange() {
      Journal.Entry e = change;
      return new Change(e.change() == null ? 0 : e.change(), e.kind(), e.target(), e.member(), e.role(),
          e.kind() == ChangeKind.SET_CREDENTIALS ? after.username() : null,
          e.kind().onRepository() ? after.passwordSecretVersion() : null, null, Seen.policy(null), List.of());
    }
  }

  /** @param recorded true when an earlier rollback already recorded this outcome */
  public record Result(Done done, Outcome outcome, String detail, boolean recorded) {}

  private final Targets targets;
  private final Journal journal;
  private final int parallelism;
  private final Retrying retrying;
  private final Consumer<String> progress;

  public Restorer(Targets targets, Journal journal, int parallelism, Retrying retrying, Consumer<String> progress) {
    this.targets = targets;
    this.journal = journal;
    this.parallelism = parallelism;
    this.retrying = retrying;
    this.progress = progress;
  }

  /**
   * The changes a journal says arcred made: an APPLIED outcome, or an intent without a final outcome (the process
   * stopped around the write: the target's state decides).
   */
  public static List<Done> made(Journal journal) {
    List<Done> made = new ArrayList<>();
    for (Journal.History h : journal.histories().values()) {
      Journal.Entry intent = h.firstIntent();
      Journal.Entry outcome = h.lastOutcome();
      if (intent == null) {
        continue; // nothing was ever written for it (ALREADY_DONE, STALE)
      }
      boolean applied = outcome != null && outcome.outcome().equals(Applier.Outcome.APPLIED.name());
      boolean unknown = outcome == null || outcome.outcome().equals(Applier.Outcome.FAILED.name());
      if (applied || unknown) {
        TargetState after = applied && outcome.after() != null ? outcome.after() : intent.after();
        made.add(new Done(intent, intent.before(), after));
      }
    }
    made.sort(Comparator.comparing((Done d) -> !d.kind().onRepository()).thenComparing(d -> d.change().change()));
    return made;
  }

  public List<Result> rollback() {
    Map<String, Journal.History> histories = journal.histories();
    Map<String, Result> results = new ConcurrentHashMap<>();
    List<Done> todo = new ArrayList<>();
    List<Done> made = made(journal);
    for (Done d : made) {
      Journal.Entry last = histories.get(d.change().key()).lastRollback();
      if (last != null && !last.outcome().equals(Outcome.FAILED.name())
          && !last.outcome().equals(Outcome.CHANGED_SINCE.name())) {
        results.put(d.change().key(), new Result(d, Outcome.valueOf(last.outcome()), last.detail(), true));
      } else {
        todo.add(d);
      }
    }
    if (!todo.isEmpty()) {
      journal.header(Journal.ROLLBACK, journal.planDigest());
    }
    List<Done> repositories = todo.stream().filter(d -> d.kind().onRepository()).toList();
    List<Done> grants = todo.stream().filter(d -> !d.kind().onRepository()).toList();
    for (List<Done> phase : List.of(repositories, grants)) {
      TargetPool.run(phase, Done::target, d -> {
        Result r = restore(d);
        results.put(d.change().key(), r);
        progress.accept(r.outcome() + " " + d.kind() + " " + d.target() + (r.detail().isEmpty() ? "" : ": " + r.detail()));
      }, parallelism);
    }
    return made.stream().map(d -> results.get(d.change().key())).toList();
  }

  private Result restore(Done d) {
    Result result;
    boolean[] intentWritten = {false};
    try {
      result = retrying.call(RateLimits.Quota.SECRET_MANAGER_WRITE, "", () -> d.kind() == ChangeKind.GRANT_ACCESSOR ? ungrant(d, intentWritten)
          : unset(d, intentWritten), Applier.WRITE_RETRYABLE);
    } catch (ApiException e) {
      result = new Result(d, Outcome.FAILED, Retrying.describe(e), false);
    }
    journal.record(Journal.ROLLBACK_OUTCOME, d.asChange(), d.after(), d.before(), result.outcome().name(),
        result.detail());
    return result;
  }

  private void intent(Done d, boolean[] written) {
    if (!written[0]) {
      journal.record(Journal.ROLLBACK_INTENT, d.asChange(), d.after(), d.before(), null, null);
      written[0] = true;
    }
  }

  private Result ungrant(Done d, boolean[] intentWritten) {
    String role = d.change().role();
    String member = d.change().member();
    Policy policy = targets.policy(d.target());
    if (!Policies.granted(policy, role, member)) {
      return new Result(d, Outcome.ALREADY_RESTORED, "not granted", false);
    }
    intent(d, intentWritten);
    targets.setPolicy(d.target(), Policies.withoutMember(policy, role, member));
    return new Result(d, Outcome.RESTORED, "removed " + member + " from " + role, false);
  }

  private Result unset(Done d, boolean[] intentWritten) {
    Repository repository = targets.repository(d.target());
    TargetState current = TargetState.of(repository);
    ChangeKind kind = d.kind();
    if (current.sameAs(d.after(), kind) && !current.sameAs(d.before(), kind)) {
      intent(d, intentWritten);
      if (Boolean.FALSE.equals(d.before().upstreamCredentials())) {
        targets.clearCredentials(d.target());
      } else {
        targets.setCredentials(d.target(), kind == ChangeKind.SET_CREDENTIALS ? d.before().username() : null,
            d.before().passwordSecretVersion());
      }
      return new Result(d, Outcome.RESTORED, "back to " + d.before().describe(kind), false);
    }
    if (current.sameAs(d.before(), kind)) {
      return new Result(d, Outcome.ALREADY_RESTORED, d.before().describe(kind), false);
    }
    return new Result(d, Outcome.CHANGED_SINCE, "changed since arcred's change: now " + current.describe(kind)
        + ", arcred left " + d.after().describe(kind) + "; left untouched", false);
  }
}
