package dev.jcosign;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps cli → core ← adapters, with the Java API as a second root beside cli (style.md §8, R6, R7; issue 13). */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.jcosign");
  }

  @Test
  void coreDependsOnNoAdapterCliSdkOrHttpClient() {
    noClasses().that().resideInAPackage("dev.jcosign.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.jcosign.cli..", "dev.jcosign.api..", "dev.jcosign.adapters..", "picocli..", "java.net.http..",
            "software.amazon..", "com.google.cloud..", "com.azure..", "io.github.jopenlibs..", "dev.sigstore..")
        .check(classes);
  }

  @Test
  void adaptersNeverDependOnCli() {
    noClasses().that().resideInAPackage("dev.jcosign.adapters..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jcosign.cli..", "dev.jcosign.api..", "picocli..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void theJavaApiIsAnotherCompositionRootBesideTheCli() {
    // issue 13: jcosign-core (core, adapters, api) never reaches the command line or picocli
    noClasses().that().resideInAPackage("dev.jcosign.api..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jcosign.cli..", "picocli..")
        .check(classes);
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    for (String a : new String[] {"registry", "keyfile", "awskms", "gcpkms", "azurekms", "vault", "rekor", "tsa", "tuf"}) {
      noClasses().that().resideInAPackage("dev.jcosign.adapters." + a + "..")
          .should().dependOnClassesThat().resideInAnyPackage(otherAdapters(a))
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  private static String[] otherAdapters(String self) {
    return java.util.stream.Stream.of("registry", "keyfile", "awskms", "gcpkms", "azurekms", "vault", "rekor", "tsa", "tuf", "keyless")
        .filter(s -> !s.equals(self)).map(s -> "dev.jcosign.adapters." + s + "..").toArray(String[]::new);
  }

  @Test
  void corePackagesAreFreeOfCycles() {
    com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("dev.jcosign.core.(*)..")
        .should().beFreeOfCycles().check(classes);
  }

  @Test
  void eachAdapterDependsOnlyOnCoreAndTheSharedHttpPlumbing() {
    // written once for every adapter package, present and future: adapters.<tech> never reaches another
    com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("dev.jcosign.adapters.(*)..")
        .should().notDependOnEachOther()
        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.jcosign.adapters.http.."))
        .check(classes);
  }

  @Test
  void onlyTheAttachmentStoreAsksForReferrers() {
    // issue 10's seam: where attachments live is decided in core.signature only (AttachmentStore)
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideOutsideOfPackage("dev.jcosign.core.signature..")
        .should().callMethod(dev.jcosign.core.spi.Registry.class, "referrers", dev.jcosign.core.oci.Repository.class,
            dev.jcosign.core.oci.Digest.class)
        .check(classes);
  }

  @Test
  void eachKmsSdkStaysInItsAdapter() {
    String[][] owners = {
      {"software.amazon..", "dev.jcosign.adapters.awskms.."},
      {"com.google.cloud.kms..", "dev.jcosign.adapters.gcpkms.."},
      {"com.azure..", "dev.jcosign.adapters.azurekms.."},
      {"io.github.jopenlibs..", "dev.jcosign.adapters.vault.."},
      {"dev.sigstore..", "dev.jcosign.adapters.tuf.."}, // sigstore-java: loaded by `initialize` and TUF_MIRROR refreshes only
    };
    for (String[] o : owners) {
      noClasses().that().resideOutsideOfPackage(o[1])
          .should().dependOnClassesThat().resideInAnyPackage(o[0])
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void onlyEnvReadsTheEnvironmentAndOnlyConsoleWritesTheStreams() {
    // one reader per entry point: the CLI's Env and the Java API's default (issue 13)
    noClasses().that().doNotHaveFullyQualifiedName("dev.jcosign.cli.Env")
        .and().doNotHaveFullyQualifiedName("dev.jcosign.api.ProcessEnvironment")
        .should().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .check(classes);
    noClasses().that().doNotHaveFullyQualifiedName("dev.jcosign.cli.Main")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .check(classes);
  }
}
