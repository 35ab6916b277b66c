package dev.jcosign.testkit;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * Somewhere {@link TestImages} can push to with plain {@code java.net.http}, independently of the
 * registry client under test: a {@link DockerRegistryServer} or a {@link FaultRegistry}.
 */
public interface PushTarget {
  /** {@code http(s)://127.0.0.1:<port>}. */
  URI baseUri();

  /** {@code 127.0.0.1:<port>}, the registry part of references. */
  String host();

  /** A client that trusts the target's TLS certificate, if any. */
  HttpClient httpClient();

  /** Value of the Authorization header for {@code repository:<repoPath>:pull,push}, or null when none is needed. */
  String pushAuthorization(String repoPath);
}
