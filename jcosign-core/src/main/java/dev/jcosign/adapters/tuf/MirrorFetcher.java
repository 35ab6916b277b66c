package dev.jcosign.adapters.tuf;

import dev.jcosign.adapters.http.ServiceClient;
import dev.jcosign.core.error.TufRepositoryException;
import dev.sigstore.tuf.Fetcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * sigstore-java's {@link Fetcher} on our HTTP plumbing ({@code -t/--timeout}, bounded reads, one-line
 * errors, no Apache HttpClient) or on a {@code file:} mirror (cosign's air-gapped remote). "Not found"
 * is {@code null}: it ends the root-version walk (TUF spec 5.3.3). Remembers the last metadata file
 * fetched so verification errors can name it.
 */
final class MirrorFetcher implements Fetcher {
  private final String mirror;
  private final String prefix;
  private final ServiceClient http;
  private final Path dir;
  private final boolean meta;
  private final String[] lastMeta;

  /**
   * @param prefix path below the mirror ({@code ""} for metadata, {@code "targets/"} for targets)
   * @param lastMeta shared slot for the last metadata file fetched (meta fetchers write it)
   */
  MirrorFetcher(URI mirror, ServiceClient http, String prefix, boolean meta, String[] lastMeta) {
    this.mirror = mirror.toString();
    this.http = http;
    this.dir = http == null ? Path.of(mirror) : null;
    this.prefix = prefix;
    this.meta = meta;
    this.lastMeta = lastMeta;
  }

  @Override
  public String getSource() {
    return mirror;
  }

  @Override
  public byte[] fetchResource(String filename, int maxLength) {
    byte[] b = http != null ? get(filename) : read(filename, maxLength);
    if (b == null) {
      return null;
    }
    if (b.length > maxLength) {
      throw new TufRepositoryException(prefix + filename + " from TUF mirror " + mirror + " exceeds its length limit of "
          + maxLength + " bytes");
    }
    if (meta) {
      lastMeta[0] = filename;
    }
    return b;
  }

  private byte[] get(String filename) {
    ServiceClient.Exchange r = http.send(http.request("/" + prefix + filename).GET().build());
    if (r.status() == 404 || r.status() == 403) {
      return null; // S3/GCS-backed mirrors answer 403 for a missing object
    }
    if (r.status() != 200) {
      throw new TufRepositoryException("TUF mirror " + mirror + " answered HTTP " + r.status() + " to GET " + prefix + filename);
    }
    return r.body();
  }

  private byte[] read(String filename, int maxLength) {
    Path f = dir.resolve(prefix + filename);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(f)) {
      return in.readNBytes(maxLength + 1);
    } catch (IOException e) {
      throw new TufRepositoryException("reading " + f + " of TUF mirror " + mirror + ": " + e.getMessage(), e);
    }
  }
}
