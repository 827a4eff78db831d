package dev.arcred.remediation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The target's state when the plan was made. Apply compares it with what it reads: a target that moved is re-read and
 * the change applied only when still needed and safe.
 *
 * @param etag a grant's secret policy etag (base64), as GetIamPolicy gave it
 * @param username a repository's upstream username ("" when unset)
 * @param passwordSecretVersion a repository's secret version reference ("" when unset)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Seen(String etag, String username, String passwordSecretVersion) {
  public static Seen policy(String etag) {
    return new Seen(etag, null, null);
  }

  public static Seen repository(String username, String passwordSecretVersion) {
    return new Seen(null, blankToEmpty(username), blankToEmpty(passwordSecretVersion));
  }

  static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }
}
