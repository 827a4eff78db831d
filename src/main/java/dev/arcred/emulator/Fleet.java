package dev.arcred.emulator;

import com.google.cloud.asset.v1.Asset;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet file as read: newline-delimited JSON, one {@code google.cloud.asset.v1.Asset} per line (FLEET-FORMAT.md),
 * each kept with its 1-based line number so that later checks can name it. Blank lines are skipped.
 */
public final class Fleet {
  /** One asset and the line it came from. */
  public record Entry(int line, Asset asset) {}

  private final String source;
  private final List<Entry> entries;

  private Fleet(String source, List<Entry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
  }

  /** Reads a fleet file; any unreadable file or line is a {@link FleetException} naming {@code file:line}. */
  public static Fleet load(Path file) throws FleetException {
    String source = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new FleetException(source + ": cannot read fleet file: " + (Files.exists(file) ? "not a regular file"
          : "no such file"));
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(source, reader);
    } catch (IOException e) {
      throw new FleetException(source + ": cannot read fleet file: " + e.getMessage(), e);
    }
  }

  /** Parses fleet text; {@code source} is the name used in error messages (a file name, or e.g. "inline"). */
  public static Fleet parse(String source, String text) throws FleetException {
    try {
      return parse(source, new StringReader(text));
    } catch (IOException e) {
      throw new IllegalStateException("reading a string", e);
    }
  }

  /** Parses fleet text from a reader (not closed here). */
  public static Fleet parse(String source, Reader reader) throws FleetException, IOException {
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    JsonFormat.Parser parser = JsonFormat.parser();
    List<Entry> entries = new ArrayList<>();
    int number = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      Asset.Builder asset = Asset.newBuilder();
      try {
        parser.merge(line, asset);
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        throw FleetException.at(source, number, "not an Asset: " + oneLine(e.getMessage()));
      }
      if (asset.getName().isBlank()) {
        throw FleetException.at(source, number, "the asset has no name");
      }
      if (asset.getAssetType().isBlank()) {
        throw FleetException.at(source, number, "the asset " + asset.getName() + " has no assetType");
      }
      entries.add(new Entry(number, asset.build()));
    }
    return new Fleet(source, entries);
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unparseable JSON";
    }
    String flat = message.replaceAll("\\s+", " ")
        .replaceAll("(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error): ", "") // parser class names say nothing here
        .replaceAll(" ?See https://github\\.com/google/gson\\S*", "")
        .replace(" at line 1 column ", " at column ")
        .strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
  }

  /** The name used in error messages: the file as given, or the label of inline text. */
  public String source() {
    return source;
  }

  public List<Entry> entries() {
    return entries;
  }

  public List<Asset> assets() {
    return entries.stream().map(Entry::asset).toList();
  }
}
