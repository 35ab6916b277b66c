package dev.jcosign.adapters.gcpkms;

import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.CreateCryptoKeyRequest;
import com.google.cloud.kms.v1.CreateKeyRingRequest;
import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKey.CryptoKeyPurpose;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionState;
import com.google.cloud.kms.v1.CryptoKeyVersionTemplate;
import com.google.cloud.kms.v1.GetCryptoKeyRequest;
import com.google.cloud.kms.v1.GetCryptoKeyVersionRequest;
import com.google.cloud.kms.v1.GetKeyRingRequest;
import com.google.cloud.kms.v1.GetPublicKeyRequest;
import com.google.cloud.kms.v1.KeyRing;
import com.google.cloud.kms.v1.ListCryptoKeyVersionsRequest;
import com.google.cloud.kms.v1.ListCryptoKeyVersionsResponse;
import com.google.cloud.kms.v1.ProtectionLevel;
import com.google.cloud.kms.v1.PublicKey;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import com.google.protobuf.Message;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Cloud KMS on loopback: the real {@code google.cloud.kms.v1.KeyManagementService} gRPC methods
 * (protobuf over plaintext HTTP/2) served to the real client, with real keys ({@link FakeGcpKmsKey}).
 * It refuses what Cloud KMS refuses: wrong digest type or length for the algorithm, a bad
 * {@code digest_crc32c}, signing with a non-signing key or a disabled version, unknown filters.
 */
public final class FakeGcpKms implements AutoCloseable {
  private static final String SERVICE = "google.cloud.kms.v1.KeyManagementService";

  private final Map<String, KeyRing> rings = new ConcurrentHashMap<>();
  private final Map<String, CryptoKey> keys = new ConcurrentHashMap<>();
  private final Map<String, FakeGcpKmsKey> versions = new ConcurrentHashMap<>();
  private final List<String> denied = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean unauthenticated;
  private volatile boolean corruptSignatureChecksum;
  private final Server server;

