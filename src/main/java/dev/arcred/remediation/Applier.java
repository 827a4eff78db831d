package dev.arcred.remediation;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.iam.v1.Policy;
import dev.arcred.inventory.RateLimits;
import dev.arcred.inventory.Retrying;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Executes a plan exactly, and nothing else: grants first, then repository changes; targets in parallel (bounded),
 * the changes of one target one after the other. Each change re-reads its target first: what is already done is
 * ALREADY_DONE; a repository that moved since planning is STALE (never forced); a policy whose etag moved is
 * re-read and the grant applied when still needed. Every write is journaled before (intent, with the state before)
 * and after (outcome). A rerun with the same journal skips what is recorded as done and re-reads what has only an
 * intent.
 */
public final class Applier {
  public enum Outcome { APPLIED, ALREADY_DONE, STALE, FAILED }

  /** Outcomes that end a change: a rerun with the same journal does not touch it again. FAILED is retried. */
  static final Set<Outcome> FINAL = EnumSet.of(Outcome.APPLIED, Outcome.ALREADY_DONE, Outcome.STALE);

  /** Retried with backoff: the read statuses, and ABORTED (a stale etag: the whole read-modify-write is redone). */
  static final Set<StatusCode.Code> WRITE_RETRYABLE = EnumSet.of(StatusCode.Code.UNAVAILABLE,
      StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.ABORTED);

  /** Statuses that say a write was refused before it could take effect. Any other failure may have landed. */
  private static final Set<StatusCode.Code> REFUSED = EnumSet.of(StatusCode.Code.ABORTED,
      StatusCode.Code.INVALID_ARGUMENT, StatusCode.Code.PERMISSION_DENIED, StatusCode.Code.NOT_FOUND,
      StatusCode.Code.FAILED_PRECONDITION, StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.UNAUTHENTICATED);

  /**
   * @param recorded true when the outcome comes from the journal of an earlier run (nothing was done now)
   */
  public record Result(Change change, Outcome outcome, String detail, boolean recorded) {}

  /**
   * @param parallelism targets changed at once
   * @param throttle a pause before each attempt's read and after its write (tests use it to be slow enough to
   *     interrupt); never between the read and the write, which would widen the read-modify-write's window
   */
  public record Options(int parallelism, Duration throttle, Retrying retrying) {
    public static Retrying defaultRetrying() {
      // not paced here: Targets paces each call of an attempt
      return new Retrying(10, Duration.ofMillis(200), Duration.ofSeconds(20), RateLimits.none());
    }
  }

  private final Targets targets;
  private final Journal journal;
  private final Options options;
  private final Consumer<String> progress;
  private final Map<String, String> versionProblems = new ConcurrentHashMap<>();
  private final AtomicReference<RuntimeException> journalFailure = new AtomicReference<>();

  public Applier(Targets targets, Journal journal, Options options, Consumer<String> progress) {
    this.targets = targets;
    this.journal = journal;
    this.options = options;
    this.progress = progress;
  }

  /** Applies the plan; the results in the plan's order. The journal must belong to this plan (the caller checks). */
  public List<Result> apply(Plan plan, String planDigest) {
    Map<String, Journal.History> histories = journal.histories();
    Map<Integer, Result> results = new ConcurrentHashMap<>();
    List<Change> grants = new ArrayList<>();
    List<Change> repositories = new ArrayList<>();
    for (Change c : plan.changes()) {
      Journal.History h = histories.get(c.key());
      if (h != null && h.lastOutcome() != null && FINAL.contains(Outcome.valueOf(h.lastOutcome().outcome()))) {
        results.put(c.id(), new Result(c, Outcome.valueOf(h.lastOutcome().outcome()), h.lastOutcome().detail(), true));
      } else {
        (c.kind().onRepository() ? repositories : grants).add(c);
      }
    }
    if (!grants.isEmpty() || !repositories.isEmpty()) {
      journal.header(Journal.APPLY, planDigest);
    }
    for (List<Change> phase : List.of(grants, repositories)) {
      TargetPool.run(phase, Change::target, c -> {
        Result r = execute(c, histories.get(c.key()));
        results.put(c.id(), r);
        progress.accept(r.outcome() + " #" + c.id() + " " + c.kind() + " " + c.target()
            + (r.detail().isEmpty() ? "" : ": " + r.detail()));
      }, options.parallelism());
    }
    if (journalFailure.get() != null) {
      throw journalFailure.get();
    }
    return results.values().stream().sorted(Comparator.comparingInt(r -> r.change().id())).toList();
  }

  /** One change's attempt state: what the first intent recorded, and whether a write of ours may have landed. */
  private static final class Attempt {
    final boolean resumed;
    TargetState before;
    boolean intentWritten;
    boolean mayHaveLanded;

    Attempt(Journal.History history) {
      this.resumed = history != null && history.firstIntent() != null;
      this.before = resumed ? history.firstIntent().before() : null;
    }

    /** Already in the target state: ours when a write of ours may have made it so, else someone else's. */
    Result done(Change c, String alreadyDetail) {
      if (mayHaveLanded || resumed) {
        return new Result(c, Outcome.APPLIED, resumed && !mayHaveLanded
            ? "applied before an interruption (confirmed by reading it back)" : "applied (confirmed by reading it back)",
            false);
      }
      return new Result(c, Outcome.ALREADY_DONE, alreadyDetail, false);
    }
  }

