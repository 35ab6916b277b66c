package dev.jcosign.core.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.RawManifest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureImageTest {

  @Test
  void emptyImageHashesAsGoContainerRegistrysEmptyImage() {
    // The subject of the shared vector bundle-v0.3-attestation is ggcr's empty image:
    // sha256:732112270d7e... (spec §3.2 note on "diff_ids":null).
    RawManifest m = SignatureImage.empty(true).manifest().toRaw();
    assertEquals("sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4", m.digest().toString());
  }

  @Test
  void oneSignatureLayerHasCosignsShape() {
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    SignatureImage img = SignatureImage.empty(false).append(SignatureLayer.of(payload, new byte[] {1, 2, 3}, Map.of()));
    Digest pd = Digest.sha256(payload);
    assertEquals(
        "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],"
            + "\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + pd + "\"]},\"config\":{}}",
        new String(img.configBytes(), StandardCharsets.UTF_8));
    String manifest = new String(img.manifest().toBytes(), StandardCharsets.UTF_8);
    byte[] cfg = img.configBytes();
    assertEquals(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
            + "\"application/vnd.oci.image.config.v1+json\",\"size\":" + cfg.length + ",\"digest\":\"" + Digest.sha256(cfg)
            + "\"},\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":2,\"digest\":\""
            + pd + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"AQID\"}}]}",
        manifest);
    // round trip: parsing what we wrote gives the same image back
    assertEquals(img, SignatureImage.parse(img.manifest().toRaw(), "sig"));
  }
}
