package dev.jcosign.core.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.attest.DsseEnvelope;
import dev.jcosign.core.attest.InTotoStatement;
import dev.jcosign.core.attest.PredicateTypes;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.AttachmentStore;
import dev.jcosign.core.signature.CosignAnnotations;
import dev.jcosign.core.signature.ImageResolver;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.Registry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code download signature} and {@code download attestation} (spec §1.3, §3.8): one JSON document
 * per signature or attestation layer, in cosign's field order.
 */
public final class AttachmentDownloader {
  /** cosign refuses to download more than this many signatures or attestations. */
  static final int MAX_LAYERS = 100;
  private final Registry registry;
  private final AttachmentStore store;
  private final long maxLayerBytes;

  public AttachmentDownloader(Registry registry, SignatureLayout layout, long maxLayerBytes) {
    this.registry = registry;
    this.store = AttachmentStore.of(registry, layout, dev.jcosign.core.spi.Progress.SILENT);
    this.maxLayerBytes = maxLayerBytes;
  }

  /** One {@code {"Base64Signature","Payload","Cert","Chain","Bundle","RFC3161Timestamp"}} line per signature. */
  public List<byte[]> signatures(ImageReference ref) {
    ImageReference pinned = ImageResolver.pin(registry, ref);
    Optional<AttachmentStore.Attached> sigs = store.read(pinned, AttachmentStore.Kind.SIGNATURES);
    List<SignatureLayer> layers = sigs.map(a -> a.image().layers()).orElse(List.of());
    // cosign v3's signatures: sign/v1 bundles attached as referrers, one compact bundle per line
    List<byte[]> bundles = store.bundles(pinned).stream()
        .filter(f -> f.predicateType().equals(dev.jcosign.core.sign.BundleImageSigner.SIGN_V1))
        .map(f -> Json.write(Json.parse(f.raw(), "bundle"))).toList();
    if (layers.isEmpty() && bundles.isEmpty()) {
      throw new InvalidInputException(ref.name() + ": no signatures associated");
    }
    checkCount("signatures", layers.size() + bundles.size());
    List<byte[]> lines = new ArrayList<>(bundles);
    for (SignatureLayer l : layers) {
      ObjectNode o = Json.object();
      o.put("Base64Signature", l.base64Signature());
      o.put("Payload", Base64.getEncoder().encodeToString(store.blob(sigs.get(), l.descriptor(), maxLayerBytes)));
      o.set("Cert", l.annotation(CosignAnnotations.CERTIFICATE).map(AttachmentDownloader::certificate).orElse(null));
      o.set("Chain", l.annotation(CosignAnnotations.CHAIN).filter(s -> !s.isBlank()).map(AttachmentDownloader::chain).orElse(null));
      o.set("Bundle", l.annotation(CosignAnnotations.BUNDLE).map(s -> json(s, "bundle annotation")).orElse(null));
      o.set("RFC3161Timestamp", l.annotation(CosignAnnotations.RFC3161_TIMESTAMP).map(s -> json(s, "rfc3161 annotation")).orElse(null));
      lines.add(Json.write(o));
    }
    return lines;
  }

  /**
   * One {@code {"payloadType","payload","signatures":[{"keyid","sig"}]}} line per attestation,
   * optionally only those whose statement has the predicate type of {@code predicateType} (name or URI).
   */
  public List<byte[]> attestations(ImageReference ref, Optional<String> predicateType) {
    Optional<String> wanted = predicateType.filter(s -> !s.isEmpty()).map(PredicateTypes::uriFor);
    ImageReference pinned = ImageResolver.pin(registry, ref);
    Optional<AttachmentStore.Attached> atts = store.read(pinned, AttachmentStore.Kind.ATTESTATIONS);
    List<SignatureLayer> layers = atts.map(a -> a.image().layers()).orElse(List.of());
    // cosign v3's attestations: DSSE bundles attached as referrers, printed as their envelopes
    List<AttachmentStore.Found> bundles = store.bundles(pinned).stream()
        .filter(f -> f.bundle().dsseEnvelope().isPresent() && !f.predicateType().equals(dev.jcosign.core.sign.BundleImageSigner.SIGN_V1))
        .toList();
    if (layers.isEmpty() && bundles.isEmpty()) {
      throw new InvalidInputException("found no attestations");
    }
    checkCount("attestations", layers.size() + bundles.size());
    List<byte[]> lines = new ArrayList<>();
    for (var f : bundles) {
      if (wanted.isPresent() && !f.predicateType().equals(wanted.get())) {
        continue;
      }
      var e = f.bundle().dsseEnvelope().orElseThrow();
      byte[] p = e.payload();
      lines.add(dev.jcosign.core.attest.DsseEnvelope.toJson(e.payloadType(), p, 0, p.length, e.signatures().stream()
          .map(x -> new dev.jcosign.core.attest.DsseEnvelope.Signature(x.keyid(), x.sig())).toList()));
    }
    for (SignatureLayer l : layers) {
      DsseEnvelope env = DsseEnvelope.parse(store.blob(atts.get(), l.descriptor(), maxLayerBytes));
      if (wanted.isPresent() && !InTotoStatement.parse(env.payload()).predicateType().equals(wanted.get())) {
        continue;
      }
      lines.add(env.toJson());
    }
    if (lines.isEmpty()) {
      throw new InvalidInputException("no attestations with predicate type '" + wanted.orElse("") + "' found");
    }
    return lines;
  }

  private static void checkCount(String what, int n) {
    if (n > MAX_LAYERS) {
      throw new InvalidInputException("maximum number of " + what + " on an image is " + MAX_LAYERS + ", found " + n);
    }
  }

  /** Go's x509.Certificate is huge; {@code Raw} (base64 DER) is what readers use (spec §3.8). */
  private static JsonNode certificate(String pem) {
    List<byte[]> blocks = pemBlocks(pem);
    if (blocks.isEmpty()) {
      throw new InvalidInputException("certificate annotation holds no PEM block");
    }
    return raw(blocks.get(0));
  }

  private static JsonNode chain(String pem) {
    ArrayNode a = Json.array();
    pemBlocks(pem).forEach(b -> a.add(raw(b)));
    return a;
  }

  private static final java.util.regex.Pattern PEM =
      java.util.regex.Pattern.compile("-----BEGIN ([^-\\n]+)-----(.*?)-----END \\1-----", java.util.regex.Pattern.DOTALL);

  /** The DER bytes of every PEM block, in order (certificate chains hold several). */
  private static List<byte[]> pemBlocks(String pem) {
    List<byte[]> out = new ArrayList<>();
    java.util.regex.Matcher m = PEM.matcher(pem);
    while (m.find()) {
      try {
        out.add(Base64.getMimeDecoder().decode(m.group(2)));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("certificate annotation has bad base64");
      }
    }
    return out;
  }

  private static JsonNode raw(byte[] der) {
    ObjectNode o = Json.object();
    o.put("Raw", Base64.getEncoder().encodeToString(der));
    return o;
  }

  private static JsonNode json(String s, String what) {
    return Json.parse(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), what);
  }
}
