package dev.jcosign.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.verify.VerifiedImage;
import dev.jcosign.core.verify.VerifiedSignature;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Formats {@code verify} results the way cosign prints them (spec §4.5). */
public final class VerifyOutput {
  private final Console console;
  private final boolean keyless;

  public VerifyOutput(Console console) {
    this(console, false);
  }

  /** {@code keyless}: signatures were checked against certificates and an identity, not a key. */
  public VerifyOutput(Console console, boolean keyless) {
    this.console = console;
    this.keyless = keyless;
  }

  /** The stderr header listing the checks that were performed. */
  public void header(VerifiedImage image, boolean annotations, boolean checkClaims) {
    header(image.requested().name(), annotations, checkClaims, image.tlogVerified(), image.tlogOnline());
  }

  /** The same header for any verified reference ({@code verify-attestation} prints it too, spec §4.6). */
  public void header(dev.jcosign.core.oci.ImageReference requested, boolean annotations, boolean checkClaims, boolean tlogVerified) {
    header(requested.name(), annotations, checkClaims, tlogVerified);
  }

  /** The header for {@code name}: a reference, or the directory given to {@code --local-image} (as cosign prints it). */
  public void header(String name, boolean annotations, boolean checkClaims, boolean tlogVerified) {
    header(name, annotations, checkClaims, tlogVerified, false);
  }

  /** ... and {@code tlogOnline}: some entry was found by searching the log (the legacy online lookup). */
  public void header(String name, boolean annotations, boolean checkClaims, boolean tlogVerified, boolean tlogOnline) {
    StringBuilder b = new StringBuilder();
    b.append('\n').append("Verification for ").append(name).append(" --\n");
    b.append("The following checks were performed on each of these signatures:\n");
    if (annotations) {
      b.append("  - The specified annotations were verified.\n");
    }
    if (checkClaims) {
      b.append("  - The cosign claims were validated\n");
    }
    if (tlogVerified) {
      // only when a bundle's SET or an entry found online verified (spec §4.5), never with --insecure-ignore-tlog
      b.append("  - Existence of the claims in the transparency log was verified offline\n");
    }
    if (tlogOnline) {
      b.append("  - The claims were present in the transparency log\n");
      b.append("  - The signatures were integrated into the transparency log when the certificate was valid\n");
    }
    b.append(keyless
        ? "  - The code-signing certificate was verified using trusted certificate authority certificates"
        : "  - The signatures were verified against the specified public key");
    console.info(b.toString());
  }

  /**
   * stdout: {@code json} prints a blank line then one compact array of the payloads (re-marshalled,
   * optional keys sorted, {@code Bundle} added when present); {@code text} prints each raw payload on its own line.
   */
  public void payloads(VerifiedImage image, String format) {
    payloads(image.signatures(), format);
  }

  public void payloads(List<VerifiedSignature> signatures, String format) {
    if ("text".equals(format)) {
      StringBuilder b = new StringBuilder();
      for (VerifiedSignature s : signatures) {
        b.append(new String(s.payloadBytes(), StandardCharsets.UTF_8)).append('\n');
      }
      console.out(b.toString());
      return;
    }
    ArrayNode arr = Json.array();
    for (VerifiedSignature s : signatures) {
      arr.add(s.outputItem());
    }
    console.out("\n" + Json.writeString(arr) + "\n");
  }
}
