package dev.jcosign.adapters.http;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.http.HttpClient;

/**
 * Stops a {@link HttpClient}'s selector thread when a command is done.
 *
 * <p>Why: HotSpot's exit waits up to 300 ms for threads blocked in native code, and the client's
 * selector sits in {@code epoll_wait} until the client is garbage collected. That wait was more than
 * half of a one-image {@code verify} (issue 2 benchmark). Java 21+ has {@code HttpClient.close()};
 * on 17 the selector manager's {@code shutdown()} is reached through the {@code Add-Opens} entry of the jar manifest.
 * Failure to stop is harmless (only slower), so it is ignored.
 */
public final class HttpClients {
  private HttpClients() {}

  public static void stop(HttpClient client) {
    try {
      Method close = HttpClient.class.getMethod("shutdownNow"); // Java 21+
      close.invoke(client);
      return;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Java 17: fall through
    }
    try {
      Field impl = client.getClass().getDeclaredField("impl");
      impl.setAccessible(true);
      Object clientImpl = impl.get(client);
      Field selmgr = clientImpl.getClass().getDeclaredField("selmgr");
      selmgr.setAccessible(true);
      Object selector = selmgr.get(clientImpl);
      Method shutdown = selector.getClass().getDeclaredMethod("shutdown");
      shutdown.setAccessible(true);
      shutdown.invoke(selector); // marks it closed and wakes epoll_wait, so the thread ends
    } catch (ReflectiveOperationException | RuntimeException e) {
      // not opened (e.g. run from a test classpath): the JVM just exits a little later
    }
  }
}
