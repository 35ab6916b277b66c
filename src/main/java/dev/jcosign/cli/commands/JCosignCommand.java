package dev.jcosign.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global flags and the sub-command list (spec §1.1, §1.3). */
@Command(
    name = "jcosign",
    description = "A tool for Container Signing, Verification and Storage in an OCI registry (cosign-compatible).",
    mixinStandardHelpOptions = false,
    subcommands = {
      GenerateKeyPairCommand.class,
      ImportKeyPairCommand.class,
      PublicKeyCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      VersionCommand.class,
      CompletionCommand.class
    })
public final class JCosignCommand implements Runnable {

  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "help for the command")
  boolean help;

  @Option(names = {"-d", "--verbose"}, scope = ScopeType.INHERIT, description = "log debug output (and stack traces on error)")
  boolean verbose;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
