package dev.arcred.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The embedded emulator's own options, accepted by every command that starts one (--fleet, --demo). */
public final class EmulatorFlags {
  @Option(names = "--deny-project", paramLabel = "PROJECT",
      description = "Emulator: answer PERMISSION_DENIED for this project's repositories and secrets (repeatable).")
  List<String> denyProjects = new ArrayList<>();

  @Option(names = "--deny-secret", paramLabel = "SECRET",
      description = "Emulator: answer PERMISSION_DENIED for this secret, projects/P/secrets/S (repeatable).")
  List<String> denySecrets = new ArrayList<>();

  /** These flags applied to the emulator's options. */
  public dev.arcred.emulator.EmulatorOptions toOptions(dev.arcred.emulator.EmulatorOptions base) {
    return base.denyProjects(denyProjects).denySecrets(denySecrets);
  }
}
