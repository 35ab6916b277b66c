package dev.jcosign.api;

import java.util.Map;

/**
 * The API's one reader of the process environment (the CLI's is {@code cli.Env}): the default of
 * {@link CosignBuilder#environment}, from which the docker config, credential helpers and KMS
 * credentials are found as the command line finds them.
 */
final class ProcessEnvironment {
  private ProcessEnvironment() {}

  static Map<String, String> get() {
    return Map.copyOf(System.getenv());
  }
}
