package dev.jcosign.core.blob;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.bundle.LegacyBlobBundle;
import dev.jcosign.core.bundle.SigstoreBundle;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What {@code verify-blob} checks the blob against (spec §4.7): a detached signature, cosign's legacy
 * bundle JSON, or a Sigstore bundle (recognised by its media type, whatever flag named the file).
 */
public sealed interface BlobMaterial {
  /** Bundles and signature files are small; anything bigger is not one. */
  long MAX_FILE = 16L << 20;

  /** A detached signature ({@code --signature}). */
  record DetachedSignature(byte[] signature) implements BlobMaterial {
    public DetachedSignature {
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /** cosign's local bundle JSON ({@code {"base64Signature",...}}). */
  record LegacyBundle(LegacyBlobBundle bundle) implements BlobMaterial {}

  /** A Sigstore protobuf-JSON bundle, v0.1 to v0.3. */
  record Bundle(SigstoreBundle bundle) implements BlobMaterial {}

  /** Reads {@code --bundle FILE}, telling the two bundle formats apart by content. */
  static BlobMaterial fromBundleFile(Path file) {
    String what = "bundle " + file;
    JsonNode root = Json.parse(read(file, "bundle"), what);
    if (BundleJson.looksLikeBundle(root)) {
      return new Bundle(BundleJson.parse(root, what));
    }
    LegacyBlobBundle legacy = LegacyBlobBundle.parse(root, what);
    legacy.signature(what); // fail now on bad base64, with the file's name
    return new LegacyBundle(legacy);
  }

  /**
   * Reads {@code --signature}: a file if one exists at that path, else the value itself (cosign also
   * takes a literal); base64 when it decodes as base64, else raw bytes. A file holding a Sigstore
   * bundle is read as one, as cosign does.
   */
  static BlobMaterial fromSignatureArgument(String value) {
    if (value.startsWith("http://") || value.startsWith("https://")) {
      throw new InvalidInputException("fetching --signature from a URL is not supported yet (" + value + ")");
    }
    Path p = Path.of(value);
    byte[] content = Files.exists(p) && !Files.isDirectory(p) ? read(p, "signature") : value.getBytes(StandardCharsets.UTF_8);
    String text = new String(content, StandardCharsets.ISO_8859_1).strip();
    if (text.startsWith("{")) {
      JsonNode root = Json.parse(content, "signature " + value);
      if (BundleJson.looksLikeBundle(root)) {
        return new Bundle(BundleJson.parse(root, "signature " + value));
      }
    }
    if (text.isEmpty()) {
      throw new InvalidInputException("signature " + value + " is empty");
    }
    try {
      return new DetachedSignature(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return new DetachedSignature(content); // raw signature bytes (sign-blob --b64=false)
    }
  }

  private static byte[] read(Path file, String what) {
    return dev.jcosign.core.io.SmallFiles.read(file, MAX_FILE, "reading " + what + " " + file);
  }
}
