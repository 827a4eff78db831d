package dev.arcred.cli;

import dev.arcred.emulator.generate.FleetGenerator;
import dev.arcred.emulator.generate.FleetSpec;
import dev.arcred.emulator.generate.FleetSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arcred emulator generate}: write a generated organization as a fleet file, with its expected findings. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes a deterministic, realistic organization as a fleet file (the emulator's input): N npm remote"
          + " repositories, about 20%% more repositories of other formats and modes, a central secrets project"
          + " holding about half the tokens, and about 2%% of the npm remotes with each fault kind. Each project"
          + " keeps its repositories in a home location (a tenth of them use a second one too); a faulty secret is"
          + " shared by about ten repositories, as a broken central token breaks several at once.",
      "Beside FILE it writes FILE's name without .ndjson plus .expected.csv (rule,count): the findings an audit"
          + " run at --now (or up to a year later) must report, and AUDITED, the repositories it must audit.",
      "Both files are written whole or not at all. Exit codes: 0 written, 2 bad usage or unwritable --out."
    })
public final class GenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--repos", required = true, paramLabel = "N", description = "npm remote repositories (audited).")
  int repos;

  @Option(names = "--projects", paramLabel = "P",
      description = "Projects, the central secrets project included (default: one per five repositories).")
  Integer projects;

  @Option(names = "--folders", paramLabel = "F", defaultValue = "" + FleetSpec.DEFAULT_FOLDERS,
      description = "Folders, nested (default: ${DEFAULT-VALUE}).")
  int folders;

  @Option(names = "--locations", paramLabel = "L", defaultValue = "" + FleetSpec.DEFAULT_LOCATIONS,
      description = "Regions used: us-central1, europe-west1, asia-east1, then more (default: ${DEFAULT-VALUE}).")
  int locations;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + FleetSpec.DEFAULT_SEED,
      description = "Seed: the same options give the same bytes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--now", paramLabel = "RFC3339", defaultValue = "2026-12-01T00:00:00Z",
      description = "Base date every timestamp is placed around; audit with the same --now (default: ${DEFAULT-VALUE}).")
  String now;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The fleet file to write.")
  Path out;

  @Override
  public Integer call() {
    FleetSpec fleetSpec;
    try {
      fleetSpec = new FleetSpec(repos, projects == null ? FleetSpec.defaultProjects(repos) : projects, folders,
          locations, seed, parseNow());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    long start = System.nanoTime();
    FleetSummary summary;
    try {
      summary = new FleetGenerator(fleetSpec).write(out);
    } catch (IOException e) {
      spec.commandLine().getErr().println("arcred: error: cannot write " + out + ": " + e.getMessage());
      return 2;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    stdout.println(String.format(Locale.ROOT, "generated %s: %s seconds=%.2f expected=%s",
        out, summary.describe(), seconds, FleetGenerator.expectedCountsPath(out)));
    stdout.flush();
    return 0;
  }

  private Instant parseNow() {
    try {
      return Instant.parse(now);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--now must be RFC 3339, e.g. 2026-12-01T00:00:00Z, was " + now);
    }
  }
}
