package dev.jcosign.core.attest;

import dev.jcosign.core.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code --type} names of {@code attest}/{@code verify-attestation} and their predicate type URIs (spec §3.4). */
public final class PredicateTypes {
  public static final String CUSTOM = "custom";
  public static final String CUSTOM_URI = "https://cosign.sigstore.dev/attestation/v1";
  public static final String SPDX = "spdx";

  private static final Map<String, String> BY_NAME = new LinkedHashMap<>();
  // a URI with a scheme, or an absolute path: what Go's url.ParseRequestURI accepts
  private static final Pattern REQUEST_URI = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*:\\S+|/\\S*)");

  static {
    BY_NAME.put(CUSTOM, CUSTOM_URI);
    BY_NAME.put("slsaprovenance", "https://slsa.dev/provenance/v0.2");
    BY_NAME.put("slsaprovenance02", "https://slsa.dev/provenance/v0.2");
    BY_NAME.put("slsaprovenance1", "https://slsa.dev/provenance/v1");
    BY_NAME.put("link", "https://in-toto.io/Link/v1");
    BY_NAME.put(SPDX, "https://spdx.dev/Document");
    BY_NAME.put("spdxjson", "https://spdx.dev/Document");
    BY_NAME.put("cyclonedx", "https://cyclonedx.org/bom");
    BY_NAME.put("vuln", "https://cosign.sigstore.dev/attestation/vuln/v1");
    BY_NAME.put("openvex", "https://openvex.dev/ns");
  }

  private PredicateTypes() {}

  /** The URI for a {@code --type} value: a known name, or the value itself when it is a URI. */
  public static String uriFor(String type) {
    String uri = BY_NAME.get(type);
    if (uri != null) {
      return uri;
    }
    if (type != null && REQUEST_URI.matcher(type).matches()) {
      return type;
    }
    throw new InvalidInputException("invalid predicate type: " + type);
  }

  /** True for the names cosign knows (as opposed to a URI given verbatim). */
  public static boolean isName(String type) {
    return BY_NAME.containsKey(type);
  }
}
