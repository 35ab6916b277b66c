package dev.jcosign.maven;

import dev.jcosign.api.Cosign;
import dev.jcosign.api.CosignBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.io.SmallFiles;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What the goals share (issue 13): which image (Jib's {@code target/jib-image.digest} and
 * {@code jib-image.json}, or {@code <image>} by digest), how to sign or verify (the CLI's key reference, or
 * keyless with the environment's identity token), registry credentials (a {@code settings.xml} server whose
 * id is the registry host, else the docker config), and turning jcosign's failures into the CLI's one line.
 * Every parameter has a user property, so the goals run without a {@code pom.xml} change.
 */
abstract class AbstractCosignMojo extends AbstractMojo {
  /** jib-image.json and jib-image.digest are a few hundred bytes. */
  private static final long MAX_JIB_FILE = 1L << 20;

  /** The image by digest ({@code registry/repo@sha256:...}); default: what Jib just pushed. */
  @Parameter(property = "jcosign.image")
  String image;

  /** {@code --key}: a key file, {@code env://VAR} or a KMS URI; none means keyless. The password: {@code COSIGN_PASSWORD}. */
  @Parameter(property = "jcosign.key")
  String key;

  /** {@code --tlog-upload}. */
  @Parameter(property = "jcosign.tlogUpload", defaultValue = "true")
  boolean tlogUpload;

  /** {@code --insecure-ignore-tlog} (verify). */
  @Parameter(property = "jcosign.ignoreTlog", defaultValue = "false")
  boolean ignoreTlog;

  /** {@code --allow-http-registry}. */
  @Parameter(property = "jcosign.allowHttpRegistry", defaultValue = "false")
  boolean allowHttpRegistry;

  /** {@code --allow-insecure-registry}. */
  @Parameter(property = "jcosign.allowInsecureRegistry", defaultValue = "false")
  boolean allowInsecureRegistry;

  /** {@code --rekor-url}. */
  @Parameter(property = "jcosign.rekorUrl", defaultValue = Cosign.PUBLIC_REKOR)
  String rekorUrl;

  /** {@code --fulcio-url}. */
  @Parameter(property = "jcosign.fulcioUrl", defaultValue = Cosign.PUBLIC_FULCIO)
  String fulcioUrl;

  /** {@code --trusted-root}. */
  @Parameter(property = "jcosign.trustedRoot")
  File trustedRoot;

  /** The {@code settings.xml} server holding registry credentials; default: the one whose id is the registry host. */
  @Parameter(property = "jcosign.serverId")
  String serverId;

  /** {@code -t}, in seconds. */
  @Parameter(property = "jcosign.timeoutSeconds", defaultValue = "180")
  int timeoutSeconds;

