package dev.arcred.model;

/** The stable rule IDs of RULES.md. Never rename or reuse one. */
public final class RuleIds {
  public static final String CREDENTIALS_MISSING = "CREDENTIALS_MISSING";
  public static final String CREDENTIALS_INCOMPLETE = "CREDENTIALS_INCOMPLETE";
  public static final String SECRET_REFERENCE_INVALID = "SECRET_REFERENCE_INVALID";
  public static final String SECRET_NOT_FOUND = "SECRET_NOT_FOUND";
  public static final String SECRET_VERSION_NOT_FOUND = "SECRET_VERSION_NOT_FOUND";
  public static final String SECRET_VERSION_DISABLED = "SECRET_VERSION_DISABLED";
  public static final String SECRET_VERSION_DESTROYED = "SECRET_VERSION_DESTROYED";
  public static final String SECRET_VERSION_DESTROY_SCHEDULED = "SECRET_VERSION_DESTROY_SCHEDULED";
  public static final String SECRET_EXPIRING = "SECRET_EXPIRING";
  public static final String SECRET_VERSION_FLOATING = "SECRET_VERSION_FLOATING";
  public static final String SECRET_VERSION_SUPERSEDED = "SECRET_VERSION_SUPERSEDED";
  public static final String SECRET_PUBLIC = "SECRET_PUBLIC";
  public static final String SERVICE_AGENT_NO_ACCESS = "SERVICE_AGENT_NO_ACCESS";
  public static final String SERVICE_AGENT_CONDITIONAL_ACCESS = "SERVICE_AGENT_CONDITIONAL_ACCESS";
  public static final String SERVICE_AGENT_BROAD_ACCESS = "SERVICE_AGENT_BROAD_ACCESS";
  public static final String CHECK_ERROR = "CHECK_ERROR";
  public static final String SUPPRESSION_EXPIRED = "SUPPRESSION_EXPIRED";

  private RuleIds() {}
}
