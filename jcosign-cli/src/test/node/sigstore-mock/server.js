#!/usr/bin/env node
// jcosign test peer: a Rekor v1 log and an RFC 3161 TSA on 127.0.0.1 for the e2e tests (testkit.SigstoreMockServer).
//
// @sigstore/mock (Apache-2.0, the sigstore-js test double) ships request handlers only, meant for
// `nock`; this file serves its Rekor handler over real HTTP and adds what a client needs around it
// (see ../../../../../shared docs: test-peers.md §4 for the facts this relies on):
//   POST /api/v1/log/entries            create (201 + Location + ETag); an identical proposal -> 409 + Location, as Rekor
//   GET  /api/v1/log/entries/{uuid}     GET /api/v1/log/entries?logIndex=N
//   POST /api/v1/log/entries/retrieve   {"entries":[proposed...],"entryUUIDs":[...],"logIndexes":[...]} -> [{uuid:entry}...]
//   POST /api/v1/index/retrieve         {"hash":"sha256:<hex>"} -> [uuid...] (hashedrekord data hash)
//   GET  /api/v1/log/publicKey          PEM     GET /trusted_root.json   trusted root naming this log
//   POST /api/v1/timestamp              DER TimeStampReq (application/timestamp-query) -> 201 DER TimeStampResp
//   GET  /api/v1/timestamp/certchain    PEM chain of the TSA (signing certificate, then its root)
//   /fail/<status>/<any path>           answers <status> with Rekor's {"code","message"} error body
//   /hang/<any path>                    never answers (client timeouts)
//   /tamper-set/<path>                  as <path>, but a created entry's SET has one bit flipped
// Fixes over the bare mock: bodies are stored canonicalised as Rekor does (hashedrekord keys re-encoded as Go
// PEM; dsse and intoto 0.0.1 reduced to hashes, signatures and keys), and the
// checkpoint origin is the host without the port (what sigstore-java matches); the TSA takes DER requests
// (the mock's handler only reads JSON) and echoes 63-bit nonces exactly. Fresh keys each start.
//   POST /api/v2/signingCert            Fulcio v2 (the mock CA + CT log): the token comes from the body's
//                                       credentials.oidcIdentityToken or, as cosign sends it, the Bearer header;
//                                       it is VERIFIED here (our JWKS, aud=sigstore, exp) and so is the proof of
//                                       possession over the subject (email when verified, else sub): 401 / 400
//                                       otherwise, as fulcio.sigstore.dev answers (the bare mock checks nothing);
//                                       tokens of other issuers on loopback are checked with their discovered JWKS
//   POST /api/v2/log/entries            Rekor v2 (hashedRekordRequestV002 only, as sigstore-go sends for messages and
//                                       DSSE alike): the entry body is Rekor v2's canonical hashedrekord 0.0.2, the
//                                       answer a TransparencyLogEntry with an inclusion proof and checkpoint, no SET
//   GET  /token?sub=..&iss=..&<claim>=..  mints an ES256 ID token (email + email_verified when sub has an @;
//                                       exp=<seconds from now> may be negative; alg=none gives an unsigned one)
//   GET  /github-token?<claims>&audience=..  GitHub Actions' token endpoint: needs a bearer token, answers {"value":jwt}
//   GET  /jwks.json, /.well-known/openid-configuration   the toy OIDC issuer
// Prints "listening <port>" on stdout once ready (PORT=0 picks a free port).
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const mock = require('@sigstore/mock');
// asn1js and pkijs come with @sigstore/mock (its own dependencies, same versions it encodes with).
const asn1js = require('asn1js');
const pkijs = require('pkijs');
const jose = require('jose');
const x509 = require('@peculiar/x509');

