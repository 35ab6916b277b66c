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
      path = CertificateChains.verify(leaf.x509(), List.of(), root.certificateAuthorities(), t);
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
    List<X509Certificate> path = CertificateChains.verify(x, chainAnnotation, root.certificateAuthorities(),
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

  private static X509Certificate issuerOf(List<X509Certificate> path) {
    return path.size() > 1 ? path.get(1) : path.get(0);
  }
}
