// Independent check of a key-based Sigstore bundle with @sigstore/verify (npm), used by SigstoreJsCrossCheckTest.
// usage: node verify-key-bundle.js BUNDLE ARTIFACT PUB_PEM KEY_DETAILS [TRUSTED_ROOT]
// Without TRUSTED_ROOT nothing but the message signature, the digest and the key hint is checked
// (thresholds 0: a bundle signed without the log). With it, the root's logs and TSAs are trusted and at
// least one tlog entry (SET, inclusion proof, checkpoint, body) and, when the bundle has any, one RFC 3161
// timestamp must verify.
const fs = require('fs');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot, PublicKey } = require('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const [bundlePath, artifactPath, pubPath, details, rootPath] = process.argv.slice(2);
const json = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
const bundle = bundleFromJSON(json);
const pem = fs.readFileSync(pubPath, 'utf8');
const der = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
const hint = bundle.verificationMaterial.content.publicKey.hint;
const root = TrustedRoot.fromJSON(rootPath ? JSON.parse(fs.readFileSync(rootPath, 'utf8'))
  : { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] });
const key = PublicKey.fromJSON({ rawBytes: der, keyDetails: details, validFor: { start: '2000-01-01T00:00:00Z' } });
const trust = toTrustMaterial(root, { [hint]: key });
const stamps = ((json.verificationMaterial.timestampVerificationData || {}).rfc3161Timestamps || []).length;
const verifier = new Verifier(trust, { tlogThreshold: rootPath ? 1 : 0, ctlogThreshold: 0,
  timestampThreshold: rootPath && stamps > 0 ? 1 : 0 });
verifier.verify(toSignedEntity(bundle, fs.readFileSync(artifactPath)));
console.log('OK');