  public FakeGcpKms() {
    ServerServiceDefinition.Builder svc = ServerServiceDefinition.builder(SERVICE);
    method(svc, "GetKeyRing", GetKeyRingRequest.getDefaultInstance(), KeyRing.getDefaultInstance(),
        r -> found(rings.get(guard(r.getName())), r.getName()));
    method(svc, "CreateKeyRing", CreateKeyRingRequest.getDefaultInstance(), KeyRing.getDefaultInstance(), this::createKeyRing);
    method(svc, "GetCryptoKey", GetCryptoKeyRequest.getDefaultInstance(), CryptoKey.getDefaultInstance(),
        r -> found(keys.get(guard(r.getName())), r.getName()));
    method(svc, "CreateCryptoKey", CreateCryptoKeyRequest.getDefaultInstance(), CryptoKey.getDefaultInstance(), this::createCryptoKey);
    method(svc, "GetCryptoKeyVersion", GetCryptoKeyVersionRequest.getDefaultInstance(), CryptoKeyVersion.getDefaultInstance(),
        r -> found(versions.get(guard(r.getName())), r.getName()).proto());
    method(svc, "ListCryptoKeyVersions", ListCryptoKeyVersionsRequest.getDefaultInstance(),
        ListCryptoKeyVersionsResponse.getDefaultInstance(), this::list);
    method(svc, "GetPublicKey", GetPublicKeyRequest.getDefaultInstance(), PublicKey.getDefaultInstance(), this::publicKey);
    method(svc, "AsymmetricSign", AsymmetricSignRequest.getDefaultInstance(), AsymmetricSignResponse.getDefaultInstance(), this::sign);
    try {
      server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(svc.build()).build().start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code 127.0.0.1:PORT}, for JCOSIGN_GCPKMS_ENDPOINT. */
  public String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Adds key ring, key and version 1 (ENABLED) with a freshly generated key pair. */
  public FakeGcpKmsKey addKey(String cryptoKeyName, CryptoKeyPurpose purpose, CryptoKeyVersionAlgorithm alg) {
    String ring = cryptoKeyName.substring(0, cryptoKeyName.indexOf("/cryptoKeys/"));
    rings.putIfAbsent(ring, KeyRing.newBuilder().setName(ring).build());
    keys.put(cryptoKeyName, CryptoKey.newBuilder().setName(cryptoKeyName).setPurpose(purpose)
        .setVersionTemplate(CryptoKeyVersionTemplate.newBuilder().setAlgorithm(alg)).build());
    return addVersion(cryptoKeyName, CryptoKeyVersionState.ENABLED);
  }

  /** Adds the next version of an existing key. */
  public FakeGcpKmsKey addVersion(String cryptoKeyName, CryptoKeyVersionState state) {
    CryptoKey k = keys.get(cryptoKeyName);
    int n = (int) versions.keySet().stream().filter(v -> v.startsWith(cryptoKeyName + "/")).count() + 1;
    FakeGcpKmsKey v = new FakeGcpKmsKey(cryptoKeyName + "/cryptoKeyVersions/" + n, k.getPurpose(),
        k.getVersionTemplate().getAlgorithm(), state);
    versions.put(v.name(), v);
    return v;
  }

  public FakeGcpKmsKey version(String name) {
    return versions.get(name);
  }

  /** Every request on a resource starting with {@code prefix} gets PERMISSION_DENIED. */
  public void deny(String prefix) {
    denied.add(prefix);
  }

  /** Every request gets UNAUTHENTICATED, as with an expired token. */
  public void unauthenticated(boolean on) {
    unauthenticated = on;
  }

  /** Returns a wrong {@code signature_crc32c}, as a response corrupted in transit would. */
  public void corruptSignatureChecksum(boolean on) {
    corruptSignatureChecksum = on;
  }

  /** Method names in the order they were called. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  private KeyRing createKeyRing(CreateKeyRingRequest r) {
    String name = guard(r.getParent()) + "/keyRings/" + r.getKeyRingId();
    if (!r.getParent().matches("projects/[^/]+/locations/[^/]+") || r.getKeyRingId().isEmpty()) {
      throw Status.INVALID_ARGUMENT.withDescription("bad key ring parent or id").asRuntimeException();
    }
    if (rings.putIfAbsent(name, KeyRing.newBuilder().setName(name).build()) != null) {
      throw Status.ALREADY_EXISTS.withDescription(name).asRuntimeException();
    }
    return rings.get(name);
  }

  private CryptoKey createCryptoKey(CreateCryptoKeyRequest r) {
    found(rings.get(guard(r.getParent())), r.getParent());
    String name = r.getParent() + "/cryptoKeys/" + r.getCryptoKeyId();
    if (keys.containsKey(name)) {
      throw Status.ALREADY_EXISTS.withDescription(name).asRuntimeException();
    }
    CryptoKey k = r.getCryptoKey();
    if (k.getPurpose() == CryptoKeyPurpose.ASYMMETRIC_SIGN
        && k.getVersionTemplate().getAlgorithm() == CryptoKeyVersionAlgorithm.CRYPTO_KEY_VERSION_ALGORITHM_UNSPECIFIED) {
      throw Status.INVALID_ARGUMENT.withDescription("version_template.algorithm is required").asRuntimeException();
    }
    addKey(name, k.getPurpose(), k.getVersionTemplate().getAlgorithm());
    return keys.get(name);
  }

  private ListCryptoKeyVersionsResponse list(ListCryptoKeyVersionsRequest r) {
    found(keys.get(guard(r.getParent())), r.getParent());
    if (!r.getFilter().isEmpty() && !r.getFilter().equals("state=ENABLED")) {
      throw Status.INVALID_ARGUMENT.withDescription("unsupported filter " + r.getFilter()).asRuntimeException();
    }
    if (!r.getOrderBy().isEmpty() && !r.getOrderBy().equals("name desc")) {
      throw Status.INVALID_ARGUMENT.withDescription("unsupported order_by " + r.getOrderBy()).asRuntimeException();
    }
    Comparator<String> order = r.getOrderBy().isEmpty() ? Comparator.naturalOrder() : Comparator.reverseOrder();
    List<CryptoKeyVersion> out = new ArrayList<>(versions.values().stream()
        .filter(v -> v.name().startsWith(r.getParent() + "/cryptoKeyVersions/"))
        .filter(v -> r.getFilter().isEmpty() || v.state() == CryptoKeyVersionState.ENABLED)
        .map(FakeGcpKmsKey::proto).sorted(Comparator.comparing(CryptoKeyVersion::getName, order)).toList());
    int size = r.getPageSize() > 0 ? Math.min(r.getPageSize(), out.size()) : out.size();
    return ListCryptoKeyVersionsResponse.newBuilder().addAllCryptoKeyVersions(out.subList(0, size)).setTotalSize(out.size()).build();
  }

  private PublicKey publicKey(GetPublicKeyRequest r) {
    FakeGcpKmsKey v = signing(r.getName());
    return PublicKey.newBuilder().setName(v.name()).setPem(v.pem()).setAlgorithm(v.algorithm())
        .setPemCrc32C(Int64Value.of(GcpKmsSigner.crc32c(v.pem().getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .setProtectionLevel(ProtectionLevel.SOFTWARE).build();
  }

  private AsymmetricSignResponse sign(AsymmetricSignRequest r) {
    FakeGcpKmsKey v = signing(r.getName());
    if (!r.getData().isEmpty()) {
      throw Status.INVALID_ARGUMENT.withDescription("data is only for raw and ed25519 keys").asRuntimeException();
    }
    byte[] digest = v.checkDigest(r.getDigest());
    if (r.hasDigestCrc32C() && r.getDigestCrc32C().getValue() != GcpKmsSigner.crc32c(digest)) {
      throw Status.INVALID_ARGUMENT.withDescription("The checksum in field digest_crc32c did not match the data in field digest.")
          .asRuntimeException();
    }
    byte[] sig = v.sign(digest);
    long crc = GcpKmsSigner.crc32c(sig) + (corruptSignatureChecksum ? 1 : 0);
    return AsymmetricSignResponse.newBuilder().setName(v.name()).setSignature(ByteString.copyFrom(sig))
        .setSignatureCrc32C(Int64Value.of(crc)).setVerifiedDigestCrc32C(r.hasDigestCrc32C())
        .setProtectionLevel(ProtectionLevel.SOFTWARE).build();
  }

  /** An existing, ENABLED version of an ASYMMETRIC_SIGN key. */
  private FakeGcpKmsKey signing(String name) {
    FakeGcpKmsKey v = found(versions.get(guard(name)), name);
    if (v.purpose() != CryptoKeyPurpose.ASYMMETRIC_SIGN) {
      throw Status.FAILED_PRECONDITION.withDescription("key purpose is " + v.purpose()).asRuntimeException();
    }
    if (v.state() != CryptoKeyVersionState.ENABLED) {
      throw Status.FAILED_PRECONDITION.withDescription(name + " is not enabled, current state is: " + v.state()).asRuntimeException();
    }
    return v;
  }

  private String guard(String resource) {
    if (unauthenticated) {
      throw Status.UNAUTHENTICATED.withDescription("Request had invalid authentication credentials.").asRuntimeException();
    }
    if (denied.stream().anyMatch(resource::startsWith)) {
      throw Status.PERMISSION_DENIED.withDescription("Permission 'cloudkms.cryptoKeyVersions.useToSign' denied").asRuntimeException();
    }
    return resource;
  }

  private static <T> T found(T t, String name) {
    if (t == null) {
      throw Status.NOT_FOUND.withDescription(name + " not found.").asRuntimeException();
    }
    return t;
  }

  private <Q extends Message, R extends Message> void method(ServerServiceDefinition.Builder svc, String name, Q req, R resp,
      Function<Q, R> handler) {
    MethodDescriptor<Q, R> md = MethodDescriptor.<Q, R>newBuilder(ProtoUtils.marshaller(req), ProtoUtils.marshaller(resp))
        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name)).build();
    svc.addMethod(md, ServerCalls.asyncUnaryCall((Q q, io.grpc.stub.StreamObserver<R> out) -> {
      calls.add(name);
      try {
        out.onNext(handler.apply(q));
        out.onCompleted();
      } catch (StatusRuntimeException e) {
        out.onError(e);
      }
    }));
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
