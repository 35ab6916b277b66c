package example;

import dev.jcosign.api.Cosign;
import dev.jcosign.api.ImageVerification;
import dev.jcosign.api.SignedImage;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.ExitStatus;
import java.nio.file.Path;

/** Usage: SignAndVerify IMAGE KEY PUBLIC-KEY (the key's password in COSIGN_PASSWORD). */
public final class SignAndVerify {
  public static void main(String[] args) {
    String image = args[0];
    try (Cosign signer = Cosign.builder().key(Path.of(args[1]), System.getenv("COSIGN_PASSWORD").toCharArray())
            .allowHttpRegistry(true).tlogUpload(false).build();
        Cosign verifier = Cosign.builder().key(args[2]).allowHttpRegistry(true).ignoreTlog(true).build()) {
      SignedImage signed = signer.signImage(image);
      ImageVerification v = verifier.verifyImage(signed.image());
      System.out.println("signed and verified " + v.image() + " (" + v.payloads().size() + " signature)");
    } catch (CosignException e) {
      System.err.println("Error: " + e.getMessage());
      System.exit(ExitStatus.of(e));
    }
  }
}