// The mock CA writes every subject as a URI SAN; the JDK refuses a URI without a scheme, and real
// Fulcio writes e-mail identities as rfc822Name: turn e-mail-looking URI entries into e-mail entries.
{
  const EMAIL = /^[^\s@:/]+@[^\s@/]+$/;
  const OrigSAN = x509.SubjectAlternativeNameExtension;
  x509.SubjectAlternativeNameExtension = class extends OrigSAN {
    constructor(names, ...rest) {
      if (Array.isArray(names)) names = names.map((n) => (n && n.type === 'url' && EMAIL.test(n.value) ? { type: 'email', value: n.value } : n));
      super(names, ...rest);
    }
  };
}

const HOST = '127.0.0.1';

function goPem(label, der) {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) || [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// Rekor decodes keys/certificates and stores them re-encoded as Go PEM; the mock keeps what it got.
function canonicalKey(b64) {
  const text = Buffer.from(b64, 'base64').toString('utf8');
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  return m ? Buffer.from(goPem(m[1], Buffer.from(m[2].replace(/\s+/g, ''), 'base64'))).toString('base64') : b64;
}

function canonicalProposal(entry) {
  const key = entry && entry.kind === 'hashedrekord' && entry.spec && entry.spec.signature && entry.spec.signature.publicKey;
  if (key && typeof key.content === 'string') key.content = canonicalKey(key.content);
  return entry;
}

function sortedJson(v) {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

const sha256hex = (data) => crypto.createHash('sha256').update(data).digest('hex');

// The body Rekor stores for a proposal (its types' Canonicalize): hashedrekord as proposed (key
// re-encoded); dsse 0.0.1 and intoto 0.0.1 keep hashes of the envelope text and of the decoded
// payload instead of the envelope (dsse also the signatures with their verifiers, intoto the key).
function canonicalBody(entry) {
  const hash = (data) => ({ algorithm: 'sha256', value: sha256hex(data) });
  if (entry.kind === 'dsse' && entry.apiVersion === '0.0.1') {
    const c = entry.spec.proposedContent;
    const env = JSON.parse(c.envelope);
    return {
      apiVersion: '0.0.1', kind: 'dsse',
      spec: {
        envelopeHash: hash(c.envelope),
        payloadHash: hash(Buffer.from(env.payload, 'base64')),
        signatures: env.signatures.map((sig) => ({ signature: sig.sig, verifier: canonicalKey(c.verifiers[0]) })),
      },
    };
  }
  if (entry.kind === 'intoto' && entry.apiVersion === '0.0.1') {
    const env = JSON.parse(entry.spec.content.envelope);
    return {
      apiVersion: '0.0.1', kind: 'intoto',
      spec: {
        content: { hash: hash(entry.spec.content.envelope), payloadHash: hash(Buffer.from(env.payload, 'base64')) },
        publicKey: canonicalKey(entry.spec.publicKey),
      },
    };
  }
  return entry;
}

async function main() {
  const keys = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const tlog = await mock.initializeTLog(`http://${HOST}`, keys);
  const create = mock.rekorHandler(tlog, { strict: true });
  const spki = keys.publicKey.export({ format: 'der', type: 'spki' });
  // Fulcio: the mock CA (root only, no intermediate) with its CT log, and the toy OIDC issuer's key
  const ctKeys = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ctlog = await mock.initializeCTLog(ctKeys);
  const ca = await mock.initializeCA(crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }), ctlog);
  const fulcio = mock.fulcioHandler(ca, { strict: true });
  const ctSpki = ctKeys.publicKey.export({ format: 'der', type: 'spki' });
  const oidcKeys = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const oidcJwk = { ...(await jose.exportJWK(oidcKeys.publicKey)), kid: 'mock-oidc', alg: 'ES256', use: 'sig' };
  const entries = new Map(); // uuid -> Rekor v1 entry
  const byProposal = new Map(); // canonical proposal text -> uuid (409 on resubmission)
  let base = '';

  // TSA: the mock signs what its tstInfo() builds from a plain request object; its nonce is a JS number,
  // so build the TSTInfo with a placeholder nonce and put the request's exact INTEGER bytes back.
  const tsaKeys = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const tsa = await mock.initializeTSA(tsaKeys);
  const buildInfo = tsa.tstInfo.bind(tsa);
  tsa.tstInfo = (req) => {
    const info = buildInfo({ ...req, nonce: 0 });
    if (req.nonceBytes) info.nonce = new asn1js.Integer({ valueHex: req.nonceBytes });
    else delete info.nonce;
    return info;
  };
  // asn1js writes genTime's fraction the DER way (trailing zeros dropped: ".12Z"), but @sigstore/core's
  // parser accepts only exactly three digits, so one timestamp in ten failed the sigstore-js cross-check.
  // Keep a fraction (our verifier must parse one) whose last digit is never 0.
  tsa.getCurrentTime = () => {
    const now = new Date();
    const ms = now.getUTCMilliseconds();
    if (ms % 10 === 0) now.setUTCMilliseconds(ms + 1);
    return now;
  };
  const tsaChain = [Buffer.from(tsa.intCertificate), Buffer.from(tsa.rootCertificate)];
  function timestampRequest(der) {
    const q = pkijs.TimeStampReq.fromBER(new Uint8Array(der).buffer);
    const mi = q.messageImprint;
    return {
      artifactHash: Buffer.from(mi.hashedMessage.valueBlock.valueHexView),
      hashAlgorithmOID: mi.hashAlgorithm.algorithmId,
      nonceBytes: q.nonce ? Buffer.from(q.nonce.valueBlock.valueHexView) : undefined,
      policyOID: q.reqPolicy || '1.3.6.1.4.1.57264.2',
      certReq: Boolean(q.certReq),
    };
  }

  function trustedRoot() {
    return JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
      tlogs: [{
        baseUrl: base,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: spki.toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start: new Date(Date.now() - 3600 * 1000).toISOString() },
        },
        logId: { keyId: crypto.createHash('sha256').update(spki).digest('base64') },
      }],
      certificateAuthorities: [{
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: base,
        certChain: { certificates: [{ rawBytes: Buffer.from(ca.rootCertificate).toString('base64') }] },
        validFor: { start: new Date(Date.now() - 3600 * 1000).toISOString() },
      }],
      ctlogs: [{
        baseUrl: base,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: ctSpki.toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start: new Date(Date.now() - 3600 * 1000).toISOString() },
        },
        logId: { keyId: Buffer.from(ctlog.logID).toString('base64') },
      }],
      timestampAuthorities: [{
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: `${base}/api/v1/timestamp`,
        certChain: { certificates: tsaChain.map((c) => ({ rawBytes: c.toString('base64') })) },
        validFor: { start: new Date(Date.now() - 3600 * 1000).toISOString() },
      }],
    }, null, 2);
  }

  function reply(res, status, body, headers = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(text);
  }
  const one = (uuid) => ({ [uuid]: entries.get(uuid) });

  async function mintToken(q) {
    const claims = {};
    for (const [k, v] of q.entries()) claims[k] = v;
    const sub = claims.sub || 'user@example.com';
    const iss = claims.iss || base;
    const aud = claims.aud || 'sigstore';
    const exp = Number(claims.exp || 600);
    const alg = claims.alg || 'ES256';
    for (const k of ['sub', 'iss', 'aud', 'exp', 'alg']) delete claims[k];
    if (claims.email_verified !== undefined) claims.email_verified = claims.email_verified === 'true';
    if (!claims.email && sub.includes('@')) { claims.email = sub; if (claims.email_verified === undefined) claims.email_verified = true; }
    const now = Math.floor(Date.now() / 1000);
    if (alg === 'none') return new jose.UnsecuredJWT(claims).setSubject(sub).setIssuer(iss).setAudience(aud).setIssuedAt(now).setExpirationTime(now + exp).encode();
    return new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'mock-oidc', typ: 'JWT' })
      .setSubject(sub).setIssuer(iss).setAudience(aud).setIssuedAt(now).setExpirationTime(now + exp).sign(oidcKeys.privateKey);
  }

  // Rekor v2: the bare mock logs the request itself as the body; a real v2 log stores its canonical entry
  function rekorV2(res, raw) {
    let h;
    try {
      h = JSON.parse(raw || '{}').hashedRekordRequestV002;
    } catch (e) {
      return reply(res, 400, { code: 3, message: `invalid request: ${e.message}` });
    }
    if (!h || !h.digest || !h.signature || !h.signature.content || !h.signature.verifier) {
      return reply(res, 400, { code: 3, message: 'expected a hashedRekordRequestV002 with digest and signature' });
    }
    const body = Buffer.from(JSON.stringify({
      apiVersion: '0.0.2', kind: 'hashedrekord',
      spec: { hashedRekordV002: { data: { algorithm: 'SHA2_256', digest: h.digest },
        signature: { content: h.signature.content, verifier: h.signature.verifier } } },
    }));
    const logID = crypto.createHash('sha256').update(spki).digest();
    const proof = tlog.calculateInclusionProof({ body, timestamp: Math.floor(Date.now() / 1000), logID });
    const logIndex = crypto.randomInt(10_000_000);
    return reply(res, 201, {
      logIndex: String(logIndex), logId: { keyId: logID.toString('base64') },
      kindVersion: { kind: 'hashedrekord', version: '0.0.2' },
      inclusionProof: { logIndex: '0', rootHash: Buffer.from(proof.rootHash, 'hex').toString('base64'), treeSize: String(proof.treeSize),
        hashes: [], checkpoint: { envelope: proof.checkpoint } },
      canonicalizedBody: body.toString('base64'),
    });
  }

  // What fulcio.sigstore.dev checks and the bare mock does not (keyless spec §3.2): the token's
  // signature, audience and expiry, then the proof of possession over the token's subject.
  async function signingCert(req, res, raw) {
    let body;
    try {
      body = JSON.parse(raw || '{}');
    } catch (e) {
      return reply(res, 400, { code: 3, message: `invalid request body: ${e.message}` });
    }
    const auth = String(req.headers.authorization || '');
    if (!body.credentials || !body.credentials.oidcIdentityToken) {
      if (!auth.startsWith('Bearer ')) return reply(res, 401, { code: 16, message: 'The client is not authorized: no identity token' });
      body.credentials = { oidcIdentityToken: auth.slice('Bearer '.length) };
    }
    let claims;
    try {
      // like a real Fulcio configured for several issuers: our own, and any issuer on this machine's
      // loopback (the tests' OIDC providers), whose keys come from its discovery document
      const token = body.credentials.oidcIdentityToken;
      const iss = String(jose.decodeJwt(token).iss || '');
      let key = oidcKeys.publicKey;
      if (iss !== base && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(iss)) {
        const disc = await (await fetch(`${iss.replace(/\/$/, '')}/.well-known/openid-configuration`)).json();
        key = jose.createRemoteJWKSet(new URL(disc.jwks_uri));
      }
      ({ payload: claims } = await jose.jwtVerify(token, key, { audience: 'sigstore' }));
    } catch (e) {
      return reply(res, 401, { code: 16, message: `There was an error processing the identity token: ${e.code || e.message}` });
    }
    let subject = claims.sub;
    if (claims.email) {
      if (claims.email_verified !== true) return reply(res, 400, { code: 3, message: 'email_verified claim was false' });
      subject = claims.email;
    }
    const pk = body.publicKeyRequest;
    try {
      const key = crypto.createPublicKey(pk.publicKey.content);
      const curve = key.asymmetricKeyDetails && key.asymmetricKeyDetails.namedCurve;
      const hash = key.asymmetricKeyType === 'ed25519' ? null
        : curve === 'secp384r1' ? 'sha384' : curve === 'secp521r1' ? 'sha512' : 'sha256';
      const ok = crypto.verify(hash, Buffer.from(subject, 'utf8'), { key, dsaEncoding: 'der' },
        Buffer.from(pk.proofOfPossession, 'base64'));
      if (!ok) return reply(res, 400, { code: 3, message: 'The signature supplied in the request could not be verified' });
    } catch (e) {
      return reply(res, 400, { code: 3, message: `The public key supplied in the request could not be parsed: ${e.message}` });
    }
    const r = await fulcio.fn(JSON.stringify(body));
    if (r.statusCode !== 201) return reply(res, r.statusCode, { code: 3, message: String(r.response) });
    res.writeHead(201, { 'Content-Type': 'application/json' });
    return res.end(r.response);
  }

  async function route(req, res, path, url, rawBytes) {
    const raw = rawBytes.toString('utf8');
    const tamper = path.startsWith('/tamper-set/');
    if (tamper) path = path.slice('/tamper-set'.length);
    const m = /^\/fail\/(\d{3})(\/.*)$/.exec(path);
    if (m) return reply(res, Number(m[1]), { code: Number(m[1]), message: `injected failure for ${m[2]}` });
    if (path.startsWith('/hang/')) return; // never answer
    if (req.method === 'GET' && path === '/trusted_root.json') return reply(res, 200, trustedRoot());
    if (req.method === 'POST' && path === '/api/v2/signingCert') return signingCert(req, res, raw);
    if (req.method === 'POST' && path === '/api/v2/log/entries') return rekorV2(res, raw);
    if (req.method === 'GET' && path === '/token') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end(await mintToken(url.searchParams));
    }
    if (req.method === 'GET' && path === '/github-token') {
      // GitHub Actions' token endpoint as jobs see it: bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN, &audience=..,
      // answer {"count":1,"value":"<jwt>"}; the other query parameters are claims, as for /token
      if (!/^bearer \S+/i.test(req.headers.authorization || '')) return reply(res, 401, { message: 'Bad credentials' });
      const q = new URLSearchParams(url.searchParams);
      if (q.has('audience')) { q.set('aud', q.get('audience')); q.delete('audience'); }
      return reply(res, 200, { count: 1, value: await mintToken(q) });
    }
    if (req.method === 'GET' && path === '/jwks.json') return reply(res, 200, { keys: [oidcJwk] });
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return reply(res, 200, { issuer: base, jwks_uri: `${base}/jwks.json`, id_token_signing_alg_values_supported: ['ES256'] });
    }
    if (req.method === 'GET' && path === '/api/v1/log/publicKey') {
      res.writeHead(200, { 'Content-Type': 'application/x-pem-file' });
      return res.end(goPem('PUBLIC KEY', spki));
    }
    if (req.method === 'POST' && path === '/api/v1/timestamp') {
      if (!String(req.headers['content-type'] || '').startsWith('application/timestamp-query')) {
        return reply(res, 415, { code: 415, message: 'expected Content-Type application/timestamp-query' });
      }
      let tsq;
      try {
        tsq = timestampRequest(rawBytes);
      } catch (e) {
        return reply(res, 400, { code: 400, message: `invalid timestamp request: ${e.message}` });
      }
      const der = Buffer.from(await tsa.timestamp(tsq));
      res.writeHead(201, { 'Content-Type': 'application/timestamp-reply' });
      return res.end(der);
    }
    if (req.method === 'GET' && path === '/api/v1/timestamp/certchain') {
      res.writeHead(200, { 'Content-Type': 'application/pem-certificate-chain' });
      return res.end(tsaChain.map((c) => goPem('CERTIFICATE', c)).join(''));
    }
    if (req.method === 'POST' && path === '/api/v1/log/entries') {
      let proposal;
      try {
        proposal = JSON.stringify(canonicalProposal(JSON.parse(raw)));
      } catch (e) {
        return reply(res, 400, { code: 400, message: `invalid proposed entry: ${e.message}` });
      }
      if (byProposal.has(proposal)) {
        const uuid = byProposal.get(proposal);
        return reply(res, 409, { code: 409, message: `an equivalent entry already exists in the transparency log with UUID ${uuid}` },
          { Location: `/api/v1/log/entries/${uuid}`, ETag: uuid });
      }
      let body;
      try {
        body = JSON.stringify(canonicalBody(JSON.parse(proposal)));
      } catch (e) {
        return reply(res, 400, { code: 400, message: `invalid ${JSON.parse(proposal).kind} entry: ${e.message}` });
      }
      const r = await create.fn(body);
      if (r.statusCode !== 201) return reply(res, r.statusCode, { code: r.statusCode, message: String(r.response) });
      const obj = JSON.parse(r.response);
      const uuid = Object.keys(obj)[0];
      entries.set(uuid, obj[uuid]);
      byProposal.set(proposal, uuid);
      if (tamper) {
        const set = Buffer.from(obj[uuid].verification.signedEntryTimestamp, 'base64');
        set[set.length - 1] ^= 1;
        obj[uuid] = { ...obj[uuid], verification: { ...obj[uuid].verification, signedEntryTimestamp: set.toString('base64') } };
      }
      return reply(res, 201, obj, { Location: `/api/v1/log/entries/${uuid}`, ETag: uuid });
    }
    if (req.method === 'GET' && path.startsWith('/api/v1/log/entries/')) {
      const uuid = path.slice('/api/v1/log/entries/'.length);
      const hit = [...entries.keys()].find((k) => k === uuid || uuid.endsWith(k) || k.endsWith(uuid));
      return hit ? reply(res, 200, one(hit)) : reply(res, 404, { code: 404, message: 'entry not found' });
    }
    if (req.method === 'GET' && path === '/api/v1/log/entries') {
      const idx = Number(url.searchParams.get('logIndex'));
      const hit = [...entries.keys()].find((k) => entries.get(k).logIndex === idx);
      return hit ? reply(res, 200, one(hit)) : reply(res, 404, { code: 404, message: 'entry not found' });
    }
    if (req.method === 'POST' && path === '/api/v1/log/entries/retrieve') {
      const q = JSON.parse(raw || '{}');
      const uuids = new Set(q.entryUUIDs || []);
      const idx = new Set(q.logIndexes || []);
      // proposed entries match the stored entries whose canonical body equals theirs (as Rekor: same leaf)
      const bodies = new Set();
      for (const p of q.entries || []) {
        try {
          bodies.add(sortedJson(canonicalBody(canonicalProposal(p))));
        } catch (e) {
          return reply(res, 400, { code: 400, message: `invalid proposed entry: ${e.message}` });
        }
      }
      const bodyOf = (k) => sortedJson(JSON.parse(Buffer.from(entries.get(k).body, 'base64').toString('utf8')));
      return reply(res, 200, [...entries.keys()]
        .filter((k) => uuids.has(k) || idx.has(entries.get(k).logIndex) || bodies.has(bodyOf(k))).map(one));
    }
    if (req.method === 'POST' && path === '/api/v1/index/retrieve') {
      const want = String(JSON.parse(raw || '{}').hash || '').toLowerCase();
      const out = [];
      for (const [k, e] of entries) {
        const body = JSON.parse(Buffer.from(e.body, 'base64').toString('utf8'));
        const h = body.kind === 'hashedrekord' && body.spec.data && body.spec.data.hash;
        if (h && `${h.algorithm}:${h.value}`.toLowerCase() === want) out.push(k);
      }
      return reply(res, 200, out);
    }
    return reply(res, 404, { code: 404, message: `no route ${req.method} ${path}` });
  }

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, base);
      route(req, res, url.pathname, url, Buffer.concat(chunks))
        .catch((e) => reply(res, 500, { code: 500, message: String((e && e.message) || e) }));
    });
  });
  server.listen(Number(process.env.PORT || 0), HOST, () => {
    const port = server.address().port;
    base = `http://${HOST}:${port}`;
    process.stdout.write(`listening ${port}\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', () => process.exit(0)); // the JVM that started us is gone
  process.stdin.resume();
}

main().catch((e) => {
  process.stderr.write(`${(e && e.stack) || e}\n`);
  process.exit(1);
});
