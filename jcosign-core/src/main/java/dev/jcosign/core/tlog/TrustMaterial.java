package dev.jcosign.core.tlog;

import dev.jcosign.core.io.SmallFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.PublicKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which trusted root the verifiers use (spec §4.1, §6.7), chosen from flags and environment once and
 * read on first use only, so commands that never check a log never parse it. In order:
 * {@code --trusted-root FILE}; else {@code SIGSTORE_REKOR_PUBLIC_KEY} (a root holding only that
 * Rekor key, log ID = SHA-256 of its PKIX DER: cosign then ignores TUF); else the root a TUF client
 * keeps under {@code TUF_ROOT} ({@link TufCache}: cached by {@code initialize}, or refreshed on demand
 * when {@code TUF_MIRROR}/{@code TUF_ROOT_JSON} ask for it); else the public-good root embedded in the
 * jar. Only a {@link TufCache} that refreshes may go to the network, and only from {@link #trustedRoot()}.
 */
public final class TrustMaterial {
  /** Class-path location of the embedded public-good root (origin: see the README beside it). */
  public static final String EMBEDDED = "/dev/jcosign/trusted_root.json";
  /** cosign's default TUF mirror (spec §1.3 {@code initialize}). */
  public static final String DEFAULT_MIRROR = "https://tuf-repo-cdn.sigstore.dev";
  private static final long MAX_FILE = 16L << 20;

  /**
   * Where trust may come from.
   *
   * @param trustedRootFile {@code --trusted-root}
   * @param rekorPublicKeyFile {@code SIGSTORE_REKOR_PUBLIC_KEY}: a PEM public key file
   * @param fulcioRootsFile {@code SIGSTORE_ROOT_FILE}: PEM Fulcio root (and intermediate) certificates that replace
   *     the certificate authorities of whichever root is chosen (keyless verification, as cosign's variable)
   * @param tufCache the TUF cache under {@code TUF_ROOT} (or cosign's default {@code ~/.sigstore/root})
   */
  public record Sources(Optional<Path> trustedRootFile, Optional<Path> rekorPublicKeyFile, Optional<Path> fulcioRootsFile,
      Optional<TufCache> tufCache) {
    public static Sources embeddedOnly() {
      return new Sources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /**
   * The {@code trusted_root.json} a TUF client keeps in its cache (item 3 of the order above). Asked only
   * when neither {@code --trusted-root} nor {@code SIGSTORE_REKOR_PUBLIC_KEY} is given, at most once.
   */
  @FunctionalInterface
  public interface TufCache {
    /**
     * The cached file to read, refreshed first if this cache does that; empty when there is none and the
     * embedded root is to be used. A cache that cannot provide one when it must throws a
     * {@code CosignException} naming what is missing.
     */
    Optional<Path> trustedRootFile();

    /** What {@code initialize} left in {@code tufRoot}, used as is ({@link #tufCachedRoot}); never refreshed. */
    static TufCache readOnly(Path tufRoot) {
      return () -> tufCachedRoot(tufRoot);
    }
  }

  private final Sources sources;
  private TrustedRoot root;
  private String origin;

  public TrustMaterial(Sources sources) {
    this.sources = sources;
  }

  public Sources sources() {
    return sources;
  }

  /** The selected root, parsed on first call; {@link InvalidInputException} naming the file when unreadable. */
  public synchronized TrustedRoot trustedRoot() {
    if (root == null) {
      load();
      if (sources.fulcioRootsFile().isPresent()) {
        Path f = sources.fulcioRootsFile().get();
        root = new TrustedRoot(root.mediaType(), root.tlogs(), root.ctlogs(), fulcioRoots(SmallFiles.read(f, MAX_FILE,
            "SIGSTORE_ROOT_FILE " + f), "SIGSTORE_ROOT_FILE " + f), root.timestampAuthorities());
        origin += " with the Fulcio certificates of SIGSTORE_ROOT_FILE " + f;
      }
    }
    return root;
  }

  /** CAs from PEM certificates: every self-signed one is a root, the others its intermediates. */
  static java.util.List<TrustedAuthority> fulcioRoots(byte[] pem, String what) {
    java.util.List<byte[]> roots = new java.util.ArrayList<>();
    java.util.List<byte[]> intermediates = new java.util.ArrayList<>();
    try {
      for (java.security.cert.Certificate c : java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificates(new java.io.ByteArrayInputStream(pem))) {
        java.security.cert.X509Certificate x = (java.security.cert.X509Certificate) c;
        (x.getSubjectX500Principal().equals(x.getIssuerX500Principal()) ? roots : intermediates).add(x.getEncoded());
      }
    } catch (java.security.cert.CertificateException e) {
      throw new InvalidInputException(what + ": unreadable PEM certificates (" + e.getMessage() + ")", e);
    }
    if (roots.isEmpty()) {
      throw new InvalidInputException(what + ": no root (self-signed) certificate in it");
    }
    java.util.List<TrustedAuthority> out = new java.util.ArrayList<>();
    for (byte[] r : roots) {
      java.util.List<byte[]> chain = new java.util.ArrayList<>(intermediates);
      chain.add(r);
      out.add(new TrustedAuthority("", "", what, chain, ValidityPeriod.ALWAYS));
    }
    return out;
  }

  /** Where {@link #trustedRoot()} came from, for messages (loads it). */
  public synchronized String origin() {
    trustedRoot();
    return origin;
  }

  private void load() {
    if (sources.trustedRootFile().isPresent()) {
      Path f = sources.trustedRootFile().get();
      root = parseRoot(SmallFiles.read(f, MAX_FILE, "--trusted-root " + f), "--trusted-root " + f);
      origin = "trusted root " + f;
      return;
    }
    if (sources.rekorPublicKeyFile().isPresent()) {
      Path f = sources.rekorPublicKeyFile().get();
      root = fromRekorKey(SmallFiles.read(f, MAX_FILE, "SIGSTORE_REKOR_PUBLIC_KEY " + f), "SIGSTORE_REKOR_PUBLIC_KEY " + f);
      origin = "SIGSTORE_REKOR_PUBLIC_KEY " + f;
      return;
    }
    Optional<Path> cached = sources.tufCache().flatMap(TufCache::trustedRootFile);
    if (cached.isPresent()) {
      root = parseRoot(SmallFiles.read(cached.get(), MAX_FILE, "TUF cache " + cached.get()), "TUF cache " + cached.get());
      origin = "TUF cache " + cached.get();
      return;
    }
    root = embedded();
    origin = "embedded public-good trusted root";
  }

  /** The public-good root shipped in the jar. */
  public static TrustedRoot embedded() {
    try (InputStream in = TrustMaterial.class.getResourceAsStream(EMBEDDED)) {
      if (in == null) {
        throw new IllegalStateException("embedded trusted root " + EMBEDDED + " is missing from the jar");
      }
      return TrustedRoot.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("reading embedded trusted root", e);
    }
  }

  /**
   * The {@code trusted_root.json} target a TUF client left in {@code tufRoot}, as cosign v3's
   * (sigstore-go) cache lays it out: {@code <tufRoot>/<mirror dir>/targets/trusted_root.json}, where
   * the mirror is the one {@code <tufRoot>/remote.json} names ({@code {"mirror":URL}}, default
   * {@link #DEFAULT_MIRROR}) and its directory is the URL without scheme, {@code /} and {@code :}
   * turned into {@code -}, lower case (e.g. {@code tuf-repo-cdn.sigstore.dev}). Empty when absent.
   */
  public static Optional<Path> tufCachedRoot(Path tufRoot) {
    Path target = trustedRootTarget(tufRoot, remoteMirror(tufRoot).orElse(DEFAULT_MIRROR));
    return Files.isRegularFile(target) ? Optional.of(target) : Optional.empty();
  }

  /** The mirror {@code <tufRoot>/remote.json} names (written by {@code initialize}); empty without one. */
  public static Optional<String> remoteMirror(Path tufRoot) {
    Path remote = tufRoot.resolve("remote.json");
    if (!Files.isRegularFile(remote)) {
      return Optional.empty();
    }
    JsonNode m = Json.parse(SmallFiles.read(remote, MAX_FILE, "TUF cache " + remote), "TUF cache " + remote).path("mirror");
    return m.isTextual() && !m.asText().isEmpty() ? Optional.of(m.asText()) : Optional.empty();
  }

  /** Where a TUF client keeps {@code mirror}'s {@code trusted_root.json} under {@code tufRoot} (it may not exist). */
  public static Path trustedRootTarget(Path tufRoot, String mirror) {
    return tufRoot.resolve(mirrorDir(mirror)).resolve("targets").resolve("trusted_root.json");
  }

  /** The cache directory of {@code mirrorUrl} under a TUF root (sigstore-go's naming, see {@link #tufCachedRoot}). */
  public static String mirrorDir(String mirrorUrl) {
    String s = mirrorUrl.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.replace('/', '-').replace(':', '-').toLowerCase(Locale.ROOT);
  }

  /**
   * A root whose only transparency log is the Rekor key in {@code pem} (cosign's
   * {@code SIGSTORE_REKOR_PUBLIC_KEY}): log ID = SHA-256 of the PKIX DER, valid at any time.
   */
  public static TrustedRoot fromRekorKey(byte[] pem, String what) {
    PublicKey key;
    try {
      key = PublicKeys.fromPem(pem);
    } catch (RuntimeException e) {
      throw new InvalidInputException("reading " + what + ": " + e.getMessage(), e);
    }
    byte[] der = key.getEncoded();
    TransparencyLogInstance log = new TransparencyLogInstance("", "SHA2_256", sha256(der), der, keyDetails(key),
        ValidityPeriod.ALWAYS);
    return new TrustedRoot("application/vnd.dev.sigstore.trustedroot+json;version=0.1", List.of(log), List.of(), List.of(), List.of());
  }

  private static String keyDetails(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits <= 256 ? "PKIX_ECDSA_P256_SHA_256" : bits <= 384 ? "PKIX_ECDSA_P384_SHA_384" : "PKIX_ECDSA_P521_SHA_512";
    }
    if (key instanceof RSAPublicKey rsa) {
      return "PKIX_RSA_PKCS1V15_" + rsa.getModulus().bitLength() + "_SHA256";
    }
    return "PKIX_ED25519";
  }

  private static TrustedRoot parseRoot(byte[] json, String what) {
    try {
      return TrustedRoot.parse(json);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(what + ": " + e.getMessage(), e);
    }
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
