package dev.arcred.emulator;

import com.google.cloud.location.GetLocationRequest;
import com.google.cloud.location.ListLocationsRequest;
import com.google.cloud.location.ListLocationsResponse;
import com.google.cloud.location.Location;
import com.google.cloud.location.LocationsProto;
import com.google.protobuf.Descriptors;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Artifact Registry's locations (the {@code google.cloud.location.Locations} mixin): the regions that hold a
 * repository anywhere in the fleet. gcloud lists them (through v1beta2) before {@code artifacts repositories list}
 * without {@code --location}. The gRPC stubs of this mixin are not in the client libraries, so the service is
 * described here from the published descriptor; {@link Emulator} adds the REST bindings.
 */
final class LocationsService implements BindableService {
  static final String SERVICE = "google.cloud.location.Locations";
  static final int LIST_DEFAULT = 100;
  static final int LIST_MAX = 1000;

  private static final Pattern PROJECT = Pattern.compile("^projects/([^/]+)$");
  private static final Pattern LOCATION = Pattern.compile("^projects/([^/]+)/locations/([^/]+)$");

  private static final MethodDescriptor<ListLocationsRequest, ListLocationsResponse> LIST =
      MethodDescriptor.<ListLocationsRequest, ListLocationsResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "ListLocations"))
          .setRequestMarshaller(ProtoUtils.marshaller(ListLocationsRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(ListLocationsResponse.getDefaultInstance()))
          .setSchemaDescriptor(new Schema("ListLocations"))
          .build();

  private static final MethodDescriptor<GetLocationRequest, Location> GET =
      MethodDescriptor.<GetLocationRequest, Location>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "GetLocation"))
          .setRequestMarshaller(ProtoUtils.marshaller(GetLocationRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(Location.getDefaultInstance()))
          .setSchemaDescriptor(new Schema("GetLocation"))
          .build();

  private final FleetState state;
  private final ArtifactRegistryService artifactRegistry;

  LocationsService(FleetState state, ArtifactRegistryService artifactRegistry) {
    this.state = state;
    this.artifactRegistry = artifactRegistry;
  }

  @Override
  public ServerServiceDefinition bindService() {
    ServiceDescriptor descriptor = ServiceDescriptor.newBuilder(SERVICE)
        .setSchemaDescriptor(new Schema(null)).addMethod(LIST).addMethod(GET).build();
    return ServerServiceDefinition.builder(descriptor)
        .addMethod(LIST, ServerCalls.asyncUnaryCall(this::listLocations))
        .addMethod(GET, ServerCalls.asyncUnaryCall(this::getLocation))
        .build();
  }

  void listLocations(ListLocationsRequest request, StreamObserver<ListLocationsResponse> observer) {
    Errors.answer(observer, () -> {
      Matcher m = PROJECT.matcher(request.getName());
      if (!m.matches()) {
        throw Errors.invalid("Invalid name: '" + request.getName() + "' (expected projects/{project})");
      }
      if (!request.getFilter().isBlank()) {
        throw Errors.unimplemented("filter");
      }
      FleetState.Project project = artifactRegistry.project(m.group(1), "artifactregistry.locations.list",
          request.getName());
      int size = Pages.size(request.getPageSize(), LIST_DEFAULT, LIST_MAX, false);
      List<Location> all = regions().stream().map(r -> location(project.id(), r)).toList();
      Pages.Page<Location> page = Pages.page(all, Location::getLocationId, request.getPageToken(),
          "ListLocations|" + project.id(), size);
      return ListLocationsResponse.newBuilder().addAllLocations(page.items()).setNextPageToken(page.nextPageToken())
          .build();
    });
  }

  void getLocation(GetLocationRequest request, StreamObserver<Location> observer) {
    Errors.answer(observer, () -> {
      Matcher m = LOCATION.matcher(request.getName());
      if (!m.matches()) {
        throw Errors.invalid("Invalid name: '" + request.getName() + "' (expected projects/{project}/locations/{l})");
      }
      FleetState.Project project = artifactRegistry.project(m.group(1), "artifactregistry.locations.get",
          request.getName());
      if (!regions().contains(m.group(2))) {
        throw Errors.notFound("Location not found: " + request.getName());
      }
      return location(project.id(), m.group(2));
    });
  }

  private List<String> regions() {
    return state.repositories().stream().map(r -> r.getName().split("/")[3]).distinct().sorted().toList();
  }

  private static Location location(String projectId, String region) {
    return Location.newBuilder().setName("projects/" + projectId + "/locations/" + region).setLocationId(region)
        .build();
  }

  /** Points Armeria's transcoding at the published descriptor, where the google.api.http rules are. */
  private static final class Schema
      implements ProtoFileDescriptorSupplier, ProtoServiceDescriptorSupplier, ProtoMethodDescriptorSupplier {
    private final String method;

    Schema(String method) {
      this.method = method;
    }

    @Override
    public Descriptors.FileDescriptor getFileDescriptor() {
      return LocationsProto.getDescriptor();
    }

    @Override
    public Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Locations");
    }

    @Override
    public Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(method);
    }
  }
}
