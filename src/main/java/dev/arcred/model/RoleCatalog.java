package dev.arcred.model;

import java.util.Map;
import java.util.Set;

/** Which roles grant secretmanager.versions.access: three predefined ones and custom roles that include it. */
public record RoleCatalog(Map<String, Set<String>> customRolePermissions) {
  public static final String ACCESS_PERMISSION = "secretmanager.versions.access";
  public static final String SECRET_ACCESSOR = "roles/secretmanager.secretAccessor";
  private static final Set<String> PREDEFINED_GRANTING =
      Set.of(SECRET_ACCESSOR, "roles/secretmanager.admin", "roles/owner");

  public static final RoleCatalog PREDEFINED_ONLY = new RoleCatalog(Map.of());

  public RoleCatalog {
    customRolePermissions = Map.copyOf(customRolePermissions);
  }

  public boolean grantsAccess(String role) {
    if (PREDEFINED_GRANTING.contains(role)) {
      return true;
    }
    Set<String> permissions = customRolePermissions.get(role);
    return permissions != null && permissions.contains(ACCESS_PERMISSION);
  }
}
