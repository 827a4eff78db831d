package dev.arcred.cli;

import dev.arcred.audit.Audit;
import dev.arcred.checks.Judge;
import dev.arcred.inventory.GoogleClients;
import dev.arcred.inventory.RateLimits;
import dev.arcred.inventory.Inventory;
import dev.arcred.inventory.Progress;
import dev.arcred.inventory.Scope;
import dev.arcred.model.AuditReport;
import dev.arcred.model.AuditSettings;
import dev.arcred.remediation.Applier;
import dev.arcred.remediation.Change;
import dev.arcred.remediation.Journal;
import dev.arcred.remediation.Plan;
import dev.arcred.remediation.PlanText;
import dev.arcred.remediation.Targets;
import dev.arcred.remediation.Verifier;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arcred apply}: executes exactly a plan, journaled, in parallel, politely; then verifies by auditing again. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Executes exactly the changes of a plan (made by arcred plan), asking for confirmation unless --yes. A change"
          + " whose target moved since planning is re-read: applied only when still needed and safe, else STALE."
          + " Each write is journaled before and after; rerun with the same journal to resume after a crash.",
      "Exit codes: 0 every change applied (and verified, with --verify-timeout), 2 bad usage or input (nothing"
          + " changed), 4 some changes failed or were stale (the rest applied; the output says which and why)."
    })
