package dev.jcosign.testing;

import dev.jcosign.testkit.PushTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Reads a registry the way an outside observer would (plain java.net.http, not our client), so a
 * test can check what is really stored before and after a command.
 */
public final class RegistryPeek {
  private static final String ACCEPT = String.join(",",
      "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json");

  private RegistryPeek() {}

  /** The manifest bytes at {@code repo:tagOrDigest}, or empty on 404. */
  public static Optional<byte[]> manifest(PushTarget target, String repo, String tagOrDigest) {
    return get(target, repo, "/manifests/" + tagOrDigest);
  }

  /** A blob's bytes, or empty on 404. */
  public static Optional<byte[]> blob(PushTarget target, String repo, String digest) {
    return get(target, repo, "/blobs/" + digest);
  }

  private static Optional<byte[]> get(PushTarget target, String repo, String suffix) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUri() + "/v2/" + repo + suffix)).header("Accept", ACCEPT);
    String auth = target.pushAuthorization(repo);
    if (auth != null) {
      b.header("Authorization", auth);
    }
    try {
      HttpResponse<byte[]> r = target.httpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() == 404) {
        return Optional.empty();
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + suffix + ": " + r.statusCode() + " " + new String(r.body()));
      }
      return Optional.of(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
