#!/usr/bin/env node
// jcosign test peer: an OIDC provider for the browser flow (testkit.OAuth2MockServer), npm
// oauth2-mock-server 8.2.3 (MIT) on 127.0.0.1. Its /authorize answers 302 to the redirect URI with code
// and state (no login page: the test plays the browser with one GET), /token checks PKCE and returns an
// RS256 ID token with aud = client ID and the nonce of the authorization request.
// Adjustments, made in its beforeTokenSigning hook:
//   - the subject is browser-user@example.com with a verified email (its default "johndoe" is not a
//     usable Fulcio identity);
//   - with client_id "wrong-nonce" the nonce is replaced, so the client's nonce check must fail.
// Prints "listening <port>" on stdout once ready (PORT=0 picks a free port); exits when stdin closes.
import { OAuth2Server } from 'oauth2-mock-server';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
server.service.on('beforeTokenSigning', (token, req) => {
  const body = req.body || {};
  token.payload.sub = 'browser-user@example.com';
  token.payload.email = 'browser-user@example.com';
  token.payload.email_verified = true;
  if (body.client_id === 'wrong-nonce' && token.payload.nonce !== undefined) token.payload.nonce = 'not-the-nonce-sent';
});
await server.start(Number(process.env.PORT || 0), '127.0.0.1');
process.stdout.write(`listening ${server.address().port}\n`);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
