package dev.jcosign.core.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.bundle.SigstoreBundle;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * cosign v3's storage of Sigstore bundles as OCI 1.1 referrers of an image (cosign-spec §3.6, keyless
 * spec §1.5-1.6): writing the referrer manifest and keeping the fallback {@code sha256-<hex>} index for
 * registries without the referrers API, and finding the bundles of an image again (junk skipped).
 */
final class ReferrerBundles {
  /** The 2-byte empty config {@code {}}. */
  static final byte[] EMPTY = "{}".getBytes(StandardCharsets.US_ASCII);
  private static final long MAX_BUNDLE_BYTES = 16L << 20;

  private final Registry registry;
  private final Progress progress;

  ReferrerBundles(Registry registry, Progress progress) {
    this.registry = registry;
    this.progress = progress;
  }

  /**
   * Attaches {@code bundle} to {@code subject} (its manifest descriptor) in {@code target} (the image's
   * repository, or {@code COSIGN_REPOSITORY}'s): blobs, the referrer manifest by digest, then the
   * referrers bookkeeping. Returns the referrer manifest's digest.
   */
  Digest attach(Descriptor subject, Repository target, Optional<Repository> mountFrom, byte[] bundle, String predicateType,
      Instant created) {
    Digest config = Digest.sha256(EMPTY);
    Digest layer = Digest.sha256(bundle);
    ObjectNode m = Json.object();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    ObjectNode c = m.putObject("config");
    c.put("mediaType", MediaTypes.OCI_EMPTY).put("size", EMPTY.length).put("digest", config.toString())
        .put("artifactType", MediaTypes.SIGSTORE_BUNDLE_V03);
    m.putArray("layers").addObject().put("mediaType", MediaTypes.SIGSTORE_BUNDLE_V03).put("size", bundle.length)
        .put("digest", layer.toString());
    ObjectNode a = m.putObject("annotations");
    a.put("dev.sigstore.bundle.content", "dsse-envelope");
    a.put("dev.sigstore.bundle.predicateType", predicateType);
    a.put("org.opencontainers.image.created", created.truncatedTo(ChronoUnit.SECONDS).toString());
    m.putObject("subject").put("mediaType", subject.mediaType()).put("size", subject.size()).put("digest", subject.digest().toString());
    m.put("artifactType", MediaTypes.SIGSTORE_BUNDLE_V03);
    RawManifest manifest = RawManifest.of(Json.write(m), MediaTypes.OCI_MANIFEST);
    progress.info("Pushing signature to: " + target.name());
    try {
      registry.putBlob(target, config, EMPTY, Optional.empty());
      registry.putBlob(target, layer, bundle, Optional.empty());
      putReferrer(target, subject.digest(), manifest, MediaTypes.SIGSTORE_BUNDLE_V03);
    } catch (RegistryException e) {
      throw new RegistryException("pushing the bundle referrer to " + target.name() + ": " + e.getMessage(), e.status(), e.code(), e);
    }
    return manifest.digest();
  }

  /**
   * Pushes a referrer manifest by digest and, when the registry does not serve the referrers API, lists
   * it in the fallback index (keyless spec §1.5).
   */
  void putReferrer(Repository target, Digest subject, RawManifest manifest, String artifactType) {
    registry.putManifest(ImageReference.of(target, manifest.digest()), manifest);
    if (registry.referrers(target, subject).isEmpty()) {
      updateFallbackIndex(target, subject, manifest, artifactType);
    }
  }

  /**
   * The fallback tag {@code sha256-<hex>} (no suffix): an OCI index listing the referrers, sorted by
   * digest, without duplicates. Read-modify-write without locking, as go-containerregistry does.
   */
  private void updateFallbackIndex(Repository repo, Digest subject, RawManifest referrer, String artifactType) {
    ImageReference tag = ImageReference.of(repo, subject.tagStem());
    String ours = referrer.digest().toString();
    // concurrent signers merge rather than drop each other's entries (issue 11); the referrer manifests
    // themselves are pushed by digest and cannot be lost, only their listing here
    new RacingTagWriter(registry).write(tag, existing -> {
      ObjectNode index = existing.map(m -> fallbackIndex(m, tag)).orElseGet(ReferrerBundles::emptyIndex);
      List<JsonNode> entries = new ArrayList<>();
      index.path("manifests").forEach(entries::add);
      if (entries.stream().anyMatch(e -> ours.equals(e.path("digest").asText()))) {
        return Optional.empty();
      }
      ObjectNode d = Json.object();
      d.put("mediaType", MediaTypes.OCI_MANIFEST).put("size", referrer.bytes().length).put("digest", ours)
          .put("artifactType", artifactType);
      entries.add(d);
      entries.sort(Comparator.comparing(e -> e.path("digest").asText("")));
      ArrayNode arr = index.putArray("manifests");
      entries.forEach(arr::add);
      return Optional.of(new RacingTagWriter.Plan(RawManifest.of(Json.write(index), MediaTypes.OCI_INDEX), () -> {}));
    }, m -> Json.parse(m.bytes(), "fallback tag " + tag.name()).path("manifests").findValuesAsText("digest").contains(ours),
        "referrer");
  }