  private Result execute(Change c, Journal.History history) {
    if (journalFailure.get() != null) {
      return new Result(c, Outcome.FAILED, "not attempted: the journal could not be written", false);
    }
    Attempt attempt = new Attempt(history);
    Result result;
    try {
      result = options.retrying().call(RateLimits.Quota.SECRET_MANAGER_WRITE, "", () -> c.kind() == ChangeKind.GRANT_ACCESSOR ? grant(c, attempt)
          : repository(c, attempt), WRITE_RETRYABLE);
    } catch (ApiException e) {
      result = e.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND
          ? new Result(c, Outcome.STALE, "the target no longer exists: " + Retrying.describe(e), false)
          : new Result(c, Outcome.FAILED, Retrying.describe(e), false);
    } catch (JournalFailure e) {
      journalFailure.compareAndSet(null, e.cause);
      return new Result(c, Outcome.FAILED, e.cause.getMessage(), false);
    }
    TargetState after = result.outcome() == Outcome.APPLIED || result.outcome() == Outcome.ALREADY_DONE
        ? desired(c, attempt.before) : null;
    try {
      journal.record(Journal.OUTCOME, c, attempt.before, after, result.outcome().name(), result.detail());
    } catch (RuntimeException e) {
      journalFailure.compareAndSet(null, e);
    }
    return result;
  }

  /** A journal write failed: nothing more may be changed without a record. */
  private static final class JournalFailure extends RuntimeException {
    final RuntimeException cause;

    JournalFailure(RuntimeException cause) {
      super(cause.getMessage(), cause);
      this.cause = cause;
    }
  }

  private void intent(Change c, Attempt attempt, TargetState current) {
    if (attempt.before == null) {
      attempt.before = current;
    }
    if (!attempt.intentWritten) {
      try {
        journal.record(Journal.INTENT, c, attempt.before, desired(c, attempt.before), null, null);
      } catch (RuntimeException e) {
        throw new JournalFailure(e);
      }
      attempt.intentWritten = true;
    }
  }

  private static TargetState desired(Change c, TargetState before) {
    return switch (c.kind()) {
      case GRANT_ACCESSOR -> TargetState.grant(true, null);
      case REPOINT_VERSION -> TargetState.repository(before == null ? null : before.username(),
          c.passwordSecretVersion(), true);
      case SET_CREDENTIALS -> TargetState.repository(c.username(), c.passwordSecretVersion(), true);
    };
  }

  private Result grant(Change c, Attempt attempt) {
    pause();
    Policy policy = targets.policy(c.target());
    String etag = Base64.getEncoder().encodeToString(policy.getEtag().toByteArray());
    boolean moved = c.seen().etag() != null && !c.seen().etag().equals(etag);
    if (Policies.granted(policy, c.role(), c.member())) {
      return attempt.done(c, moved ? "the policy changed since planning and already grants it" : "already granted");
    }
    intent(c, attempt, TargetState.grant(false, etag));
    write(attempt, () -> targets.setPolicy(c.target(), Policies.withMember(policy, c.role(), c.member())));
    return new Result(c, Outcome.APPLIED, moved ? "the policy had changed since planning: re-read, still needed, "
        + "granted" : "", false);
  }

  private Result repository(Change c, Attempt attempt) {
    pause();
    Repository repository = targets.repository(c.target());
    TargetState current = TargetState.of(repository);
    if (current.sameAs(desired(c, current), c.kind())) {
      return attempt.done(c, "already set");
    }
    TargetState seen = TargetState.repository(c.seen().username(), c.seen().passwordSecretVersion(), true);
    if (!current.sameAs(seen, c.kind())) {
      return new Result(c, Outcome.STALE, "the repository changed since planning: " + current.describe(c.kind())
          + ", the plan saw " + seen.describe(c.kind()) + "; not changed", false);
    }
    String problem = versionProblem(c.passwordSecretVersion());
    if (!problem.isEmpty()) {
      return new Result(c, Outcome.STALE, problem + "; not changed", false);
    }
    intent(c, attempt, current);
    write(attempt, () -> targets.setCredentials(c.target(),
        c.kind() == ChangeKind.SET_CREDENTIALS ? c.username() : null, c.passwordSecretVersion()));
    return new Result(c, Outcome.APPLIED, "", false);
  }

  /** "" when the version a repository is to be pointed at is still usable, else why not (read once per version). */
  private String versionProblem(String reference) {
    String cached = versionProblems.get(reference);
    if (cached != null) {
      return cached;
    }
    String problem;
    try {
      SecretVersion v = targets.version(reference);
      if (v.getState() != SecretVersion.State.ENABLED) {
        problem = "version " + reference + " is now " + v.getState();
      } else if (v.hasScheduledDestroyTime()) {
        problem = "version " + reference + " is now scheduled for destruction";
      } else {
        problem = "";
      }
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() != StatusCode.Code.NOT_FOUND) {
        throw e;
      }
      problem = "version " + reference + " no longer exists";
    }
    versionProblems.put(reference, problem);
    return problem;
  }

  private void write(Attempt attempt, Runnable call) {
    try {
      call.run();
      attempt.mayHaveLanded = true;
    } catch (ApiException e) {
      if (!REFUSED.contains(e.getStatusCode().getCode())) {
        attempt.mayHaveLanded = true; // a deadline or a lost answer: the write may have been made
      }
      throw e;
    }
    pause();
  }

  private void pause() {
    if (options.throttle().isZero()) {
      return;
    }
    try {
      Thread.sleep(options.throttle().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
