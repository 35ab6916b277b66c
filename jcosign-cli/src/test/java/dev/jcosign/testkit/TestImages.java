package dev.jcosign.testkit;

import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Small deterministic images for tests, built in memory and pushed with plain {@code java.net.http}
 * (independent of the registry client under test), like {@code push-test-image.sh}: a config blob,
 * one gzip layer holding {@code hello.txt}, and an OCI manifest. The same content always gives the
 * same digests; different {@code content} strings give different images.
 *
 * <pre>{@code
 * Image img = TestImages.push(reg, "test/hello", "v1");                  // reg: a PushTarget
 * Image other = TestImages.push(reg, "test/hello", "v2", "other content");
 * Index idx = TestImages.pushIndex(reg, "test/multi", "v1");             // linux/amd64 + linux/arm64
 * Image local = TestImages.build("x", "amd64");                          // not pushed
 * }</pre>
 */
public final class TestImages {
  public static final String DEFAULT_CONTENT = "hello from a hand-made OCI image";

  private TestImages() {}

  /** A blob: bytes and digest. */
  public record Blob(Digest digest, byte[] bytes) {
    static Blob of(byte[] bytes) {
      return new Blob(Digest.sha256(bytes), bytes);
    }

    public long size() {
      return bytes.length;
    }
  }

  /** A single-platform image; {@code manifestDigest} is what a registry reports for it. */
  public record Image(Digest manifestDigest, byte[] manifest, Blob config, Blob layer, String architecture) {
    public String mediaType() {
      return MediaTypes.OCI_MANIFEST;
    }
  }

  /** An OCI index over {@code images}. */
  public record Index(Digest digest, byte[] bytes, List<Image> images) {
    public String mediaType() {
      return MediaTypes.OCI_INDEX;
    }
  }

  /** Builds (does not push) an image holding {@code hello.txt} = {@code content + "\n"}. */
  public static Image build(String content, String architecture) {
    byte[] tar = tar("hello.txt", (content + "\n").getBytes(StandardCharsets.UTF_8));
    Blob layer = Blob.of(gzip(tar));
    String config = "{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/hello.txt\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(tar) + "\"]},"
        + "\"history\":[{\"created\":\"2020-01-01T00:00:00Z\",\"created_by\":\"hand-made\"}]}";
    Blob cfg = Blob.of(config.getBytes(StandardCharsets.UTF_8));
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + cfg.digest() + "\",\"size\":" + cfg.size() + "},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layer.digest()
        + "\",\"size\":" + layer.size() + "}]}";
    byte[] m = manifest.getBytes(StandardCharsets.UTF_8);
    return new Image(Digest.sha256(m), m, cfg, layer, architecture);
  }

  public static Image push(PushTarget target, String repoPath, String tag) {
    return push(target, repoPath, tag, DEFAULT_CONTENT);
  }

  /** Builds an amd64 image with {@code content} and pushes blobs and manifest under {@code tag}. */
  public static Image push(PushTarget target, String repoPath, String tag, String content) {
    Image img = build(content, "amd64");
    pushImage(target, repoPath, img, tag);
    return img;
  }

  /** Pushes an already built image; {@code tag} may be null to push by digest only. */
  public static void pushImage(PushTarget target, String repoPath, Image img, String tag) {
    String auth = target.pushAuthorization(repoPath);
    pushBlob(target, repoPath, img.layer(), auth);
    pushBlob(target, repoPath, img.config(), auth);
    putManifest(target, repoPath, tag == null ? img.manifestDigest().toString() : tag, img.manifest(), MediaTypes.OCI_MANIFEST, auth);
  }

  public static Index pushIndex(PushTarget target, String repoPath, String tag) {
    return pushIndex(target, repoPath, tag, DEFAULT_CONTENT);
  }

  /** Pushes a linux/amd64 and a linux/arm64 image (by digest) and an OCI index over them under {@code tag}. */
  public static Index pushIndex(PushTarget target, String repoPath, String tag, String content) {
    Image amd = build(content + " (amd64)", "amd64");
    Image arm = build(content + " (arm64)", "arm64");
    pushImage(target, repoPath, amd, null);
    pushImage(target, repoPath, arm, null);
    String idx = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + entry(amd) + "," + entry(arm) + "]}";
    byte[] bytes = idx.getBytes(StandardCharsets.UTF_8);
    putManifest(target, repoPath, tag, bytes, MediaTypes.OCI_INDEX, target.pushAuthorization(repoPath));
    return new Index(Digest.sha256(bytes), bytes, List.of(amd, arm));
  }

  private static String entry(Image img) {
    return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + img.manifestDigest() + "\",\"size\":"
        + img.manifest().length + ",\"platform\":{\"architecture\":\"" + img.architecture() + "\",\"os\":\"linux\"}}";
  }

  /** Monolithic upload: POST a session, PUT the bytes with {@code ?digest=}. */
  public static void pushBlob(PushTarget target, String repoPath, Blob blob, String auth) {
    URI uploads = target.baseUri().resolve("/v2/" + repoPath + "/blobs/uploads/");
    HttpResponse<byte[]> started = send(target, request(uploads, auth).POST(HttpRequest.BodyPublishers.noBody()));
    expect(started, 202, "POST " + uploads);
    URI location = uploads.resolve(started.headers().firstValue("Location").orElseThrow());
    URI put = URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest=" + blob.digest());
    HttpResponse<byte[]> done = send(target, request(put, auth).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())));
    expect(done, 201, "PUT blob " + blob.digest());
  }

  /** PUT of raw manifest bytes under a tag or digest. */
  public static void putManifest(PushTarget target, String repoPath, String tagOrDigest, byte[] bytes, String mediaType, String auth) {
    URI uri = target.baseUri().resolve("/v2/" + repoPath + "/manifests/" + tagOrDigest);
    HttpResponse<byte[]> r = send(target, request(uri, auth).header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    expect(r, 201, "PUT manifest " + repoPath + ":" + tagOrDigest);
  }

  private static HttpRequest.Builder request(URI uri, String auth) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return b;
  }

  private static HttpResponse<byte[]> send(PushTarget target, HttpRequest.Builder b) {
    try {
      return target.httpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void expect(HttpResponse<byte[]> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(what + ": expected " + status + ", got " + r.statusCode() + ": "
          + new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  /** A one-file ustar archive with fixed metadata (mtime 2020-01-01, uid/gid 0, mode 0644). */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format(java.util.Locale.ROOT, "%011o", content.length));
    put(header, 136, String.format(java.util.Locale.ROOT, "%011o", 1577836800L)); // 2020-01-01T00:00:00Z
    Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format(java.util.Locale.ROOT, "%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] buf, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, buf, off, b.length);
  }

  /** gzip with a zero mtime, so the same input always compresses to the same bytes. */
  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
