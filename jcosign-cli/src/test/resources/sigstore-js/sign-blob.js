// An independent signer: sigstore-js (@sigstore/sign, from npm sigstore 5.0.1) makes a keyless bundle
// against the loopback Fulcio/Rekor/TSA, for KeylessSignBlobE2ETest to verify with jcosign.
// usage: node sign-blob.js BASE_URL TOKEN FILE OUT [message|dsse]
// message: messageSignature + hashedrekord entry; dsse: DSSE over FILE as an in-toto statement + intoto entry.
const fs = require('fs');
const { bundleToJSON } = require('@sigstore/bundle');
const { DSSEBundleBuilder, MessageSignatureBundleBuilder, FulcioSigner, RekorWitness } = require('@sigstore/sign');

async function main() {
  const [base, token, file, out, mode] = process.argv.slice(2);
  const signer = new FulcioSigner({ fulcioBaseURL: base, identityProvider: { getToken: async () => token } });
  // Rekor only: sigstore-js asks TSAs in JSON, and the loopback TSA speaks RFC 3161 DER as real ones do
  const witnesses = [new RekorWitness({ rekorBaseURL: base, entryType: mode === 'dsse' ? 'intoto' : undefined })];
  const data = fs.readFileSync(file);
  const bundle = mode === 'dsse'
    ? await new DSSEBundleBuilder({ signer, witnesses }).create({ data, type: 'application/vnd.in-toto+json' })
    : await new MessageSignatureBundleBuilder({ signer, witnesses }).create({ data });
  fs.writeFileSync(out, JSON.stringify(bundleToJSON(bundle)));
  console.log('OK');
}
main().catch((e) => { console.error(String((e && e.stack) || e)); process.exit(1); });
