package dev.jcosign.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads every long flag from {@code COSIGN_<FLAG>} (upper case, {@code -} to {@code _}) when it is
 * not given on the command line, as cosign's viper binding does (spec §1.1). An explicit flag wins.
 */
final class EnvDefaults implements IDefaultValueProvider {
  private final Env env;

  EnvDefaults(Env env) {
    this.env = env;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (argSpec instanceof OptionSpec opt) {
      String name = opt.longestName();
      if (name.startsWith("--")) {
        String var = "COSIGN_" + name.substring(2).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        // COSIGN_PASSWORD / COSIGN_REPOSITORY are not flags; no option is named like them
        return env.get(var).orElse(argSpec.defaultValue());
      }
    }
    return argSpec.defaultValue();
  }
}