  private static ObjectNode fallbackIndex(RawManifest m, ImageReference tag) {
    JsonNode n = Json.parse(m.bytes(), "fallback tag " + tag.name());
    if (n.path("schemaVersion").asInt() != 2 || !MediaTypes.OCI_INDEX.equals(n.path("mediaType").asText(""))) {
      throw new RegistryException("fallback tag manifest is not an OCI image index: " + tag.name(), 0, null);
    }
    return (ObjectNode) n;
  }

  private static ObjectNode emptyIndex() {
    ObjectNode index = Json.object();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.putArray("manifests");
    return index;
  }

  /**
   * Every referrer of {@code subject} (cosign-spec §3.9): labelled with its bundle predicate type, else its
   * {@code artifactType}, else its config media type. Unreadable entries are skipped.
   */
  List<AttachmentStore.Referrer> list(Repository repo, Digest subject) {
    List<AttachmentStore.Referrer> out = new ArrayList<>();
    for (Listed r : manifests(repo, subject)) {
      JsonNode m = r.manifest();
      String label = m.path("annotations").path("dev.sigstore.bundle.predicateType").asText(
          m.path("artifactType").asText(m.path("config").path("mediaType").asText("")));
      try {
        List<Digest> layers = new ArrayList<>();
        for (JsonNode l : m.path("layers")) {
          layers.add(Digest.parse(l.path("digest").asText("")));
        }
        out.add(new AttachmentStore.Referrer(r.digest(), label, layers));
      } catch (IllegalArgumentException | CosignException e) {
        // unreadable referrer: not listed
      }
    }
    return out;
  }

  /** A listed referrer manifest that could be read. */
  private record Listed(Digest digest, JsonNode manifest) {}

  /**
   * The referrer manifests the list names, fetched and parsed; unreadable or missing ones are skipped
   * (a registry failure is not: it is an error, not junk).
   */
  private List<Listed> manifests(Repository repo, Digest subject) {
    List<Listed> out = new ArrayList<>();
    for (JsonNode d : index(repo, subject)) {
      try {
        Digest md = Digest.parse(d.path("digest").asText(""));
        registry.getManifest(ImageReference.of(repo, md))
            .ifPresent(raw -> out.add(new Listed(md, Json.parse(raw.bytes(), "referrer"))));
      } catch (RegistryException e) {
        throw e;
      } catch (CosignException | IllegalArgumentException e) {
        // unreadable referrer: skipped
      }
    }
    return out;
  }

  /** The referrers list as stored: the API's index when it answers, else the fallback tag's manifest. */
  private Optional<RawManifest> listing(Repository repo, Digest subject) {
    return registry.referrers(repo, subject).map(b -> RawManifest.of(b, MediaTypes.OCI_INDEX))
        .or(() -> registry.getManifest(ImageReference.of(repo, subject.tagStem())));
  }

  /** The entries of the referrers list: the API's when it answers, else the fallback tag's, else none. */
  List<JsonNode> index(Repository repo, Digest subject) {
    List<JsonNode> out = new ArrayList<>();
    // an unreadable list is an error naming it, as go-containerregistry's is: read as "nothing listed" it
    // would send verify to the legacy path and end in a misleading "no signatures found" (issue 11)
    listing(repo, subject).ifPresent(index ->
        Json.parse(index.bytes(), "referrers list of " + subject + " (API or fallback tag " + subject.tagStem() + ")")
            .path("manifests").forEach(out::add));
    return out;
  }

  /** The referrers list when it names at least one manifest (what {@code save} copies). */
  Optional<RawManifest> rawIndex(Repository repo, Digest subject) {
    return listing(repo, subject).filter(m -> Json.parse(m.bytes(), "referrers").path("manifests").size() > 0);
  }

  /**
   * The bundles attached to {@code subject} in {@code repo} (keyless spec §1.6): the referrers API when it
   * answers, else the fallback tag; each listed manifest with exactly one bundle layer whose blob parses
   * as a bundle of v0.3 or later. Anything else is skipped without failing the others.
   */
  List<AttachmentStore.Found> find(Repository repo, Digest subject) {
    List<AttachmentStore.Found> out = new ArrayList<>();
    for (Listed r : manifests(repo, subject)) {
      JsonNode layers = r.manifest().path("layers");
      if (layers.size() != 1 || !layers.get(0).path("mediaType").asText("").startsWith("application/vnd.dev.sigstore.bundle")) {
        continue;
      }
      try {
        Descriptor layer = dev.jcosign.core.oci.ImageManifest.descriptor(layers.get(0), "referrer " + r.digest());
        Digest ld = layer.digest();
        byte[] bytes = registry.getBlob(repo, layer, MAX_BUNDLE_BYTES);
        SigstoreBundle b = BundleJson.parse(bytes, "bundle " + ld);
        if (b.version().compareTo("0.3") >= 0) {
          out.add(new AttachmentStore.Found(r.digest(), b, bytes));
        }
      } catch (RegistryException e) {
        throw e; // a broken registry is an error, not junk
      } catch (CosignException | IllegalArgumentException e) {
        // junk referrer: skipped, as cosign skips it
      }
    }
    return out;
  }

}
