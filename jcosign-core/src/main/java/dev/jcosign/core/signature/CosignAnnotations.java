package dev.jcosign.core.signature;

/** Layer annotation keys of cosign's legacy signature images (spec §3.2). */
public final class CosignAnnotations {
  public static final String SIGNATURE = "dev.cosignproject.cosign/signature";
  public static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
  public static final String CHAIN = "dev.sigstore.cosign/chain";
  public static final String BUNDLE = "dev.sigstore.cosign/bundle";
  public static final String RFC3161_TIMESTAMP = "dev.sigstore.cosign/rfc3161timestamp";
  public static final String PREDICATE_TYPE = "predicateType";

  private CosignAnnotations() {}
}
