package dev.jcosign.core.attest;

import dev.jcosign.core.blob.BlobReader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keyless.KeylessIdentity;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.KeyFiles;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.timestamp.Timestamper;
import dev.jcosign.core.tlog.TlogUploader;
import dev.jcosign.core.tlog.TrustedRoot;
import java.io.InputStream;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The {@code attest-blob} use case (spec §1.3, keyless spec §1.4): an in-toto statement about a blob
 * (subject = its base name and SHA-256, or the {@code --statement} given), signed as DSSE, logged as a
 * {@code dsse} entry, timestamped, and written as a Sigstore bundle v0.3. Keyless, the bundle carries
 * the Fulcio leaf and is checked against the trusted root before it is written.
 */
public final class BlobAttester {
  private final Progress progress;
  private final BlobReader reader;
  private final TlogUploader tlog;
  private final Timestamper timestamper;
  private final Clock clock;

  public BlobAttester(Progress progress, InputStream stdin, TlogUploader tlog, Timestamper timestamper, Clock clock) {
    this.progress = progress;
    this.reader = new BlobReader(stdin);
    this.tlog = tlog;
    this.timestamper = timestamper;
    this.clock = clock;
  }

  /** With a key. */
  public void attest(AttestBlobRequest req, Supplier<Signer> signers) {
    byte[] statement = statement(req);
    write(req, statement, signers.get(), null, null);
  }

  /** Keyless (or {@code --issue-certificate}): the identity is obtained once the statement is ready. */
  public void attestKeyless(AttestBlobRequest req, Supplier<KeylessIdentity> identity, Supplier<TrustedRoot> root) {
    byte[] statement = statement(req);
    KeylessIdentity id = identity.get();
    write(req, statement, id.signer(), id, root.get());
  }

  private byte[] statement(AttestBlobRequest req) {
    if (req.statement().isPresent()) {
      byte[] s = req.statement().get();
      JsonNode n = Json.parse(s, "--statement");
      if (!n.isObject() || !n.path("_type").asText("").startsWith("https://in-toto.io/Statement/")) {
        throw new InvalidInputException("--statement is not an in-toto statement (no https://in-toto.io/Statement/ _type)");
      }
      return s;
    }
    byte[] digest = reader.digestOf(req.artifact(), DigestAlgorithm.SHA256);
    JsonNode predicate = Json.parse(new Predicates(clock).build(req.type(), req.predicate().orElseThrow()), "predicate");
    return InTotoStatement.write(req.subjectName(), Digest.parse("sha256:" + HexFormat.of().formatHex(digest)),
        PredicateTypes.uriFor(req.type()), predicate);
  }

  private void write(AttestBlobRequest req, byte[] statement, Signer signer, KeylessIdentity keyless, TrustedRoot root) {
    progress.info("Using payload from: " + req.artifact().name());
    byte[] bundle = new DsseBundles(tlog, timestamper).make(statement, signer, keyless, root, req.tlogUpload());
    KeyFiles.write(req.bundle(), bundle, KeyFiles.OWNER_ONLY);
    progress.info("Wrote bundle to file " + req.bundle());
  }
}
