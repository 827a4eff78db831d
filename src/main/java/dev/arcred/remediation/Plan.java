package dev.arcred.remediation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code arcred plan} decided and {@code arcred apply} executes, exactly: plan.json.
 *
 * @param schemaVersion 1
 * @param scope what was audited: organizations/N, folders/N or projects/P (apply verifies by auditing it again)
 * @param organization organizations/N
 * @param formats the audited formats (NPM, ...)
 * @param auditedAt the audit's clock, RFC 3339
 * @param expiryWarningDays the audit's expiry window
 * @param source where the facts were read: "endpoint HOST:PORT", "fleet FILE" or "Google"
 * @param credentials the credentials mapping used, or null
 * @param repositories how many repositories were audited
 * @param changes what apply does, in order
 * @param manual the findings left for a person
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(
    int schemaVersion,
    String scope,
    String organization,
    List<String> formats,
    String auditedAt,
    int expiryWarningDays,
    String source,
    String credentials,
    int repositories,
    List<Change> changes,
    List<ManualAction> manual) {

  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");
  private static final ObjectWriter WRITER =
      MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(INDENTER).withArrayIndenter(INDENTER));

  public Plan {
    formats = List.copyOf(formats);
    changes = List.copyOf(changes);
    manual = List.copyOf(manual);
  }

  /** A plan file that cannot be used: exit 2 with this message. */
  public static final class BadPlan extends Exception {
    public BadPlan(String message) {
      super(message);
    }
  }

  public static Plan read(Path file) throws BadPlan {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadPlan(file + ": no such plan file (make one with app/arcred plan --out DIR)");
    } catch (IOException e) {
      throw new BadPlan(file + ": cannot read the plan: " + e.getMessage());
    }
    Plan plan;
    try {
      plan = MAPPER.readValue(bytes, Plan.class);
    } catch (IOException e) {
      String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
        message = cause.getMessage();
      }
      throw new BadPlan(file + ": not an arcred plan: " + message);
    }
    if (plan == null || plan.schemaVersion() != SCHEMA_VERSION) {
      throw new BadPlan(file + ": not an arcred plan of schema version " + SCHEMA_VERSION);
    }
    if (plan.scope() == null || plan.scope().isBlank()) {
      throw new BadPlan(file + ": the plan names no scope");
    }
    Set<String> keys = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    for (Change c : plan.changes()) {
      if (!keys.add(c.key()) || !ids.add(c.id())) {
        throw new BadPlan(file + ": change " + c.id() + " (" + c.key() + ") appears twice");
      }
    }
    return plan;
  }

  public byte[] toJson() {
    try {
      return (WRITER.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a plan", e);
    }
  }

  /** The plan file's identity, recorded in journals: the SHA-256 of its bytes. */
  public static String digest(Path file) throws IOException {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @JsonIgnore
  public Map<ChangeKind, Long> counts() {
    Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
    for (ChangeKind k : ChangeKind.values()) {
      counts.put(k, 0L);
    }
    changes.forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
    return counts;
  }

  /** The secrets that planned grants change: their policies' etags are read for {@link #withSeenEtags}. */
  @JsonIgnore
  public List<String> grantedSecrets() {
    return changes.stream().filter(c -> c.kind() == ChangeKind.GRANT_ACCESSOR).map(Change::target).distinct().toList();
  }

  /** The same plan, its grants carrying the etag each secret's policy had when read. */
  public Plan withSeenEtags(Map<String, String> etags) {
    List<Change> seen = changes.stream()
        .map(c -> c.kind() == ChangeKind.GRANT_ACCESSOR && etags.containsKey(c.target())
            ? c.withSeen(Seen.policy(etags.get(c.target()))) : c)
        .toList();
    return new Plan(schemaVersion, scope, organization, formats, auditedAt, expiryWarningDays, source, credentials,
        repositories, seen, manual);
  }
}