  /** Skips the goal. */
  @Parameter(property = "jcosign.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project.build.directory}", readonly = true)
  File buildDirectory;

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Component
  SettingsDecrypter decrypter;

  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  MojoExecution mojoExecution;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("jcosign: skipped");
      return;
    }
    if ((image == null || image.isBlank()) && AfterJibBuild.pending(session, mojoExecution)) {
      // mvn package jib:build: Jib pushes after this phase; sign what it pushes, not a previous build's image
      getLog().info("jcosign: will " + verb() + " the image right after jib:build");
      AfterJibBuild.defer(session, mojoExecution, this::executeNow);
      return;
    }
    executeNow();
  }

  private void executeNow() throws MojoFailureException {
    try {
      String ref = imageByDigest();
      try (Cosign cosign = configure(Cosign.builder(), ref).build()) {
        run(cosign, ref);
      }
    } catch (CosignException e) {
      // the CLI's one line (and, for the record, the exit code the CLI would have given)
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  abstract void run(Cosign cosign, String ref) throws MojoFailureException;

  /** The verify goals verify with {@code key} as a public key; keyless verification takes an identity. */
  abstract boolean signs();

  CosignBuilder configure(CosignBuilder b, String ref) throws MojoFailureException {
    Map<String, String> env = PluginEnvironment.get();
    b.environment(env).tlogUpload(tlogUpload).ignoreTlog(ignoreTlog).allowHttpRegistry(allowHttpRegistry)
        .allowInsecureRegistry(allowInsecureRegistry).rekorUrl(rekorUrl).fulcioUrl(fulcioUrl)
        .timeout(Duration.ofSeconds(Math.max(1, timeoutSeconds)))
        .log(line -> getLog().info(line), line -> getLog().warn(line));
    if (trustedRoot != null) {
      b.trustedRoot(trustedRoot.toPath());
    }
    if (key != null && !key.isBlank()) {
      if (signs() && !key.contains("://")) {
        String pw = env.get("COSIGN_PASSWORD");
        if (pw == null) {
          throw new MojoFailureException("COSIGN_PASSWORD is not set: a Maven build has no terminal to ask for the password of " + key);
        }
        b.key(Path.of(key), pw.toCharArray());
      } else {
        b.key(key);
      }
    } else if (signs()) {
      b.keylessFromEnvironment();
    }
    credentials(b, ref.substring(0, ref.indexOf('/') > 0 ? ref.indexOf('/') : ref.length()));
    return b;
  }

  /** A settings.xml server for the registry, decrypted as Maven decrypts it; its secrets are never logged. */
  private void credentials(CosignBuilder b, String registryHost) throws MojoFailureException {
    if (settings == null) {
      return;
    }
    String id = serverId != null && !serverId.isBlank() ? serverId : registryHost;
    Server server = settings.getServer(id);
    if (server == null) {
      if (serverId != null && !serverId.isBlank()) {
        throw new MojoFailureException("no server \"" + serverId + "\" in settings.xml (jcosign.serverId)");
      }
      return; // the docker config and its credential helpers, as the CLI
    }
    if (decrypter != null) {
      SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
      for (SettingsProblem p : r.getProblems()) {
        if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
          throw new MojoFailureException("settings.xml server " + id + ": " + p.getMessage());
        }
      }
      server = r.getServer();
    }
    if (server.getUsername() != null) {
      b.registryCredentials(server.getUsername(), server.getPassword() == null ? new char[0] : server.getPassword().toCharArray());
      getLog().info("jcosign: registry credentials of settings.xml server " + id);
    }
  }

  /** {@code <image>}, else {@code registry/repo@digest} from Jib's {@code jib-image.json} or {@code jib-image.digest}. */
  String imageByDigest() throws MojoFailureException {
    if (image != null && !image.isBlank()) {
      return image.strip();
    }
    // without a pom.xml Maven's stub project leaves ${project.basedir} unexpanded: then target/ of the directory mvn runs in
    File dir = buildDirectory != null && !buildDirectory.getPath().contains("${") ? buildDirectory
        : new File(session != null ? session.getExecutionRootDirectory() : System.getProperty("user.dir"), "target");
    Path json = dir.toPath().resolve("jib-image.json");
    Path digestFile = dir.toPath().resolve("jib-image.digest");
    if (!Files.isRegularFile(json)) {
      throw new MojoFailureException("no image to " + verb() + ": " + json + " is missing (run jib:build first, "
          + "or give -Djcosign.image=REGISTRY/REPO@sha256:...)");
    }
    try {
      // read bounded and parsed as JSON, as jcosign reads every document (issue 11)
      JsonNode j = Json.parse(SmallFiles.read(json, MAX_JIB_FILE, json.toString()), json.toString());
      String digest = j.path("imageDigest").asText("");
      if (digest.isEmpty() && Files.isRegularFile(digestFile)) {
        digest = new String(SmallFiles.read(digestFile, MAX_JIB_FILE, digestFile.toString()), StandardCharsets.UTF_8).strip();
      }
      String name = j.path("image").asText("");
      if (name.isEmpty() || digest.isEmpty()) {
        throw new MojoFailureException(json + " does not name the image and its digest");
      }
      return ImageReference.of(ImageReference.parse(name).repository(), Digest.parse(digest)).name();
    } catch (CosignException e) {
      throw new MojoFailureException(json + ": " + e.getMessage(), e);
    }
  }

  abstract String verb();
}
