package dev.arcred.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes files whole or not at all: each file goes to a temporary name in its own folder, is flushed to disk,
 * then renamed over the target with ATOMIC_MOVE. A reader sees the old file or the new one, never a part.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What goes into one file, written to a stream (so that a large report never sits whole in memory). */
  @FunctionalInterface
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /** Writes one file atomically. */
  public static void write(Path target, byte[] content) throws IOException {
    writeAll(Map.of(target, content));
  }

  public static void writeAll(Map<Path, byte[]> files) throws IOException {
    Map<Path, Content> contents = new LinkedHashMap<>();
    files.forEach((path, bytes) -> contents.put(path, out -> out.write(bytes)));
    writeStreams(contents);
  }

  /**
   * Writes a set of files: every temporary file is staged (written and flushed) before the first rename, so a
   * failure while staging (disk full, permissions) replaces none of them. Each file is always whole; only a
   * failed rename in the middle, which is rare, can leave a set where some files are new and some old.
   * Temporary files never outlive this call.
   */
  public static void writeStreams(Map<Path, Content> files) throws IOException {
    Map<Path, Path> staged = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, Content> file : files.entrySet()) {
        stage(file.getKey().toAbsolutePath(), file.getValue(), staged);
      }
      for (Map.Entry<Path, Path> file : staged.entrySet()) {
        Files.move(file.getValue(), file.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(staged.values(), e);
      throw e;
    }
    syncFolders(staged.keySet());
  }

  /** Writes content to a new temporary file beside target and records it in staged (target to temp). */
  private static void stage(Path target, Content content, Map<Path, Path> staged) throws IOException {
    // A hidden name in the target's own folder (a rename across file systems is not atomic). CREATE_NEW, not
    // Files.createTempFile: the latter makes the file 0600, and the report would keep that mode after the rename.
    Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      staged.put(target, temp); // known before the first byte, so a failed write is cleaned up too
      java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel),
          1 << 16);
      content.writeTo(out);
      out.flush();
      channel.force(true); // else a crash after the rename can leave an empty file under the final name
    }
  }

  private static void deleteQuietly(Iterable<Path> temps, Exception cause) {
    for (Path temp : temps) {
      try {
        Files.deleteIfExists(temp); // a temp already renamed is gone; deleteIfExists is a no-op then
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /** Makes the renames durable. Best effort: some file systems and platforms cannot sync a folder. */
  private static void syncFolders(Iterable<Path> targets) {
    List<Path> folders = new ArrayList<>();
    for (Path target : targets) {
      Path folder = target.getParent();
      if (folder != null && !folders.contains(folder)) {
        folders.add(folder);
      }
    }
    for (Path folder : folders) {
      try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (IOException | UnsupportedOperationException e) {
        // The files are already whole under their final names; only durability across a power loss is lost.
      }
    }
  }
}
