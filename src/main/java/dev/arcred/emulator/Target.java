package dev.arcred.emulator;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request targets, read from its resource-name field ({@code name}, {@code parent}, {@code resource},
 * {@code scope}, or the {@code name} of the message it carries, such as UpdateRepository's repository): the
 * project, folder or organization it is in, and its region.
 *
 * @param project the project ID when the fleet knows the project (else as named), {@code organizations/N} or
 *     {@code folders/N}; {@link CallCounter#NO_TARGET} when the request names nothing
 * @param region the {@code locations/X} segment, or {@code global}
 * @param organization the fleet's organization when the target is in it, else the target as named
 */
record Target(String project, String region, String organization) {
  private static final List<String> FIELDS = List.of("name", "parent", "resource", "scope");
  private static final List<String> CARRIED = List.of("repository", "secret", "secret_version");
  private static final Pattern CONTAINER = Pattern.compile("^(projects|folders|organizations)/([^/]+)");
  private static final Pattern LOCATION = Pattern.compile("/locations/([^/]+)");

  static Target of(FleetState state, Object request) {
    String name = request instanceof Message m ? resourceName(m) : "";
    Matcher c = CONTAINER.matcher(name);
    Matcher l = LOCATION.matcher(name);
    String region = l.find() ? l.group(1) : "global";
    if (!c.find()) {
      return new Target(CallCounter.NO_TARGET, region, CallCounter.NO_TARGET);
    }
    if (!c.group(1).equals("projects")) {
      String container = c.group(0);
      boolean inFleet = container.equals(state.organization())
          || state.canonicalFullName(FleetState.CRM + container).isPresent();
      return new Target(container, region, inFleet ? state.organization() : container);
    }
    return state.project(c.group(2))
        .map(p -> new Target(p.id(), region, state.organization()))
        .orElseGet(() -> new Target(c.group(2), region, c.group(0)));
  }

  private static String resourceName(Message request) {
    for (String field : FIELDS) {
      FieldDescriptor f = request.getDescriptorForType().findFieldByName(field);
      if (f != null && f.getType() == FieldDescriptor.Type.STRING && !f.isRepeated()) {
        String value = (String) request.getField(f);
        if (!value.isEmpty()) {
          return value;
        }
      }
    }
    for (String field : CARRIED) {
      FieldDescriptor f = request.getDescriptorForType().findFieldByName(field);
      if (f != null && f.getType() == FieldDescriptor.Type.MESSAGE && !f.isRepeated() && request.hasField(f)) {
        String inner = resourceName((Message) request.getField(f));
        if (!inner.isEmpty()) {
          return inner;
        }
      }
    }
    return "";
  }
}
