package dev.arcred.remediation;

import dev.arcred.e2e.InProcess;

import com.google.cloud.asset.v1.Asset;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.iam.v1.Binding;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.arcred.emulator.Emulator;
import dev.arcred.emulator.EmulatorOptions;
import dev.arcred.emulator.FleetException;
import dev.arcred.emulator.FleetState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Runs arcred's commands in this process against emulators on loopback, and compares fleets. */
final class Harness {
  static final String SM = "google.cloud.secretmanager.v1.SecretManagerService/";
  static final String AR = "google.devtools.artifactregistry.v1.ArtifactRegistry/";
  static final String NOW = "2026-12-01T00:00:00Z";

  private Harness() {}

  /** One command line, its exit code, stdout and stderr. */
  static InProcess.Run arcred(String... args) {
    return InProcess.arcred(args);
  }

  static FleetState state(String text) {
    try {
      return FleetState.parse("test-fleet.ndjson", text);
    } catch (FleetException e) {
      throw new AssertionError(e);
    }
  }

  static Emulator serve(String text) {
    return Emulator.start(state(text), EmulatorOptions.defaults());
  }

  static Emulator serve(Path fleet) {
    try {
      return Emulator.start(FleetState.load(fleet), EmulatorOptions.defaults());
    } catch (FleetException e) {
      throw new AssertionError(e);
    }
  }

  /** plan --endpoint ... --org ... --now ... --out dir [more]: the plan file. */
  static Path plan(Emulator emulator, Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("plan", "--endpoint", emulator.endpoint(), "--org",
        emulator.state().organization().substring("organizations/".length()), "--now", NOW, "--out", dir.toString()));
    args.addAll(List.of(more));
    InProcess.Run r = arcred(args.toArray(String[]::new));
    if (r.exit() != 0) {
      throw new AssertionError("plan exited " + r.exit() + ":\n" + r.out() + r.err());
    }
    return dir.resolve("plan.json");
  }

  static InProcess.Run apply(Emulator emulator, Path plan, String... more) {
    List<String> args = new ArrayList<>(List.of("apply", "--plan", plan.toString(), "--endpoint", emulator.endpoint(),
        "--yes"));
    args.addAll(List.of(more));
    return arcred(args.toArray(String[]::new));
  }

  /** audit --endpoint: the findings as "repository RULE". */
  static List<String> findings(Emulator emulator, Path out) {
    return findings(emulator.endpoint(), emulator.state().organization().substring("organizations/".length()), out);
  }

  static List<String> findings(String endpoint, String organization, Path out) {
    InProcess.Run r = arcred("audit", "--endpoint", endpoint, "--org", organization, "--now", NOW, "--out", out.toString());
    if (r.exit() != 0 && r.exit() != 1) {
      throw new AssertionError("audit exited " + r.exit() + ":\n" + r.out() + r.err());
    }
    try {
      List<String> keys = new ArrayList<>();
      for (var record : org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
          .build().parse(Files.newBufferedReader(out.resolve("findings.csv")))) {
        keys.add(record.get("repository") + " " + record.get("rule"));
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long writes(Emulator emulator) {
    return emulator.calls().count(SM + "SetIamPolicy") + emulator.calls().count(AR + "UpdateRepository");
  }

  /**
   * A fleet as comparable lines: every resource and field (a repository's update time aside), every policy's
   * bindings and members as sets (etags and the policy version aside).
   */
  static Set<String> snapshot(FleetState state) {
    StringWriter text = new StringWriter();
    try {
      state.toFleet(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return snapshot(text.toString());
  }

  static Set<String> snapshot(Path fleetFile) {
    try {
      return snapshot(FleetState.load(fleetFile));
    } catch (FleetException e) {
      throw new AssertionError(e);
    }
  }

  static Set<String> snapshot(String fleetText) {
    Set<String> lines = new TreeSet<>();
    JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
    try {
      for (String line : fleetText.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        Asset.Builder asset = Asset.newBuilder();
        JsonFormat.parser().merge(line, asset);
        String head = asset.getName() + " " + asset.getAssetType() + " " + asset.getAncestorsList();
        if (asset.hasIamPolicy()) {
          Set<String> bindings = new TreeSet<>();
          for (Binding b : asset.getIamPolicy().getBindingsList()) {
            bindings.add(b.getRole() + " " + (b.hasCondition() ? printer.print(b.getCondition()) : "-") + " "
                + new TreeSet<>(b.getMembersList()));
          }
          lines.add(head + " policy " + bindings + " " + asset.getIamPolicy().getAuditConfigsList());
        } else if (asset.getAssetType().equals(FleetState.REPOSITORY)) {
          Repository.Builder repo = Repository.newBuilder();
          JsonFormat.parser().ignoringUnknownFields().merge(printer.print(asset.getResource().getData()), repo);
          lines.add(head + " repository " + printer.print(repo.clearUpdateTime()));
        } else {
          lines.add(head + " resource " + printer.print(asset.getResource()));
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
    return lines;
  }
}
