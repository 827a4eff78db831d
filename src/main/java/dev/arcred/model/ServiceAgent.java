package dev.arcred.model;

/** The Artifact Registry service agent of a project: service-{N}@gcp-sa-artifactregistry.iam.gserviceaccount.com. */
public record ServiceAgent(String projectNumber) {
  public static ServiceAgent ofProjectNumber(String projectNumber) {
    return new ServiceAgent(projectNumber);
  }

  public String email() {
    return "service-" + projectNumber + "@gcp-sa-artifactregistry.iam.gserviceaccount.com";
  }

  /** The IAM member form. */
  public String member() {
    return "serviceAccount:" + email();
  }
}
