package dev.jcosign.adapters.registry;

import java.util.List;
import java.util.Locale;

/**
 * Which URL schemes to try, in order, when pinging a registry; the first that answers like a registry
 * wins. Follows go-containerregistry's {@code name.Registry.Scheme()}: local registries (localhost,
 * {@code *.localhost}, 127.0.0.0/8, ::1, RFC 1918 addresses) use plain HTTP, falling back to HTTPS
 * for a local registry that serves TLS; with {@code --allow-http-registry} any registry may fall back
 * from HTTPS to HTTP; everything else is HTTPS only.
 */
final class Schemes {
  private Schemes() {}

  static List<String> candidates(String registry, boolean allowHttp) {
    if (isLocal(registry)) {
      // plain HTTP first: a TLS server answers it at once, while a TLS hello sent to a plain-HTTP
      // server can wait for a request line that never comes
      return List.of("http", "https");
    }
    return allowHttp ? List.of("https", "http") : List.of("https");
  }

  /** True for registries plain HTTP is acceptable for without a flag. */
  static boolean isLocal(String registry) {
    String host = hostOf(registry).toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")) {
      return true;
    }
    int[] ip = ipv4(host);
    if (ip == null) {
      return false;
    }
    return ip[0] == 127
        || ip[0] == 10
        || (ip[0] == 172 && ip[1] >= 16 && ip[1] <= 31)
        || (ip[0] == 192 && ip[1] == 168);
  }

  /** Host without port; IPv6 literals lose their brackets. */
  static String hostOf(String registry) {
    if (registry.startsWith("[")) {
      int end = registry.indexOf(']');
      return end < 0 ? registry : registry.substring(1, end);
    }
    int colon = registry.lastIndexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }

  private static int[] ipv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] out = new int[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("[0-9]{1,3}")) {
        return null;
      }
      out[i] = Integer.parseInt(parts[i]);
      if (out[i] > 255) {
        return null;
      }
    }
    return out;
  }
}
