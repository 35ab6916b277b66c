package dev.jcosign.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global flags and the sub-command list (spec §1.1, §1.3). */
@Command(
    name = "jcosign",
    description = "Signs and verifies container images, attestations and blobs, compatible with Sigstore cosign.",
    mixinStandardHelpOptions = false)
public final class JCosignCommand implements Runnable {
  /**
   * The sub-commands. They are registered by {@code Cli}, only the invoked one when it can tell:
   * picocli reflects over every registered command class and its mixins at startup, which cost
   * tens of milliseconds per run once the tree grew (issue 2 startup benchmark).
   */
  public static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
      GenerateKeyPairCommand.class,
      ImportKeyPairCommand.class,
      PublicKeyCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      SignBlobCommand.class,
      VerifyBlobCommand.class,
      AttestBlobCommand.class,
      VerifyBlobAttestationCommand.class,
      SaveCommand.class,
      LoadCommand.class,
      AttestCommand.class,
      VerifyAttestationCommand.class,
      PolicyCommand.class,
      DownloadCommand.class,
      TreeCommand.class,
      InitializeCommand.class,
      VersionCommand.class,
      EnvCommand.class,
      GenerateDocsCommand.class,
      CompletionCommand.class);

  /**
   * The sub-command class of {@code name} (its {@code @Command} name, not an alias), or null. A switch,
   * not {@code getAnnotation} on each of {@link #SUBCOMMANDS}: reading an annotation parses all of a
   * class's annotations, and {@code Cli} needs only the invoked one (issue 12 start-up).
   * JCosignCommandNamesTest keeps it in step with the annotations.
   */
  public static Class<?> named(String name) {
    return switch (name) {
      case "generate-key-pair" -> GenerateKeyPairCommand.class;
      case "import-key-pair" -> ImportKeyPairCommand.class;
      case "public-key" -> PublicKeyCommand.class;
      case "sign" -> SignCommand.class;
      case "verify" -> VerifyCommand.class;
      case "sign-blob" -> SignBlobCommand.class;
      case "verify-blob" -> VerifyBlobCommand.class;
      case "attest-blob" -> AttestBlobCommand.class;
      case "verify-blob-attestation" -> VerifyBlobAttestationCommand.class;
      case "save" -> SaveCommand.class;
      case "load" -> LoadCommand.class;
      case "attest" -> AttestCommand.class;
      case "verify-attestation" -> VerifyAttestationCommand.class;
      case "policy" -> PolicyCommand.class;
      case "download" -> DownloadCommand.class;
      case "tree" -> TreeCommand.class;
      case "initialize" -> InitializeCommand.class;
      case "version" -> VersionCommand.class;
      case "env" -> EnvCommand.class;
      case "generate-docs" -> GenerateDocsCommand.class;
      case "completion" -> CompletionCommand.class;
      default -> null;
    };
  }


  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "help for the command")
  boolean help;

  @Option(names = {"-d", "--verbose"}, scope = ScopeType.INHERIT, description = "print HTTP exchanges and, on error, the stack trace (stderr)")
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
