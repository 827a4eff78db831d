package dev.arcred.cli;

import com.google.api.gax.rpc.ApiException;
import dev.arcred.audit.Audit;
import dev.arcred.checks.Judge;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import dev.arcred.inventory.Inventory;
import dev.arcred.inventory.Progress;
import dev.arcred.inventory.RateLimits;
import dev.arcred.inventory.Retrying;
import dev.arcred.inventory.Scope;
import dev.arcred.model.AuditReport;
import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.remediation.CredentialsMapping;
import dev.arcred.remediation.Plan;
import dev.arcred.remediation.PlanText;
import dev.arcred.remediation.Planner;
import dev.arcred.remediation.Targets;
import dev.arcred.report.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arcred plan}: audit, then write what apply would change (plan.json, plan.txt). Writes nothing to the fleet. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Audits, then plans the fixes arcred can make safely: grants of Secret Accessor to service agents on secrets,"
          + " repoints to the newest ENABLED version, and (with --credentials) a bulk migration of repositories"
          + " without credentials. Writes plan.json and plan.txt; changes nothing.",
      "Where: as audit (--org/--folder/--project live, --fleet FILE, --demo, --endpoint HOST:PORT plus a scope).",
      "Exit codes: 0 plan written, 2 bad usage or input (nothing written), 3 plan written but some link could not be"
          + " read (CHECK_ERROR: those repositories are left for a person)."
    })
public final class PlanCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // The same places and scopes as audit: plan audits first.
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  AuditCommand.Target target = new AuditCommand.Target();

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  AuditCommand.ScopeOptions scope = new AuditCommand.ScopeOptions();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "arcred-plan",
      description = "Folder for plan.json and plan.txt (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--credentials", paramLabel = "FILE.csv",
      description = "Bulk migration: columns repository (full name or pattern with *), username, secret_version.")
  Path credentials;

  @CommandLine.Mixin AuditOptions options = new AuditOptions();

  @CommandLine.Mixin EmulatorFlags emulatorFlags = new EmulatorFlags();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    AuditSettings settings;
    Scope planScope;
    Set<String> formatSet;
    try {
      settings = options.settings();
      formatSet = options.formatSet();
      planScope = CliValues.scope(scope);
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new IllegalArgumentException("--out: not a folder: " + out);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (options.parallelism < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--parallelism must be at least 1");
    }
    Optional<CredentialsMapping> mapping = Optional.empty();
    if (credentials != null) {
      try {
        mapping = Optional.of(CredentialsMapping.load(credentials));
      } catch (CredentialsMapping.BadMapping e) {
        err.println("arcred: " + e.getMessage());
        return Main.USAGE;
      }
    }
    Consumer<String> progress = line -> err.println("arcred: " + line);
    RateLimits limits = options.rateLimits();

    EmbeddedEmulator embedded = null;
    Connection connection;
    String source;
    try {
      if (target.demo || target.fleet != null) {
        Path fleet = target.demo ? AppHome.demoFleet() : target.fleet;
        embedded = EmbeddedEmulator.start(fleet, emulatorFlags);
        connection = Connection.emulator(embedded.endpoint());
        if (planScope == null) {
          planScope = embedded.organization();
        }
        source = "fleet " + fleet;
      } else if (target.endpoint != null) {
        if (planScope == null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--endpoint needs a scope: --org ID, --folder ID or --project ID");
        }
        connection = Connection.emulator(target.endpoint, options.quotaProject);
        source = "endpoint " + target.endpoint;
      } else {
        if (planScope == null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "say what to plan for: --org ID, --folder ID or --project ID (live), or --fleet FILE, --demo, --endpoint HOST:PORT");
        }
        connection = Connection.live(options.quotaProject);
        source = "Google";
      }
    } catch (EmbeddedEmulator.BadFleet e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    }

    try (EmbeddedEmulator ignored = embedded;
        GoogleClients clients = GoogleClients.connect(connection);
        Inventory inventory = new Inventory(clients, options.parallelism, limits, Progress.lines(progress))) {
      Map<String, ChainFacts> facts = new HashMap<>();
      Audit.Outcome outcome = new Audit(inventory, new Judge(), progress)
          .run(planScope, formatSet, settings, f -> facts.put(f.repository().name(), f));
      AuditReport report = outcome.report();
      outcome.notes().forEach(n -> progress.accept("note: " + n));

      // The chains a migration would make, read from the owning APIs (the planner itself never reads).
      Map<String, ChainFacts> migrated = new LinkedHashMap<>();
      if (mapping.isPresent()) {
        Map<String, Credentials> migrations = Planner.migrations(report, mapping.get());
        progress.accept(migrations.size() + " repositories match " + credentials + "; reading the secrets they map to");
        migrations.forEach((name, creds) -> {
          ChainFacts current = facts.get(name);
          if (current != null) {
            migrated.put(name, inventory.chainWith(current, creds));
          }
        });
      }
      Planner.About about = new Planner.About(formatSet.stream().toList(), options.expiryWarningDays, source,
          credentials == null ? null : credentials.toString());
      Plan plan = new Planner(new Judge(), settings)
          .plan(new Planner.Input(report, facts, mapping, migrated, about));
      plan = plan.withSeenEtags(etags(clients, limits, plan, progress));

      Files.createDirectories(out);
      Path planFile = out.resolve("plan.json");
      Map<Path, byte[]> files = new LinkedHashMap<>();
      files.put(planFile, plan.toJson());
      files.put(out.resolve("plan.txt"), PlanText.render(plan, planFile.toString()).getBytes(StandardCharsets.UTF_8));
      AtomicFiles.writeAll(files);
      stdout.printf("Planned %d changes (%s) for %d repositories in %s; %d findings left for a person.%n",
          plan.changes().size(), countsText(plan), report.results().size(), report.scope(), plan.manual().size());
      stdout.printf("Plan: %s and %s; nothing was changed.%n", planFile.toAbsolutePath().normalize(),
          out.resolve("plan.txt").toAbsolutePath().normalize());
      stdout.flush();
      return report.hasCheckErrors() ? Main.INCOMPLETE : Main.OK;
    } catch (GoogleClients.NoCredentialsException e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("arcred: cannot write the plan to " + out + ": " + e.getMessage());
      return Main.USAGE;
    }
  }

  /** The etag of each secret policy a grant changes, as read now: apply compares it with what it reads then. */
  private Map<String, String> etags(GoogleClients clients, RateLimits limits, Plan plan, Consumer<String> progress) {
    Targets targets = new Targets(clients, limits);
    Retrying retrying = Retrying.reads(RateLimits.none()); // Targets paces each call
    Map<String, String> etags = new TreeMap<>();
    for (String secret : plan.grantedSecrets()) {
      try {
        etags.put(secret, Base64.getEncoder().encodeToString(
            retrying.call(RateLimits.Quota.SECRET_MANAGER_READ, "", () -> targets.policy(secret)).getEtag()
                .toByteArray()));
      } catch (ApiException e) {
        progress.accept("note: cannot read the policy of " + secret + " (" + Retrying.describe(e)
            + "): its grants carry no etag; apply reads it anyway");
      }
    }
    return etags;
  }

  private static String countsText(Plan plan) {
    StringBuilder s = new StringBuilder();
    plan.counts().forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(v).append(' ').append(k));
    return s.toString();
  }

}
