package dev.arcred.cli;

import dev.arcred.inventory.GoogleClients;
import dev.arcred.inventory.RateLimits;
import dev.arcred.remediation.Applier;
import dev.arcred.remediation.Journal;
import dev.arcred.remediation.Restorer;
import dev.arcred.remediation.Targets;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arcred rollback}: restores what a journal says arcred changed, where still as arcred left it. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Restores the state before each change an apply journal records, when the target is still as arcred left it;"
          + " a target someone changed since is listed and left untouched.",
      "Exit codes: 0 everything restored (or already as before), 2 bad usage or input, 4 some changes were changed"
          + " since (listed, untouched) or failed."
    })
public final class RollbackCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--journal", paramLabel = "FILE", required = true, description = "The journal apply wrote.")
  Path journalFile;

  @CommandLine.Mixin ChangeConnection where = new ChangeConnection();

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8", description = "Targets restored at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (parallelism < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--parallelism must be at least 1");
    }
    RateLimits limits;
    try {
      limits = where.limits();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Consumer<String> progress = line -> err.println("arcred: " + line);
    try (Journal journal = Journal.open(journalFile, true, Clock.systemUTC())) {
      List<Restorer.Done> made = Restorer.made(journal);
      if (!made.isEmpty() && !yes) {
        Console console = System.console();
        if (console == null) {
          err.println("arcred: rollback changes the fleet and asks for confirmation on a terminal; there is none:"
              + " pass --yes; nothing changed");
          return Main.USAGE;
        }
        console.writer().println("arcred rollback: " + made.size() + " changes recorded in " + journalFile + " on "
            + where.where() + ":");
        made.forEach(d -> console.writer().println("  " + d.change().kind() + " " + d.change().target()
            + (d.change().member() == null ? "" : " " + d.change().member())));
        String answer = console.readLine("Restore the state before them? Type yes to go on: ");
        if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
          err.println("arcred: not confirmed; nothing changed");
          return Main.USAGE;
        }
      }
      try (GoogleClients clients = GoogleClients.connect(where.connection())) {
        Restorer restorer = new Restorer(new Targets(clients, limits), journal, parallelism,
            Applier.Options.defaultRetrying(), progress);
        List<Restorer.Result> results = restorer.rollback();
        Map<Restorer.Outcome, Integer> counts = new EnumMap<>(Restorer.Outcome.class);
        for (Restorer.Outcome o : Restorer.Outcome.values()) {
          counts.put(o, 0);
        }
        for (Restorer.Result r : results) {
          counts.merge(r.outcome(), 1, Integer::sum);
          Restorer.Done d = r.done();
          out.printf("%-16s %s %s%s: %s%s%n", r.outcome(), d.change().kind(), d.change().target(),
              d.change().member() == null ? "" : " " + d.change().member(), r.detail(),
              r.recorded() ? " [recorded by an earlier rollback]" : "");
        }
        out.printf("Restored %d, already as before %d, changed since (left untouched) %d, failed %d of %d changes"
                + " arcred made.%n",
            counts.get(Restorer.Outcome.RESTORED), counts.get(Restorer.Outcome.ALREADY_RESTORED),
            counts.get(Restorer.Outcome.CHANGED_SINCE), counts.get(Restorer.Outcome.FAILED), results.size());
        out.flush();
        return counts.get(Restorer.Outcome.CHANGED_SINCE) + counts.get(Restorer.Outcome.FAILED) > 0
            ? Main.CHANGES_FAILED : Main.OK;
      }
    } catch (Journal.BadJournal e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    } catch (GoogleClients.NoCredentialsException e) {
      err.println("arcred: " + e.getMessage());
      return Main.USAGE;
    }
  }
}
