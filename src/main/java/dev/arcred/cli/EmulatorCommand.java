package dev.arcred.cli;

import dev.arcred.emulator.Emulator;
import dev.arcred.emulator.EmulatorOptions;
import dev.arcred.emulator.FleetException;
import dev.arcred.emulator.FleetState;
import dev.arcred.emulator.GcloudConfig;
import dev.arcred.report.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arcred emulator --fleet FILE}: serves a fleet through the emulated Google APIs (gRPC and REST/JSON) on
 * 127.0.0.1 until stopped (Ctrl-C, SIGTERM), then prints the calls it served per method, and per targeted project
 * and method, on stderr. It writes a CLOUDSDK_CONFIG folder that points gcloud at it and says how to use it.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true, subcommands = GenerateCommand.class,
    description = "Serve a fleet file through emulated Cloud Asset, Artifact Registry and Secret Manager APIs "
        + "on 127.0.0.1 until stopped.")
public final class EmulatorCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--fleet", paramLabel = "FILE", description = "The fleet file to serve (required).")
  Path fleet;

  @Option(names = "--port", paramLabel = "P", defaultValue = "0",
      description = "The loopback port to listen on (default: 0, pick a free one).")
  int port;

  @Option(names = "--rest-port", paramLabel = "R",
      description = "Also listen on this loopback port (REST/JSON and gRPC alike; 0 picks a free one). REST is "
          + "answered on --port too.")
  Integer restPort;

  @Option(names = "--gcloud-config", paramLabel = "DIR",
      description = "Write a ready CLOUDSDK_CONFIG folder here (default: a temporary folder, removed on exit).")
  Path gcloudConfig;

  @Mixin EmulatorFlags emulatorFlags = new EmulatorFlags();

  @Option(names = "--save-state", paramLabel = "FILE",
      description = "Write the served state as a fleet file here on exit, and on demand: kill -HUP the process.")
  Path saveState;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile FleetState served;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (fleet == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Missing required option: '--fleet=FILE' (or a subcommand: generate)");
    }
    FleetState state;
    EmulatorOptions options;
    try {
      state = FleetState.load(fleet);
      options = emulatorFlags.toOptions(EmulatorOptions.defaults().withPort(port)
          .withRestPort(restPort == null ? -1 : restPort));
    } catch (FleetException | IllegalArgumentException e) {
      err.println("arcred emulator: " + e.getMessage());
      err.flush();
      return 2;
    }
    Emulator emulator;
    try {
      emulator = Emulator.start(state, options);
    } catch (RuntimeException e) {
      err.println("arcred emulator: cannot listen on 127.0.0.1:" + port + ": " + rootMessage(e));
      err.flush();
      return 2;
    }
    Path config;
    boolean temporaryConfig = gcloudConfig == null;
    try {
      config = GcloudConfig.write(temporaryConfig ? Files.createTempDirectory("arcred-gcloud-") : gcloudConfig,
          emulator.restUrl());
    } catch (IOException e) {
      emulator.close();
      err.println("arcred emulator: cannot write the gcloud configuration: " + e.getMessage());
      err.flush();
      return 2;
    }
    String org = state.organization().substring("organizations/".length());
    out.println("arcred emulator serving " + fleet + " on " + emulator.endpoint() + " (gRPC and REST/JSON)"
        + (emulator.restPort() > 0 ? "; REST also on " + emulator.restUrl() : ""));
    out.println("point arcred at it: app/arcred audit --endpoint " + emulator.endpoint() + " --org " + org);
    out.println("point gcloud at it: export CLOUDSDK_CONFIG=" + config.toAbsolutePath()
        + (temporaryConfig ? "   (removed when the emulator stops)" : ""));
    out.println("  (or in your own configuration:");
    GcloudConfig.commands(emulator.restUrl()).lines().forEach(line -> out.println("     " + line));
    out.println("   and try: gcloud asset search-all-resources --scope=organizations/" + org
        + " --asset-types=artifactregistry.googleapis.com/Repository)");
    out.println("stop with Ctrl-C");
    served = state;
    if (saveState != null) {
      onHangUp(err);
      out.println("the served state is written to " + saveState + " on exit and on kill -HUP "
          + ProcessHandle.current().pid());
    }
    out.flush();

    Thread hook = new Thread(() -> {
      shutDown(emulator, err);
      removeTemporary(temporaryConfig ? config : null);
    }, "arcred-emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run: it closes the emulator
    }
    shutDown(emulator, err);
    removeTemporary(temporaryConfig ? config : null);
    return 0;
  }

  private static void removeTemporary(Path config) {
    if (config == null) {
      return;
    }
    try (var files = Files.walk(config)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder left behind is harmless
    }
  }

  /** Stops serving as Ctrl-C would (for embedding and tests); {@link #call} then returns 0. */
  public void stop() {
    stopRequested.countDown();
  }

  /**
   * Writes the served state (FleetState.toFleet) to --save-state now, whole or not at all; false when there is no
   * --save-state or nothing is served yet.
   */
  public boolean saveState(PrintWriter err) {
    FleetState state = served;
    if (saveState == null || state == null) {
      return false;
    }
    synchronized (this) {
      try {
        StringWriter text = new StringWriter();
        state.toFleet(text);
        AtomicFiles.write(saveState, text.toString().getBytes(StandardCharsets.UTF_8));
        err.println("arcred emulator: state saved to " + saveState);
        err.flush();
        return true;
      } catch (IOException | RuntimeException e) {
        err.println("arcred emulator: cannot save the state to " + saveState + ": " + e.getMessage());
        err.flush();
        return false;
      }
    }
  }

  // SIGHUP, as daemons reload: a person or a test asks for the state without stopping the emulator.
  private void onHangUp(PrintWriter err) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> saveState(err));
    } catch (IllegalArgumentException unsupported) {
      err.println("arcred emulator: no SIGHUP here; the state is saved on exit only");
    }
  }

  private void shutDown(Emulator emulator, PrintWriter err) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    emulator.close();
    saveState(err);
    Map<String, Long> calls = emulator.calls().snapshot();
    err.println("arcred emulator stopped after " + emulator.calls().total() + " calls");
    calls.forEach((method, count) -> err.printf("  %8d  %s%n", count, method));
    Map<String, Map<String, Long>> byProject = emulator.calls().byProject();
    if (!byProject.isEmpty()) {
      err.println("calls per targeted project:");
      byProject.forEach((project, methods) -> {
        err.printf("  %8d  %s%n", methods.values().stream().mapToLong(Long::longValue).sum(), project);
        methods.forEach((method, count) -> err.printf("  %8s  %8d  %s%n", "", count, method));
      });
    }
    err.flush();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
