package dev.jcosign.adapters.gcpkms;

import dev.jcosign.core.error.InvalidInputException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code gcpkms://} key reference (spec §5):
 * {@code gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K[/cryptoKeyVersions/V]}, with
 * {@code /versions/V} accepted for the version as cosign accepts it.
 */
public record GcpKmsKeyUri(String project, String location, String keyRing, String cryptoKey, Optional<String> version) {
  public static final String SCHEME = "gcpkms";
  private static final Pattern FORM = Pattern.compile(
      "gcpkms://projects/([^/]+)/locations/([^/]+)/keyRings/([^/]+)/cryptoKeys/([^/]+)(?:/(?:cryptoKeyVersions|versions)/([^/]+))?");

  public GcpKmsKeyUri {
    version = version == null ? Optional.empty() : version;
  }

  public static GcpKmsKeyUri parse(String uri) {
    var m = FORM.matcher(uri == null ? "" : uri);
    if (!m.matches()) {
      throw new InvalidInputException("invalid gcpkms key uri \"" + uri
          + "\": expected gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K[/cryptoKeyVersions/V]");
    }
    return new GcpKmsKeyUri(m.group(1), m.group(2), m.group(3), m.group(4), Optional.ofNullable(m.group(5)));
  }

  /** {@code projects/P/locations/L}, the parent of key rings. */
  public String locationName() {
    return "projects/" + project + "/locations/" + location;
  }

  public String keyRingName() {
    return locationName() + "/keyRings/" + keyRing;
  }

  public String cryptoKeyName() {
    return keyRingName() + "/cryptoKeys/" + cryptoKey;
  }

  /** The full version resource name when the URI pins one. */
  public Optional<String> versionName() {
    return version.map(v -> cryptoKeyName() + "/cryptoKeyVersions/" + v);
  }

  @Override
  public String toString() {
    return "gcpkms://" + cryptoKeyName() + version.map(v -> "/cryptoKeyVersions/" + v).orElse("");
  }
}
