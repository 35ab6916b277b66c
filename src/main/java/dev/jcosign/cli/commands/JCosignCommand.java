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
      SignBlobCommand.class,
      VerifyBlobCommand.class,
      SaveCommand.class,
      LoadCommand.class,
      AttestCommand.class,
      VerifyAttestationCommand.class,
      DownloadCommand.class,
      TreeCommand.class,
      VersionCommand.class,
      CompletionCommand.class
    })
public final class JCosignCommand implements Runnable {

  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "help for the command")
  boolean help;

  @Option(names = {"-d", "--verbose"}, scope = ScopeType.INHERIT, description = "log debug output (and stack traces on error)")
  boolean verbose;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private final dev.jcosign.cli.Wiring wiring;

  JCosignCommand(dev.jcosign.cli.Wiring wiring) {
    this.wiring = wiring;
  }

  @Option(names = {"-t", "--timeout"}, scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "3m0s",
      description = "timeout for registry requests, as a Go duration (default: ${DEFAULT-VALUE})")
  void timeout(String value) {
    wiring.timeout(value);
  }

  @Option(names = "--output-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "write the command's stdout to FILE instead")
  void outputFile(java.nio.file.Path file) {
    wiring.console().redirectOut(file);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
