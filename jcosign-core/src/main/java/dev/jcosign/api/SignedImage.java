package dev.jcosign.api;

/**
 * An image that was signed or attested.
 *
 * <pre>{@code
 * SignedImage s = cosign.signImage("registry.example/app:1.0");
 * System.out.println(s.image()); // registry.example/app@sha256:...
 * }</pre>
 *
 * @param image the image by digest ({@code repository@sha256:...}), whatever reference was given
 * @param digest the manifest digest, {@code sha256:...}
 * @since 0.1.0
 */
public record SignedImage(String image, String digest) {}
