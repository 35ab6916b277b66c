package dev.jcosign.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.spi.ImageLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link dev.jcosign.core.spi.Registry} over an OCI image layout directory ({@code oci-layout}, {@code index.json},
 * {@code blobs/<alg>/<hex>}). One layout is one repository: the repository part of every reference
 * is ignored. Tags are the {@code org.opencontainers.image.ref.name} annotations of index.json
 * entries. Files are written atomically (temporary file, then move), so a reader never sees half a blob.
 */
public final class OciLayoutRegistry implements ImageLayout {
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final byte[] OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private final Path root;
  private final long maxManifestBytes;
  private final long maxBlobBytes;

  /** A layout at {@code root}, created on first write if missing. */
  public OciLayoutRegistry(Path root) {
    this(root, RegistryConfig.DEFAULT_MAX_MANIFEST_BYTES, RegistryConfig.DEFAULT_MAX_BLOB_BYTES);
  }

  public OciLayoutRegistry(Path root, long maxManifestBytes, long maxBlobBytes) {
    this.root = root;
    this.maxManifestBytes = maxManifestBytes;
    this.maxBlobBytes = maxBlobBytes;
  }

  public Path root() {
    return root;
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public synchronized void initialize() {
    writeIndex(Json.array());
  }

  @Override
  public synchronized List<Descriptor> readIndex() {
    if (!Files.isDirectory(root)) {
      throw new InvalidInputException(Files.exists(root) ? "not a directory: " + root : "no such directory: " + root);
    }
    if (!Files.isRegularFile(root.resolve("index.json"))) {
      throw new InvalidInputException("not an OCI image layout: " + root + " (no index.json)");
    }
    try {
      return index();
    } catch (RuntimeException e) {
      // a hand-edited index.json with a bad digest is a bad layout, not a crash
      throw new InvalidInputException("reading " + root.resolve("index.json") + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Descriptor> head(ImageReference ref) {
    return getManifest(ref).map(RawManifest::descriptor);
  }

  @Override
  public synchronized Optional<RawManifest> getManifest(ImageReference ref) {
    Digest digest = ref.digest();
    String mediaType = null;
    if (digest == null) {
      Optional<JsonNode> entry = entries().stream().filter(e -> ref.tag().equals(tagOf(e))).reduce((a, b) -> b);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      digest = Digest.parse(entry.get().path("digest").asText());
      mediaType = entry.get().path("mediaType").asText(null);
    }
    Path blob = blobPath(digest);
    if (!Files.isRegularFile(blob)) {
      return Optional.empty();
    }
    byte[] bytes = read(blob, maxManifestBytes, "manifest " + digest);
    HttpRegistry.checkDigest("reading " + blob, "manifest", bytes, digest);
    if (mediaType == null || mediaType.isEmpty()) {
      mediaType = mediaTypeOf(digest, bytes);
    }
    return Optional.of(RawManifest.of(bytes, mediaType));
  }

  @Override
  public Digest putManifest(ImageReference ref, RawManifest manifest) {
    return putManifest(ref, manifest, Map.of());
  }

  /**
   * Stores a manifest and lists it in index.json with extra {@code annotations} (e.g. cosign save's
   * {@code kind}, spec §1.3). A tag reference also sets the ref.name annotation and moves the tag.
   */
  @Override
  public synchronized Digest putManifest(ImageReference ref, RawManifest manifest, Map<String, String> annotations) {
    byte[] bytes = manifest.bytes();
    Digest digest = Digest.sha256(bytes);
    if (!digest.equals(manifest.digest()) || (ref.digest() != null && !ref.digest().equals(digest))) {
      throw new InvalidInputException("cannot store manifest " + digest + " under " + ref.identifier());
    }
    writeBlob(digest, bytes);
    ArrayNode manifests = Json.array();
    boolean present = false;
    for (JsonNode e : entries()) {
      if (ref.digest() == null && ref.tag().equals(tagOf(e))) {
        continue; // the tag moves to the new manifest
      }
      if (ref.digest() != null && digest.toString().equals(e.path("digest").asText())) {
        present = true;
        if (!annotations.isEmpty()) {
          ObjectNode merged = ((ObjectNode) e).deepCopy();
          ObjectNode ann = merged.has("annotations") ? (ObjectNode) merged.get("annotations") : merged.putObject("annotations");
          new java.util.TreeMap<>(annotations).forEach(ann::put);
          manifests.add(merged);
          continue;
        }
      }
      manifests.add(e);
    }
    if (!present) {
      ObjectNode d = manifests.addObject();
      d.put("mediaType", manifest.mediaType());
      d.put("digest", digest.toString());
      d.put("size", bytes.length);
      java.util.TreeMap<String, String> ann = new java.util.TreeMap<>(annotations);
      if (ref.digest() == null) {
        ann.put(REF_NAME, ref.tag());
      }
      if (!ann.isEmpty()) {
        ObjectNode a = d.putObject("annotations");
        ann.forEach(a::put);
      }
    }
    writeIndex(manifests);
    return digest;
  }

  @Override
  public synchronized void deleteManifest(Repository repo, Digest digest) {
    List<JsonNode> all = entries();
    ArrayNode kept = Json.array();
    for (JsonNode e : all) {
      if (!digest.toString().equals(e.path("digest").asText())) {
        kept.add(e);
      }
    }
    Path blob = blobPath(digest);
    if (kept.size() == all.size() && !Files.exists(blob)) {
      throw new RegistryException("deleting " + digest + " from " + root + ": manifest unknown", 404, "MANIFEST_UNKNOWN");
    }
    writeIndex(kept);
    try {
      Files.deleteIfExists(blob);
    } catch (IOException e) {
      throw new RegistryException("deleting " + blob + ": " + e.getMessage(), 0, null, e);
    }
  }

  @Override
  public boolean blobExists(Repository repo, Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  @Override
  public byte[] getBlob(Repository repo, Digest digest, long maxBytes) {
    Path blob = blobPath(digest);
    if (!Files.isRegularFile(blob)) {
      throw new RegistryException("reading blob " + digest + " from " + root + ": blob unknown", 404, "BLOB_UNKNOWN");
    }
    long cap = maxBytes > 0 ? Math.min(maxBytes, maxBlobBytes) : maxBlobBytes;
    byte[] bytes = read(blob, cap, "blob " + digest);
    HttpRegistry.checkDigest("reading " + blob, "blob", bytes, digest);
    return bytes;
  }

  @Override
  public void putBlob(Repository repo, Digest digest, byte[] content, Optional<Repository> mountFrom) {
    HttpRegistry.checkDigest("writing blob to " + root, "blob", content, digest);
    if (!blobExists(repo, digest)) {
      writeBlob(digest, content);
    }
  }

  @Override
  public synchronized List<String> listTags(Repository repo) {
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    for (JsonNode e : entries()) {
      String t = tagOf(e);
      if (t != null) {
        tags.add(t);
      }
    }
    return List.copyOf(tags);
  }

  /** The descriptors listed in index.json, in file order; empty when the layout does not exist yet. */
  public synchronized List<Descriptor> index() {
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode e : entries()) {
      Map<String, String> ann = new java.util.TreeMap<>();
      e.path("annotations").fields().forEachRemaining(f -> ann.put(f.getKey(), f.getValue().asText()));
      out.add(new Descriptor(e.path("mediaType").asText(), Digest.parse(e.path("digest").asText()), e.path("size").asLong(),
          ann, e.hasNonNull("artifactType") ? e.get("artifactType").asText() : null));
    }
    return List.copyOf(out);
  }

  private List<JsonNode> entries() {
    Path index = root.resolve("index.json");
    if (!Files.isRegularFile(index)) {
      return List.of();
    }
    JsonNode n = Json.parse(read(index, maxManifestBytes, "index.json"), index.toString());
    List<JsonNode> out = new ArrayList<>();
    for (Iterator<JsonNode> it = n.path("manifests").elements(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** Tag of an index entry: its ref.name annotation without any repository part ({@code reg/repo:tag} becomes {@code tag}). */
  static String tagOf(JsonNode entry) {
    String name = entry.path("annotations").path(REF_NAME).asText(null);
    if (name == null || name.isEmpty()) {
      return null;
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    return colon > slash ? name.substring(colon + 1) : slash >= 0 ? null : name;
  }

  private static String mediaTypeOf(Digest digest, byte[] bytes) {
    try {
      String t = Json.parse(bytes, "manifest " + digest).path("mediaType").asText("");
      return t.isEmpty() ? MediaTypes.OCI_MANIFEST : t;
    } catch (InvalidInputException e) {
      throw new RegistryException("manifest " + digest + " is not JSON", 0, "MANIFEST_INVALID", e);
    }
  }

  private Path blobPath(Digest d) {
    return root.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
  }

  private void writeBlob(Digest digest, byte[] bytes) {
    ensureLayout();
    writeAtomically(blobPath(digest), bytes);
  }

  private void writeIndex(ArrayNode manifests) {
    ensureLayout();
    ObjectNode index = Json.object();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.set("manifests", manifests);
    writeAtomically(root.resolve("index.json"), Json.write(index));
  }

  private void ensureLayout() {
    Path marker = root.resolve("oci-layout");
    if (!Files.exists(marker)) {
      writeAtomically(marker, OCI_LAYOUT);
    }
  }

  private static void writeAtomically(Path target, byte[] bytes) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".tmp-", "");
      try {
        Files.write(tmp, bytes);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new RegistryException("writing " + target + ": " + e.getMessage(), 0, null, e);
    }
  }

  private static byte[] read(Path file, long cap, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(cap + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > cap) {
        throw new RegistryException("reading " + file + ": size of " + what + " exceeded the limit (" + cap + ")", 0, "SIZE_LIMIT");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new RegistryException("reading " + file + ": no such file", 404, null, e);
    } catch (IOException e) {
      throw new RegistryException("reading " + file + ": " + e.getMessage(), 0, null, e);
    }
  }

  @Override
  public String toString() {
    return "OciLayoutRegistry[" + root + "]";
  }
}