public final class ApplyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--plan", paramLabel = "DIR/plan.json", required = true, description = "The plan to apply.")
  Path planFile;

  @CommandLine.Mixin ChangeConnection where = new ChangeConnection();

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8",
      description = "Targets changed at once (default: ${DEFAULT-VALUE}); changes to one target are serial.")
  int parallelism;

  @Option(names = "--max-changes", paramLabel = "N", description = "Refuse a plan with more changes than this (blast radius).")
  Integer maxChanges;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "--journal", paramLabel = "FILE", description = "The journal (default: journal.jsonl beside the plan).")
  Path journalFile;

  @Option(names = "--verify-timeout", paramLabel = "DURATION", defaultValue = "0", converter = DurationConverter.class,
      description = "Audit again until the fixes show or this passes (default: 0, once); IAM takes minutes in Google:"
          + " e.g. 10m.")
  Duration verifyTimeout;

  @Option(names = "--throttle", hidden = true, defaultValue = "0", converter = DurationConverter.class,
      description = "Tests: pause before each change's read and after its write.")
  Duration throttle;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (parallelism < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--parallelism must be at least 1");
    }
    if (maxChanges != null && maxChanges < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-changes cannot be negative");
    }
    RateLimits limits;
    try {
      limits = where.limits();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Plan plan;
    String digest;
    Scope scope;
    try {
      plan = Plan.read(planFile);
      digest = Plan.digest(planFile);
      scope = scopeOf(plan);
    } catch (Plan.BadPlan e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException | IllegalArgumentException e) {
      err.println("arcred: " + planFile + ": " + e.getMessage());
      return Main.USAGE;
    }
    if (maxChanges != null && plan.changes().size() > maxChanges) {
      err.println("arcred: refusing " + planFile + ": it has " + plan.changes().size() + " changes, more than"
          + " --max-changes " + maxChanges + "; nothing changed");
      return Main.USAGE;
    }
    if (!yes && System.console() == null) {
      err.println("arcred: apply changes the fleet and asks for confirmation on a terminal; there is none: pass"
          + " --yes to apply " + planFile + " without asking; nothing changed");
      return Main.USAGE;
    }
    Path journalPath = journalFile != null ? journalFile
        : planFile.toAbsolutePath().getParent().resolve("journal.jsonl");
    Consumer<String> progress = line -> err.println("arcred: " + line);

    // Credentials first: a missing login is reported before anything is written, the journal included.
    try (GoogleClients clients = GoogleClients.connect(where.connection());
        Journal journal = Journal.open(journalPath, false, Clock.systemUTC())) {
      if (journal.planDigest() != null && !journal.planDigest().equals(digest)) {
        err.println("arcred: " + journalPath + " is the journal of another plan; use a new --journal for "
            + planFile + "; nothing changed");
        return Main.USAGE;
      }
      if (journal.hasRollback()) {
        err.println("arcred: " + journalPath + " records a rollback of this plan; to apply it again, plan again or"
            + " use a new --journal; nothing changed");
        return Main.USAGE;
      }
      long recorded = recordedCount(journal, plan);
      long pending = plan.changes().size() - recorded;
      if (pending > 0 && !yes && !confirmed(plan, pending, recorded, err)) {
        return Main.USAGE;
      }
      Applier applier = new Applier(new Targets(clients, limits), journal,
          new Applier.Options(parallelism, throttle, Applier.Options.defaultRetrying()), progress);
      List<Applier.Result> results = applier.apply(plan, digest);
      Map<Integer, Verifier.Verdict> verdicts = verify(clients, limits, plan, scope, results, progress);
      return report(plan, results, verdicts, journalPath, out);
    } catch (Journal.BadJournal e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    } catch (GoogleClients.NoCredentialsException e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    }
  }

  static Scope scopeOf(Plan plan) {
    String s = plan.scope();
    if (s.startsWith("organizations/")) {
      return Scope.organization(s);
    }
    if (s.startsWith("folders/")) {
      return Scope.folder(s);
    }
    if (s.startsWith("projects/")) {
      return Scope.project(s);
    }
    throw new IllegalArgumentException("the plan's scope is not organizations/N, folders/N or projects/P: " + s);
  }

  private static long recordedCount(Journal journal, Plan plan) {
    Map<String, Journal.History> h = journal.histories();
    return plan.changes().stream().filter(c -> {
      Journal.History history = h.get(c.key());
      return history != null && history.lastOutcome() != null
          && !history.lastOutcome().outcome().equals(Applier.Outcome.FAILED.name());
    }).count();
  }

  private boolean confirmed(Plan plan, long pending, long recorded, PrintWriter err) {
    Console console = System.console();
    PrintWriter w = console.writer();
    w.println("arcred apply: " + plan.changes().size() + " changes of " + planFile + " on " + where.where()
        + (recorded > 0 ? " (" + recorded + " already recorded in the journal)" : "") + ":");
    plan.changes().stream().limit(50).forEach(c -> w.println("  #" + c.id() + " " + PlanText.line(c)));
    if (plan.changes().size() > 50) {
      w.println("  ... and " + (plan.changes().size() - 50) + " more (see plan.txt)");
    }
    String answer = console.readLine("Apply %d changes? Type yes to go on: ", pending);
    if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
      err.println("arcred: not confirmed; nothing changed");
      return false;
    }
    return true;
  }

  private Map<Integer, Verifier.Verdict> verify(GoogleClients clients, RateLimits limits, Plan plan, Scope scope,
      List<Applier.Result> results, Consumer<String> progress) {
    List<Change> done = results.stream()
        .filter(r -> r.outcome() == Applier.Outcome.APPLIED || r.outcome() == Applier.Outcome.ALREADY_DONE)
        .map(Applier.Result::change).toList();
    Set<String> formats = new LinkedHashSet<>(plan.formats());
    Consumer<String> quiet = line -> { };
    Verifier verifier = new Verifier(() -> {
      // A new inventory each round: an inventory keeps what it read.
      try (Inventory inventory = new Inventory(clients, parallelism, limits, Progress.lines(quiet))) {
        AuditSettings settings = new AuditSettings(Instant.now().truncatedTo(ChronoUnit.SECONDS),
            Duration.ofDays(plan.expiryWarningDays()));
        AuditReport report = new Audit(inventory, new Judge(), quiet).run(scope, formats, settings).report();
        return report;
      }
    }, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), progress);
    return verifier.verify(done, verifyTimeout);
  }

  private int report(Plan plan, List<Applier.Result> results, Map<Integer, Verifier.Verdict> verdicts,
      Path journalPath, PrintWriter out) {
    Map<Applier.Outcome, Integer> counts = new EnumMap<>(Applier.Outcome.class);
    for (Applier.Outcome o : Applier.Outcome.values()) {
      counts.put(o, 0);
    }
    int verified = 0;
    int pendingVerification = 0;
    for (Applier.Result r : results) {
      counts.merge(r.outcome(), 1, Integer::sum);
      Verifier.Verdict v = verdicts.get(r.change().id());
      if (v == Verifier.Verdict.VERIFIED) {
        verified++;
      } else if (v == Verifier.Verdict.PENDING) {
        pendingVerification++;
      }
      out.printf("%-12s %-9s #%d %s%s%n", r.outcome(), v == null ? "" : v, r.change().id(), PlanText.line(r.change()),
          (r.detail() == null || r.detail().isEmpty() ? "" : " -- " + r.detail())
              + (r.recorded() ? " [recorded by an earlier run]" : ""));
    }
    out.printf("Applied %d, already done %d, stale %d, failed %d of %d changes; verified %d, pending %d."
            + " Journal: %s%n",
        counts.get(Applier.Outcome.APPLIED), counts.get(Applier.Outcome.ALREADY_DONE),
        counts.get(Applier.Outcome.STALE), counts.get(Applier.Outcome.FAILED), plan.changes().size(), verified,
        pendingVerification, journalPath);
    if (pendingVerification > 0) {
      out.println("PENDING: an audit still shows the finding; IAM changes take minutes to apply in Google"
          + " (use --verify-timeout 10m to wait).");
    }
    out.flush();
    boolean failed = counts.get(Applier.Outcome.FAILED) > 0 || counts.get(Applier.Outcome.STALE) > 0;
    boolean unverified = !verifyTimeout.isZero() && pendingVerification > 0;
    return failed || unverified ? Main.CHANGES_FAILED : Main.OK;
  }
}
