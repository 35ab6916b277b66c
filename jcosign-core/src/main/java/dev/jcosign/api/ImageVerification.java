package dev.jcosign.api;

import java.util.List;

/**
 * The verified signatures or attestations of one image.
 *
 * <pre>{@code
 * ImageVerification v = cosign.verifyImage("registry.example/app@sha256:...");
 * v.payloads().forEach(System.out::println); // the signed simple-signing JSON documents
 * }</pre>
 *
 * @param image the image by digest
 * @param payloads for signatures, each verified simple-signing payload (JSON); for attestations, each
 *     verified DSSE envelope (JSON), as {@code jcosign verify} and {@code verify-attestation} print them
 * @param tlogVerified whether a transparency-log entry was checked for them
 * @since 0.1.0
 */
public record ImageVerification(String image, List<String> payloads, boolean tlogVerified) {
  public ImageVerification {
    payloads = List.copyOf(payloads);
  }
}
