package dev.arcred.cli;

import dev.arcred.emulator.Emulator;
import dev.arcred.emulator.EmulatorOptions;
import dev.arcred.emulator.FleetException;
import dev.arcred.emulator.FleetState;
import dev.arcred.inventory.Scope;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bundled emulator started in this process for --fleet and --demo, on an ephemeral loopback port. */
final class EmbeddedEmulator implements AutoCloseable {
  /** A fleet file that cannot be used: exit 2 with this message. */
  static final class BadFleet extends RuntimeException {
    BadFleet(String message) {
      super(message);
    }
  }

  private final Emulator emulator;

  private EmbeddedEmulator(Emulator emulator) {
    this.emulator = emulator;
  }

  static EmbeddedEmulator start(Path fleet, EmulatorFlags flags) {
    if (!Files.isRegularFile(fleet)) {
      throw new BadFleet("fleet file not found: " + fleet);
    }
    FleetState state;
    try {
      state = FleetState.load(fleet);
    } catch (FleetException e) {
      throw new BadFleet(e.getMessage());
    }
    if (state.organization() == null || state.organization().isEmpty()) {
      throw new BadFleet(fleet + ": no cloudresourcemanager.googleapis.com/Organization line: the fleet has no organization");
    }
    EmulatorOptions options = flags.toOptions(EmulatorOptions.defaults());
    return new EmbeddedEmulator(Emulator.start(state, options));
  }

  String endpoint() {
    return emulator.endpoint();
  }

  Emulator emulator() {
    return emulator;
  }

  /** The fleet's own organization: what --fleet and --demo audit unless told otherwise. */
  Scope organization() {
    return Scope.organization(emulator.state().organization());
  }

  @Override
  public void close() {
    emulator.close();
  }
}
