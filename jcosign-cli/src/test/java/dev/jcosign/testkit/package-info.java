/**
 * Test harness shared by jcosign's tests: real and fake registries, test images, certificates.
 *
 * <ul>
 *   <li>{@link dev.jcosign.testkit.DockerRegistryServer}: Debian's real {@code docker-registry} on a
 *       free loopback port, in variants PLAIN, HTPASSWD, TLS, TOKEN and MTLS; started once per JVM
 *       ({@code DockerRegistryServer.get(Variant.TLS)}), stopped by a shutdown hook. Tests using it carry
 *       {@code @Tag("e2e")}. {@code cliFlags()} gives the jcosign REG flags that reach it,
 *       {@code ref("repo:tag")} a reference in it, {@code logTail(n)} its log for failure messages.</li>
 *   <li>{@link dev.jcosign.testkit.TestImages}: deterministic one-layer OCI images and two-platform
 *       indexes, pushed with plain {@code java.net.http} to any {@link dev.jcosign.testkit.PushTarget}
 *       ({@code TestImages.push(reg, "test/hello", "v1")} returns the manifest digest and bytes).</li>
 *   <li>{@link dev.jcosign.testkit.FaultRegistry}: an in-JVM distribution registry (JDK HttpServer)
 *       with optional Basic/Bearer auth that injects faults on demand ({@code inject(Fault.UNAVAILABLE, 1)})
 *       and records every request.</li>
 *   <li>{@link dev.jcosign.testkit.TokenServer}: ES256/x5c token server for Bearer-auth registries.</li>
 *   <li>{@link dev.jcosign.testkit.TestTufRepository}: a signed TUF repository (consistent snapshots,
 *       ECDSA keys) served on loopback, with root rotation and tampering knobs for {@code initialize}.</li>
 *   <li>{@link dev.jcosign.testkit.TestCerts}: throw-away CA, server and client certificates (Bouncy Castle).</li>
 * </ul>
 *
 * <p>The testkit depends on {@code dev.jcosign.core} only, never on adapters or the CLI, so it
 * checks the code under test from the outside.
 */
package dev.jcosign.testkit;
