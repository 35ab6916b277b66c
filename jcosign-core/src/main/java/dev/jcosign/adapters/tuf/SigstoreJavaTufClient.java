package dev.jcosign.adapters.tuf;

import dev.jcosign.adapters.http.ServiceClient;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.TufRepositoryException;
import dev.jcosign.core.spi.TufRepository;
import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.SigstoreTufClient;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.Updater;
import dev.sigstore.tuf.model.Root;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link TufRepository} on sigstore-java 2.0.0's TUF {@link Updater} (dependencies.md §3 f): it
 * implements the TUF client workflow (root chain with both thresholds, expiry, rollback checks,
 * timestamp → snapshot → targets with hashes and lengths, target hashes). Its {@code SigstoreTufClient}
 * wrapper is not used: it would bring its Apache HTTP transport, ignore {@code --timeout}, and parse
 * the targets with protobuf. Its {@link FileSystemTufStore} writes {@code <dir>/<role>.json} and
 * {@code <dir>/targets/<name>}, which is sigstore-go's layout once {@code dir} is the mirror directory.
 */
public final class SigstoreJavaTufClient implements TufRepository, AutoCloseable {
  /** Responses above this are refused whatever the metadata says (trusted roots are tens of KB). */
  private static final long MAX_RESPONSE = 32L << 20;
  /** Held so the level sticks: sigstore-java logs ignored signatures at WARNING through JUL, to stderr. */
  private static final Logger SIGSTORE_LOG = Logger.getLogger("dev.sigstore");

  private final Duration timeout;
  private final String userAgent;
  private final Consumer<String> debug;
  private final List<ServiceClient> clients = new ArrayList<>();

  /** @param debug receives one line per HTTP exchange ({@code --verbose}), or null */
  public SigstoreJavaTufClient(Duration timeout, String userAgent, Consumer<String> debug) {
    this.timeout = timeout;
    this.userAgent = userAgent;
    this.debug = debug;
    if (debug == null) {
      SIGSTORE_LOG.setLevel(Level.OFF);
    }
  }

  @Override
  public byte[] embeddedRoot(EmbeddedRoot which) {
    String resource = which == EmbeddedRoot.STAGING ? SigstoreTufClient.STAGING_ROOT_RESOURCE : SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE;
    try (InputStream in = SigstoreTufClient.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("embedded TUF root " + resource + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("reading embedded TUF root " + resource, e);
    }
  }

  @Override
  public byte[] download(URI url, long maxBytes) {
    ServiceClient c = client(url.toString(), "--root", "initial TUF root", maxBytes);
    ServiceClient.Exchange r = c.send(c.request("").GET().build());
    if (r.status() != 200) {
      throw new TufRepositoryException("fetching --root " + url + ": HTTP " + r.status());
    }
    return r.body();
  }

  @Override
  public Refreshed refresh(URI mirror, byte[] trustedRoot, Path metadataDir) {
    String[] lastMeta = new String[1];
    boolean file = "file".equals(mirror.getScheme());
    ServiceClient http = file ? null : client(mirror.toString(), "--mirror", "TUF mirror", MAX_RESPONSE);
    try {
      Files.createDirectories(metadataDir.resolve("targets"));
      FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(metadataDir);
      TrustedMetaStore meta = TrustedMetaStore.newTrustedMetaStore(PassthroughCacheMetaStore.newPassthroughMetaCache(store));
      Updater updater = Updater.builder()
          .setTrustedRootPath(() -> new String(trustedRoot, StandardCharsets.UTF_8))
          .setTrustedMetaStore(meta)
          .setTargetStore(store)
          .setMetaFetcher(MetaFetcher.newFetcher(new MirrorFetcher(mirror, http, "", true, lastMeta)))
          .setTargetFetcher(new MirrorFetcher(mirror, http, "targets/", false, lastMeta))
          .build();
      updater.update();
      Root root = meta.getRoot();
      List<String> targets = new ArrayList<>(meta.getTargets().getSignedMeta().getTargets().keySet());
      targets.sort(null);
      return new Refreshed(root.getSignedMeta().getVersion(), root.getSignedMeta().getExpiresAsDate().toInstant(), targets);
    } catch (CosignException e) {
      throw e;
    } catch (Exception e) {
      throw TufErrors.describe(e, mirror.toString(), lastMeta[0]);
    }
  }

  private ServiceClient client(String url, String flag, String what, long maxBytes) {
    ServiceClient c = new ServiceClient(url, flag, what, timeout, maxBytes, userAgent, debug, TufRepositoryException::new);
    clients.add(c);
    return c;
  }

  @Override
  public void close() {
    clients.forEach(ServiceClient::close);
  }
}
