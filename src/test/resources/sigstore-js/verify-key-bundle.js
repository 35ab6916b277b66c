// Independent check of a key-based Sigstore bundle with @sigstore/verify (npm), used by SigstoreJsCrossCheckTest.
// No transparency log entries or timestamps are required (thresholds 0): the bundle is key-signed
// without a tlog, so only the message signature, the digest and the key hint are checked.
// usage: node verify.js BUNDLE ARTIFACT PUB_PEM KEY_DETAILS
const fs = require('fs');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot, PublicKey } = require('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const [bundlePath, artifactPath, pubPath, details] = process.argv.slice(2);
const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
const pem = fs.readFileSync(pubPath, 'utf8');
const der = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
const hint = bundle.verificationMaterial.content.publicKey.hint;
const root = TrustedRoot.fromJSON({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] });
const key = PublicKey.fromJSON({ rawBytes: der, keyDetails: details, validFor: { start: '2000-01-01T00:00:00Z' } });
const trust = toTrustMaterial(root, { [hint]: key });
const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
verifier.verify(toSignedEntity(bundle, fs.readFileSync(artifactPath)));
console.log('OK');
