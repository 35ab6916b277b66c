package dev.jcosign.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code signature-N} file of a containers/image {@code dir:} layout holding a sigstore
 * signature, the form in which skopeo hands out and takes in cosign {@code .sig} layers:
 * the bytes {@code "\0sigstore-json\n"} followed by JSON
 * {@code {"mimeType":…,"payload":"<base64 layer blob>","annotations":{…}}}.
 */
public record SigstoreSignatureFile(String mimeType, byte[] payload, Map<String, String> annotations) {
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  private static final byte[] PREFIX = "\0sigstore-json\n".getBytes(StandardCharsets.US_ASCII);

  public SigstoreSignatureFile {
    payload = payload.clone();
    annotations = Map.copyOf(annotations);
  }

  /** A cosign simple-signing layer: payload bytes plus the base64 signature annotation. */
  public static SigstoreSignatureFile simpleSigning(byte[] payload, byte[] rawSignature) {
    return new SigstoreSignatureFile(SIMPLE_SIGNING, payload,
        Map.of(SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(rawSignature)));
  }

  /** Parses a file written by skopeo; fails the test on anything else. */
  public static SigstoreSignatureFile read(Path file) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (raw.length < PREFIX.length || !Arrays.equals(Arrays.copyOf(raw, PREFIX.length), PREFIX)) {
      throw new AssertionError(file + " does not start with \\0sigstore-json\\n");
    }
    JsonNode doc = Json.parse(Arrays.copyOfRange(raw, PREFIX.length, raw.length), file.toString());
    Map<String, String> annotations = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : doc.path("annotations").properties()) {
      annotations.put(e.getKey(), e.getValue().asText());
    }
    return new SigstoreSignatureFile(doc.path("mimeType").asText(), Base64.getDecoder().decode(doc.path("payload").asText()), annotations);
  }

  /** The raw signature bytes from the cosign annotation. */
  public byte[] rawSignature() {
    String b64 = annotations.get(SIGNATURE_ANNOTATION);
    if (b64 == null) {
      throw new AssertionError("no " + SIGNATURE_ANNOTATION + " annotation in " + annotations);
    }
    return Base64.getDecoder().decode(b64);
  }

  /** Writes the file; the JSON is built by hand (values are base64 or plain ASCII, nothing to escape). */
  public void write(Path file) {
    StringBuilder json = new StringBuilder("{\"mimeType\":\"").append(mimeType).append("\",\"payload\":\"")
        .append(Base64.getEncoder().encodeToString(payload)).append("\",\"annotations\":{");
    String sep = "";
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      json.append(sep).append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
      sep = ",";
    }
    json.append("}}");
    try {
      byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
      byte[] all = Arrays.copyOf(PREFIX, PREFIX.length + body.length);
      System.arraycopy(body, 0, all, PREFIX.length, body.length);
      Files.write(file, all);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
