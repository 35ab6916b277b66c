package dev.jcosign.maven;

import java.util.Map;

/** The plugin's one reader of the process environment (COSIGN_PASSWORD, SIGSTORE_ID_TOKEN, KMS credentials). */
final class PluginEnvironment {
  private PluginEnvironment() {}

  static Map<String, String> get() {
    return Map.copyOf(System.getenv());
  }
}
