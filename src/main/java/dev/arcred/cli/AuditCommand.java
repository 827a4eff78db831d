package dev.arcred.cli;

import dev.arcred.audit.Audit;
import dev.arcred.checks.Judge;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import dev.arcred.inventory.Inventory;
import dev.arcred.inventory.Scope;
import dev.arcred.model.AuditReport;
import dev.arcred.model.AuditSettings;
import dev.arcred.model.Status;
import dev.arcred.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arcred audit}: judge every npm remote repository of a scope and write the reports. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Audits the upstream authentication of Artifact Registry remote repositories (npm by default).",
      "Where: live with --org/--folder/--project and Application Default Credentials; the bundled emulator with"
          + " --fleet FILE or --demo; an emulator already running with --endpoint HOST:PORT plus a scope.",
      "Exit codes: 0 no findings, 1 findings, 2 bad usage or input, 3 some link could not be read (CHECK_ERROR)."
    })
public final class AuditCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Target target = new Target();

  static final class Target {
    @Option(names = "--fleet", paramLabel = "FILE", description = "Audit a fleet file (Cloud Asset export shape) served by the embedded emulator.")
    Path fleet;

    @Option(names = "--demo", description = "Audit the bundled demo fleet (app/demo-fleet.ndjson) with the embedded emulator.")
    boolean demo;

    @Option(names = "--endpoint", paramLabel = "HOST:PORT", description = "Audit through an emulator already running there (needs a scope).")
    String endpoint;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  ScopeOptions scope = new ScopeOptions();

  static final class ScopeOptions {
    @Option(names = "--org", paramLabel = "ID", description = "Organization number to audit.")
    String org;

    @Option(names = "--folder", paramLabel = "ID", description = "Folder number to audit.")
    String folder;

    @Option(names = "--project", paramLabel = "ID", description = "Project ID or number to audit.")
    String project;
  }

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "arcred-report",
      description = "Folder for findings.csv, repositories.csv, findings.json, report.html (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--transport", paramLabel = "grpc|rest", defaultValue = "grpc",
      description = "The Google clients' wire protocol: grpc or rest (HTTP/JSON) (default: ${DEFAULT-VALUE}).")
  String transport;

  @Option(names = "--templates", paramLabel = "DIR", description = "HTML report templates (default: the bundled report-templates/).")
  Path templates;

  @Option(names = "--stats", hidden = true, paramLabel = "FILE",
      description = "Write wall seconds and peak heap of this run to FILE (for the benchmark).")
  Path stats;

  @CommandLine.Mixin AuditOptions options = new AuditOptions();

  @CommandLine.Mixin EmulatorFlags emulatorFlags = new EmulatorFlags();
  @CommandLine.Mixin NightlyFlags nightly = new NightlyFlags();

  @Override
  public Integer call() {
    RunStats runStats = stats != null ? RunStats.start() : null;
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    AuditSettings settings;
    Scope auditScope;
    Set<String> formatSet;
    try {
      settings = options.settings();
      formatSet = options.formatSet();
      auditScope = CliValues.scope(scope);
      checkOut();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (options.parallelism < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--parallelism must be at least 1");
    }
    Connection.Transport wire = switch (transport) {
      case "grpc" -> Connection.Transport.GRPC;
      case "rest" -> Connection.Transport.REST;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--transport is grpc or rest, not '" + transport + "'");
    };
    if (!target.demo && target.fleet == null && emulatorFlags.anyGiven()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "the emulator's options (--latency, --quotas, --faults, --fail, --deny-project, ...) apply to the "
              + "embedded emulator: use them with --fleet or --demo (or give them to 'arcred emulator')");
    }
    Path templateDir = templates != null ? templates : AppHome.templates();
    if (!Files.isDirectory(templateDir)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--templates: no such folder: " + templateDir);
    }
    try {
      nightly.load(err);
    } catch (dev.arcred.nightly.MalformedInput e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    }
    ConsoleProgress console = new ConsoleProgress(err);
    Consumer<String> progress = console::message;

    EmbeddedEmulator embedded = null;
    Connection connection;
    try {
      if (target.demo || target.fleet != null) {
        Path fleet = target.demo ? AppHome.demoFleet() : target.fleet;
        embedded = EmbeddedEmulator.start(fleet, emulatorFlags);
        connection = Connection.emulator(embedded.endpoint());
        if (auditScope == null) {
          auditScope = embedded.organization();
        }
        progress.accept("embedded emulator serving " + fleet + " on " + embedded.endpoint());
      } else if (target.endpoint != null) {
        if (auditScope == null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--endpoint needs a scope: --org ID, --folder ID or --project ID");
        }
        connection = Connection.emulator(target.endpoint, options.quotaProject);
      } else {
        if (auditScope == null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "say what to audit: --org ID, --folder ID or --project ID (live), or --fleet FILE, --demo, --endpoint HOST:PORT");
        }
        connection = Connection.live(options.quotaProject);
      }
    } catch (EmbeddedEmulator.BadFleet e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    }

    try (EmbeddedEmulator ignored = embedded;
        GoogleClients clients = GoogleClients.connect(connection.withTransport(wire));
        Inventory inventory = new Inventory(clients, options.parallelism, options.rateLimits(), console)) {
      Audit.Outcome outcome = new Audit(inventory, new Judge(), progress).run(auditScope, formatSet, settings);
      AuditReport report = nightly.triage(outcome.report(), err);
      outcome.notes().forEach(n -> progress.accept("note: " + n));
      new ReportWriter(templateDir).writeAll(report, out);
      summarize(report, stdout);
      nightly.summarize(report, stdout);
      if (stats != null) {
        runStats.write(stats);
      }
      return nightly.exitCode(report);
    } catch (GoogleClients.NoCredentialsException e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    } catch (dev.arcred.report.ReportTemplateException e) {
      err.println("arcred: report template error (no report written): " + e.getMessage());
      return Main.USAGE;
    } catch (java.io.IOException e) {
      err.println("arcred: cannot write the reports to " + out + ": " + e.getMessage());
      return Main.USAGE;
    }
  }

  private void summarize(AuditReport report, PrintWriter stdout) {
    Map<Status, Long> byStatus = new EnumMap<>(Status.class);
    Arrays.stream(Status.values()).forEach(s -> byStatus.put(s, 0L));
    report.results().forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
    stdout.printf("Audited %d repositories in %s: %d OK, %d WARN, %d FAIL, %d UNKNOWN; %d findings.%n",
        report.results().size(), report.scope(), byStatus.get(Status.OK), byStatus.get(Status.WARN),
        byStatus.get(Status.FAIL), byStatus.get(Status.UNKNOWN), report.findings().size());
    stdout.printf("Reports: %s (report.html, findings.csv, repositories.csv, findings.json)%n",
        out.toAbsolutePath().normalize());
    stdout.flush();
  }

  private void checkOut() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out: not a folder: " + out);
    }
  }
}
