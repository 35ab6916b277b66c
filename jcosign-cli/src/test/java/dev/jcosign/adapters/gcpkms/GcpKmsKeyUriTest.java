package dev.jcosign.adapters.gcpkms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Spec §5 gcpkms:// forms. */
class GcpKmsKeyUriTest {
  @Test
  void keyWithoutVersion() {
    GcpKmsKeyUri u = GcpKmsKeyUri.parse("gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K");
    assertEquals(new GcpKmsKeyUri("P", "L", "R", "K", Optional.empty()), u);
    assertEquals("projects/P/locations/L", u.locationName());
    assertEquals("projects/P/locations/L/keyRings/R", u.keyRingName());
    assertEquals("projects/P/locations/L/keyRings/R/cryptoKeys/K", u.cryptoKeyName());
    assertTrue(u.versionName().isEmpty());
  }

  @Test
  void cryptoKeyVersionsAndVersionsAreTheSame() {
    GcpKmsKeyUri a = GcpKmsKeyUri.parse("gcpkms://projects/my-proj/locations/global/keyRings/ring/cryptoKeys/key/cryptoKeyVersions/1");
    GcpKmsKeyUri b = GcpKmsKeyUri.parse("gcpkms://projects/my-proj/locations/global/keyRings/ring/cryptoKeys/key/versions/1");
    assertEquals(a, b);
    assertEquals(Optional.of("projects/my-proj/locations/global/keyRings/ring/cryptoKeys/key/cryptoKeyVersions/1"), a.versionName());
    assertEquals("gcpkms://projects/my-proj/locations/global/keyRings/ring/cryptoKeys/key/cryptoKeyVersions/1", b.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "gcpkms://",
    "gcpkms://projects/P",
    "gcpkms://projects/P/locations/L/keyRings/R",
    "gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/",
    "gcpkms://projects//locations/L/keyRings/R/cryptoKeys/K",
    "gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/",
    "gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/",
    "gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/1/x",
    "gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/keyVersions/1",
    "gcpkms://project/P/locations/L/keyRings/R/cryptoKeys/K",
    "gcpkms:projects/P/locations/L/keyRings/R/cryptoKeys/K",
    "awskms://projects/P/locations/L/keyRings/R/cryptoKeys/K",
  })
  void malformedIsRejectedNamingTheUri(String uri) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> GcpKmsKeyUri.parse(uri));
    assertTrue(e.getMessage().startsWith("invalid gcpkms key uri \"" + uri + "\""), e.getMessage());
  }
}
