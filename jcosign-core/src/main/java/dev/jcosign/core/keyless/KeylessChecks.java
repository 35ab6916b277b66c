package dev.jcosign.core.keyless;

import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.tlog.TrustedRoot;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The certificate checks of a keyless verification, in the two flavours cosign has: the Sigstore
 * bundle path (sigstore-go, keyless spec §1.7) and the legacy {@code .sig}/{@code .att} path (cosign's
 * own, §1.8). The signature itself, the log entry and the timestamps are checked by the callers, who
 * pass the times those proved (the "observer times").
 */
public final class KeylessChecks {
  private KeylessChecks() {}

  /**
   * Bundle path: chain to a trusted-root CA at every observer time, SCT (unless ignored), then the
   * identity policy.
   */
  public static void bundlePath(FulcioCertificate leaf, TrustedRoot root, CertificatePolicy policy, List<Instant> observerTimes) {
    if (observerTimes.isEmpty()) {
      throw new VerificationException("no verified timestamp to check the certificate at: the bundle needs a transparency "
          + "log entry with an integrated time or an RFC 3161 timestamp");
    }
    List<X509Certificate> path = null;
    for (Instant t : observerTimes) {
      path = CertificateChains.verify(leaf.x509(), List.of(), policy.authorities(root.certificateAuthorities()), t);
    }
    if (!policy.ignoreSct()) {
      Scts.verify(leaf, issuerOf(path), root, 1);
    }
    policy.identity().checkBundlePath(leaf);
  }

  /**
   * Legacy path: chain (with the signature's {@code chain} annotation as intermediates) at the
   * certificate's NotBefore, SCT unless ignored, identity, then validity at each observer time.
   */
  public static void legacyPath(FulcioCertificate leaf, List<X509Certificate> chainAnnotation, TrustedRoot root,
      CertificatePolicy policy, List<Instant> observerTimes) {
    X509Certificate x = leaf.x509();
    List<X509Certificate> path = CertificateChains.verify(x, chainAnnotation, policy.authorities(root.certificateAuthorities()),
        x.getNotBefore().toInstant());
    if (!policy.ignoreSct()) {
      if (!Scts.present(leaf)) {
        throw new VerificationException("certificate does not include required embedded SCT and no detached SCT was set");
      }
      Scts.verify(leaf, issuerOf(path), root, 1);
    }
    policy.identity().checkLegacyPath(leaf);
    for (Instant t : observerTimes) {
      if (t.isBefore(x.getNotBefore().toInstant()) || t.isAfter(x.getNotAfter().toInstant())) {
        throw new VerificationException("certificate expired or not yet valid at " + t + " (valid from "
            + x.getNotBefore().toInstant() + " to " + x.getNotAfter().toInstant() + ")");
      }
    }
  }

  /**
   * cosign v3 verifies what it made before anything leaves the machine (keyless spec §1.1 step 5e): the
   * certificate chains to the trusted root at the log's integrated time, or the TSA's time (checked
   * against the root's TSAs), else now; no identity policy and no SCT check. {@code integratedTime} is in
   * seconds, 0 when the log gives none.
   */
  public static void selfCheck(FulcioCertificate cert, TrustedRoot root, java.util.Optional<Long> integratedTime,
      java.util.Optional<byte[]> timestamp, byte[] signature) {
    List<Instant> times = new java.util.ArrayList<>();
    integratedTime.filter(t -> t > 0).map(Instant::ofEpochSecond).ifPresent(times::add);
    IdentityPolicy any = new IdentityPolicy(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.empty(), IdentityPolicy.GithubClaims.NONE);
    try {
      if (timestamp.isPresent() && !root.timestampAuthorities().isEmpty()) {
        times.add(dev.jcosign.core.timestamp.TimestampVerifier.verify(timestamp.get(), signature, root.timestampAuthorities()));
      }
      if (times.isEmpty()) {
        times.add(Instant.now());
      }
      bundlePath(cert, root, new CertificatePolicy(any, true, false), times);
    } catch (dev.jcosign.core.error.CosignException e) {
      throw new VerificationException("the new signature does not verify against the trusted root, "
          + "so nothing was written or pushed (give the deployment's root with --trusted-root): " + e.getMessage(), e);
    }
  }

  private static X509Certificate issuerOf(List<X509Certificate> path) {
    return path.size() > 1 ? path.get(1) : path.get(0);
  }
}
