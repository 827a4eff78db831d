package dev.arcred.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** arcred's command line. Exit codes (DESIGN.md): 0 clean, 1 findings, 2 bad usage or input, 3 incomplete audit. */
@Command(
    name = "arcred",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Audits and repairs the upstream authentication of Artifact Registry npm remote repositories.",
    subcommands = {
      AuditCommand.class, PlanCommand.class, ApplyCommand.class, RollbackCommand.class, SnapshotCommand.class,
      EmulatorCommand.class, BenchCommand.class, CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int INCOMPLETE = 3;
  public static final int CHANGES_FAILED = 4;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line in this process and returns its exit code (tests call this). */
  public static int run(String... args) {
    quietLibraries();
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("arcred: error: " + messageOf(e));
      if (Boolean.getBoolean("arcred.debug")) {
        e.printStackTrace(commandLine.getErr());
      }
      return INCOMPLETE;
    });
    return cli.execute(args);
  }

  static String messageOf(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static void quietLibraries() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: audit, plan, apply, rollback, snapshot, emulator, bench (see --help)");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"arcred " + (v == null ? "dev" : v)};
    }
  }
}
