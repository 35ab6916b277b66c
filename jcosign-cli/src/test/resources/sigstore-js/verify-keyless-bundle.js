// Independent check of a keyless Sigstore bundle with @sigstore/verify (npm), used by KeylessSignBlobE2ETest.
// usage: node verify-keyless-bundle.js BUNDLE ARTIFACT TRUSTED_ROOT SAN ISSUER
// Trusts only TRUSTED_ROOT (the loopback Fulcio CA, CT log, Rekor and TSA): the certificate must chain to its
// CA, carry an SCT from its CT log and name SAN and ISSUER; one tlog entry and, when present, one RFC 3161
// timestamp must verify.
const fs = require('fs');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const [bundlePath, artifactPath, rootPath, san, issuer] = process.argv.slice(2);
const json = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
const bundle = bundleFromJSON(json);
const trust = toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(fs.readFileSync(rootPath, 'utf8'))));
const stamps = ((json.verificationMaterial.timestampVerificationData || {}).rfc3161Timestamps || []).length;
const verifier = new Verifier(trust, { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: stamps > 0 ? 1 : 0 });
const artifact = json.messageSignature ? fs.readFileSync(artifactPath) : undefined;
verifier.verify(toSignedEntity(bundle, artifact), { subjectAlternativeName: san, extensions: { issuer } });
console.log('OK');
