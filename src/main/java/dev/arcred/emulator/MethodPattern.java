package dev.arcred.emulator;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which gRPC methods a line of the emulator's latency, quota or fault files applies to: a glob ({@code *} any
 * characters) matched against the full method name ({@code google.cloud.secretmanager.v1.SecretManagerService/GetSecret}),
 * against {@code Service/Method} ({@code SecretManagerService/GetSecret}) or against the method alone
 * ({@code GetSecret}); {@code read:GLOB} and {@code write:GLOB} keep only reads or writes, and {@code read},
 * {@code write} and {@code *} alone mean every read, every write, every method. Reads are the methods named
 * Get..., List..., Search..., BatchGet..., Access..., Analyze..., Query... and TestIamPermissions; the rest write.
 */
record MethodPattern(String text, Boolean reads, Pattern glob) {
  private static final Set<String> READ_PREFIXES =
      Set.of("Get", "List", "Search", "BatchGet", "Access", "Analyze", "Query", "TestIamPermissions");

  static MethodPattern parse(String text) {
    String t = text.strip();
    Boolean reads = null;
    String glob = t;
    if (t.equals("read") || t.equals("write")) {
      reads = t.equals("read");
      glob = "*";
    } else if (t.startsWith("read:") || t.startsWith("write:")) {
      reads = t.startsWith("read:");
      glob = t.substring(t.indexOf(':') + 1);
    }
    if (glob.isEmpty() || !glob.matches("[A-Za-z0-9_.*/]+")) {
      throw new IllegalArgumentException("not a method pattern: '" + text
          + "' (e.g. SecretManagerService/GetSecret, ArtifactRegistry/*, read, write:*, *)");
    }
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
    }
    return new MethodPattern(t, reads, Pattern.compile(regex.toString()));
  }

  boolean matches(String fullMethodName) {
    if (reads != null && reads != isRead(fullMethodName)) {
      return false;
    }
    String serviceAndMethod = fullMethodName.substring(fullMethodName.lastIndexOf('.', fullMethodName.indexOf('/'))
        + 1);
    String method = fullMethodName.substring(fullMethodName.indexOf('/') + 1);
    return glob.matcher(fullMethodName).matches() || glob.matcher(serviceAndMethod).matches()
        || glob.matcher(method).matches();
  }

  /** Whether a method only reads (see the class comment). */
  static boolean isRead(String fullMethodName) {
    String method = fullMethodName.substring(fullMethodName.indexOf('/') + 1);
    return READ_PREFIXES.stream().anyMatch(method::startsWith);
  }

  @Override
  public String toString() {
    return text;
  }
}
