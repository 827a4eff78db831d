package dev.arcred.cli;

import dev.arcred.inventory.Scope;
import java.nio.file.Path;

/** The bundled emulator started in this process for --fleet and --demo, on an ephemeral loopback port. */
final class EmbeddedEmulator implements AutoCloseable {
  /** A fleet file that cannot be used: exit 2 with this message. */
  static final class BadFleet extends RuntimeException {
    BadFleet(String message) {
      super(message);
    }
  }

  static EmbeddedEmulator start(Path fleet, EmulatorFlags flags) {
    throw new UnsupportedOperationException("wired when the emulator lands");
  }

  String endpoint() {
    throw new UnsupportedOperationException();
  }

  Scope organization() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
