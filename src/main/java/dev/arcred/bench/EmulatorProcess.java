package dev.arcred.bench;

import dev.arcred.cli.EmulatorFlags;
import dev.arcred.emulator.Emulator;
import dev.arcred.emulator.EmulatorOptions;
import dev.arcred.emulator.FleetState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark's emulator, in a process of its own so that arcred's heap is measured alone. It prints
 * {@code endpoint HOST:PORT}, then answers lines on stdin: {@code calls} prints one {@code call METHOD COUNT} line
 * per method and {@code end}; {@code quit} stops it. It takes the emulator's options (latency, quotas, ...).
 */
@Command(name = "bench-emulator")
public final class EmulatorProcess implements Callable<Integer> {
  @Option(names = "--fleet", required = true)
  Path fleet;

  @CommandLine.Mixin EmulatorFlags flags = new EmulatorFlags();

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.exit(new CommandLine(new EmulatorProcess()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    FleetState state = FleetState.load(fleet);
    try (Emulator emulator = Emulator.start(state, flags.toOptions(EmulatorOptions.defaults()))) {
      System.out.println("endpoint " + emulator.endpoint() + " " + state.organization());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        switch (line.strip()) {
          case "calls" -> {
            emulator.calls().snapshot().forEach((method, n) -> System.out.println("call " + method + " " + n));
            System.out.println("end");
            System.out.flush();
          }
          case "quit" -> {
            return 0;
          }
          default -> { }
        }
      }
    }
    return 0;
  }
}
