package dev.arcred.cli;

import dev.arcred.inventory.Connection;
import dev.arcred.inventory.FleetCapture;
import dev.arcred.inventory.GoogleClients;
import dev.arcred.inventory.Scope;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arcred snapshot --org ID --out FILE}: captures an organization into a fleet file (FLEET-FORMAT.md) that
 * {@code audit --fleet} and {@code emulator --fleet} read. The file is written whole or not at all.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Captures an organization into a fleet file: Cloud Asset Inventory for the hierarchy, secrets, secret versions,"
          + " custom roles and IAM policies; Artifact Registry for the repositories, with their upstream credentials"
          + " (which Cloud Asset redacts). Secret payloads are never read.",
      "Where: live with --org and Application Default Credentials; an emulator already running with --endpoint"
          + " HOST:PORT --org ID; the bundled emulator with --fleet FILE or --demo.",
      "Exit codes: 0 written, 2 bad usage or input, 3 a call failed after retries (nothing written)."
    })
public final class SnapshotCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Target target = new Target();

  static final class Target {
    @Option(names = "--endpoint", paramLabel = "HOST:PORT", description = "Read an emulator already running there (needs --org).")
    String endpoint;

    @Option(names = "--fleet", paramLabel = "FILE", description = "Read a fleet file served by the embedded emulator.")
    Path fleet;

    @Option(names = "--demo", description = "Read the bundled demo fleet served by the embedded emulator.")
    boolean demo;
  }

  @Option(names = "--org", paramLabel = "ID", description = "Organization number to capture (default with --fleet/--demo: the fleet's own).")
  String org;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The fleet file to write (replaced whole).")
  Path out;

  @Option(names = "--quota-project", paramLabel = "PROJECT",
      description = "Project charged for quota (sent as x-goog-user-project); needed live with user credentials.")
  String quotaProject;

  @CommandLine.Mixin EmulatorFlags emulatorFlags = new EmulatorFlags();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Scope scope;
    try {
      scope = org == null ? null : Scope.organization(org);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--org: " + e.getMessage());
    }
    if (Files.isDirectory(out)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--out: a folder, not a file: " + out);
    }

    EmbeddedEmulator embedded = null;
    Connection connection;
    try {
      if (target.demo || target.fleet != null) {
        Path fleet = target.demo ? AppHome.demoFleet() : target.fleet;
        embedded = EmbeddedEmulator.start(fleet, emulatorFlags);
        connection = Connection.emulator(embedded.endpoint());
        if (scope == null) {
          scope = embedded.organization();
        }
      } else if (target.endpoint != null) {
        requireOrg(scope, "--endpoint needs --org ID");
        connection = Connection.emulator(target.endpoint, quotaProject);
      } else {
        requireOrg(scope, "say which organization: --org ID (live), or --endpoint HOST:PORT --org ID, --fleet FILE, --demo");
        connection = Connection.live(quotaProject);
      }
    } catch (EmbeddedEmulator.BadFleet e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    }

    Path file = out.toAbsolutePath().normalize();
    Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try (EmbeddedEmulator ignored = embedded;
        GoogleClients clients = GoogleClients.connect(connection)) {
      Files.createDirectories(file.getParent());
      err.println("arcred: snapshot of " + scope + (connection.isEmulator() ? " through " + connection.endpoint().get()
          : "") + " to " + file);
      err.flush();
      FleetCapture.Summary summary;
      temp.toFile().deleteOnExit(); // also when stopped by Ctrl-C, which skips the finally below
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          Writer writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16)) {
        summary = new FleetCapture(clients).write(scope.id(), writer, note -> {
          err.println("arcred: note: " + note);
          err.flush();
        });
        writer.flush();
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      summarize(summary, file, stdout);
      return Main.OK;
    } catch (FleetCapture.CallFailed e) {
      err.println("arcred: " + e.getMessage() + " (no snapshot written)");
      return Main.INCOMPLETE;
    } catch (GoogleClients.NoCredentialsException e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("arcred: cannot write the snapshot to " + file + ": " + e.getMessage());
      return Main.USAGE;
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        err.println("arcred: could not remove the temporary file " + temp + ": " + e.getMessage());
      }
      err.flush();
    }
  }

  private void requireOrg(Scope scope, String message) {
    if (scope == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  private static void summarize(FleetCapture.Summary summary, Path target, PrintWriter stdout) {
    stdout.printf("Wrote %s: %d lines.%n", target, summary.total());
    for (Map.Entry<String, Long> e : summary.lines().entrySet()) {
      stdout.printf("  %7d %s%n", e.getValue(), e.getKey());
    }
    if (summary.notes() > 0) {
      stdout.printf("%d notes on stderr.%n", summary.notes());
    }
    stdout.flush();
  }
}
