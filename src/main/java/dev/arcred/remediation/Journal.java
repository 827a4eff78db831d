package dev.arcred.remediation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only journal of apply and rollback: JSON lines, each flushed and synced to disk before the call
 * returns. Apply writes an {@code intent} (with the state before) before each write and an {@code outcome} after
 * it, so that after a crash every change is either recorded as done, or has an intent that says what to re-read.
 * One process at a time: the file is locked while open. A last line cut short by a crash is dropped on open (it
 * recorded nothing that happened: an intent is complete before its write starts).
 */
public final class Journal implements AutoCloseable {
  public static final String APPLY = "apply";
  public static final String INTENT = "intent";
  public static final String OUTCOME = "outcome";
  public static final String ROLLBACK = "rollback";
  public static final String ROLLBACK_INTENT = "rollback-intent";
  public static final String ROLLBACK_OUTCOME = "rollback-outcome";

  /** One line. Header lines (apply, rollback) carry the plan's digest; the others a change and its states. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      String record,
      String at,
      String plan,
      Integer change,
      String key,
      ChangeKind kind,
      String target,
      String member,
      String role,
      TargetState before,
      TargetState after,
      String outcome,
      String detail) {

    static Entry header(String record, String at, String plan) {
      return new Entry(record, at, plan, null, null, null, null, null, null, null, null, null, null);
    }

    static Entry of(String record, String at, Change c, TargetState before, TargetState after, String outcome,
        String detail) {
      return new Entry(record, at, null, c.id(), c.key(), c.kind(), c.target(), c.member(), c.role(), before, after,
          outcome, detail);
    }
  }

  /** A journal that cannot be used: exit 2 with this message. */
  public static final class BadJournal extends Exception {
    public BadJournal(String message) {
      super(message);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Clock clock;
  private final List<Entry> entries;

  private Journal(Path file, FileChannel channel, FileLock lock, Clock clock, List<Entry> entries) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.clock = clock;
    this.entries = entries;
  }

  /**
   * Opens (or creates) a journal for appending, locked. With {@code mustExist}, a missing file is an error
   * (rollback reads a journal; it does not start one).
   */
  public static Journal open(Path file, boolean mustExist, Clock clock) throws BadJournal {
    if (mustExist && !Files.isRegularFile(file)) {
      throw new BadJournal(file + ": no such journal");
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new BadJournal(file + ": in use by another arcred process (apply or rollback)");
      }
      List<Entry> entries;
      try {
        entries = readAndRepair(file, channel);
      } catch (BadJournal | IOException e) {
        lock.release();
        channel.close();
        throw e;
      }
      channel.position(channel.size());
      return new Journal(file, channel, lock, clock, entries);
    } catch (IOException e) {
      throw new BadJournal(file + ": cannot open the journal: " + e.getMessage());
    }
  }

  private static List<Entry> readAndRepair(Path file, FileChannel channel) throws IOException, BadJournal {
    long size = channel.size();
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE));
    channel.read(buffer, 0);
    byte[] bytes = buffer.array();
    int complete = 0;
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        complete = i + 1;
        break;
      }
    }
    if (complete < bytes.length) {
      channel.truncate(complete); // a line cut short by a crash: it recorded nothing that happened
      channel.force(true);
    }
    List<Entry> entries = new ArrayList<>();
    String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
    int lineNumber = 0;
    for (String line : text.split("\n", -1)) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        Entry e = MAPPER.readValue(line, Entry.class);
        if (e.record() == null) {
          throw new IOException("no record type");
        }
        entries.add(e);
      } catch (IOException e) {
        throw new BadJournal(file + ":" + lineNumber + ": not an arcred journal line");
      }
    }
    return entries;
  }

  public Path file() {
    return file;
  }

  /** What the file held when opened. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The plan digest of the journal's first apply, if any. */
  public String planDigest() {
    return entries.stream().filter(e -> e.record().equals(APPLY)).map(Entry::plan).findFirst().orElse(null);
  }

  public boolean hasRollback() {
    return entries.stream().anyMatch(e -> e.record().startsWith(ROLLBACK));
  }

  public void header(String record, String plan) {
    append(Entry.header(record, now(), plan));
  }

  public void record(String record, Change change, TargetState before, TargetState after, String outcome,
      String detail) {
    append(Entry.of(record, now(), change, before, after, outcome, detail));
  }

  /** Appends a line and syncs it to disk before returning. */
  synchronized void append(Entry entry) {
    try {
      byte[] line = (MAPPER.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
      entries.add(entry);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage(), e);
    }
  }

  private String now() {
    return clock.instant().toString();
  }

  /** What the journal says about each change, by key, in the order first recorded. */
  public Map<String, History> histories() {
    Map<String, History> byKey = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e.key() == null) {
        continue;
      }
      History h = byKey.computeIfAbsent(e.key(), k -> new History());
      switch (e.record()) {
        case INTENT -> {
          if (h.firstIntent == null) {
            h.firstIntent = e;
          }
        }
        case OUTCOME -> h.lastOutcome = e;
        case ROLLBACK_OUTCOME -> h.lastRollback = e;
        default -> { }
      }
    }
    return byKey;
  }

  /** One change's history: its first intent (with the state before arcred touched it), its last outcomes. */
  public static final class History {
    Entry firstIntent;
    Entry lastOutcome;
    Entry lastRollback;

    public Entry firstIntent() {
      return firstIntent;
    }

    public Entry lastOutcome() {
      return lastOutcome;
    }

    public Entry lastRollback() {
      return lastRollback;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the journal's lines are already on disk
    }
  }
}
