package dev.jcosign.cli;

import java.util.List;

/**
 * The registry requests {@code sign} and {@code verify} make, as (method, path pattern) pairs for
 * {@link dev.jcosign.testkit.FaultRegistry#inject}, with the context an error about each must name.
 * {@code {host}} in a fragment stands for the registry's {@code 127.0.0.1:<port>}.
 */
enum RegistryStep {
  /** GET of the {@code sha256-<hex>.sig} manifest (read-modify-write starts here, spec §3.2). */
  SIG_GET("GET", "/manifests/sha256-[0-9a-f]{64}\\.sig$",
      "GET http://{host}/v2/faults/app/manifests/sha256-"),
  /** HEAD of a blob before uploading it. */
  BLOB_HEAD("HEAD", "/blobs/sha256:", "HEAD http://{host}/v2/faults/app/blobs/sha256:"),
  /** POST opening an upload session. */
  UPLOAD_POST("POST", "/blobs/uploads/$", "POST http://{host}/v2/faults/app/blobs/uploads/"),
  /** PUT completing a monolithic upload. */
  UPLOAD_PUT("PUT", "/blobs/uploads/[^/]+$", "PUT http://{host}/v2/faults/app/blobs/uploads/"),
  /** PUT of the new {@code .sig} manifest: the only write that changes what verifiers see. */
  MANIFEST_PUT("PUT", "/manifests/", "PUT http://{host}/v2/faults/app/manifests/sha256-"),
  /** GET of a signature's payload blob (verify). */
  PAYLOAD_GET("GET", "/blobs/sha256:", "GET http://{host}/v2/faults/app/blobs/sha256:"),
  /** Any request resolving the tag {@code v1} (verify of a tag reference; HEAD falls back to GET). */
  TAG("", "/manifests/v1$", "http://{host}/v2/faults/app/manifests/v1");

  final String method;
  final String path;
  private final String url;

  RegistryStep(String method, String path, String url) {
    this.method = method;
    this.path = path;
    this.url = url;
  }

  /** The method to pass to {@code inject}; null for any. */
  String method() {
    return method.isEmpty() ? null : method;
  }

  /** Fragments the error line must contain: the request's method and URL, then {@code more}. */
  List<String> fragments(String host, String... more) {
    List<String> out = new java.util.ArrayList<>();
    out.add(url.replace("{host}", host));
    for (String m : more) {
      out.add(m.replace("{host}", host));
    }
    return out;
  }
}
