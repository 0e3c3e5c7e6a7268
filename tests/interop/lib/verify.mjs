// Verification of one credential by the Digital Bazaar stack.
//
// Data Integrity credentials go through @digitalbazaar/vc verifyCredential
// (structure, validity dates, proof, issuer == key controller, status).
// A compact JWS ("ey…") is a VC-JOSE-COSE credential: the payload IS the
// credential; the signature is checked with `jose` against the key named by
// the `kid` header, and the payload with the same structural checks the vc
// library applies to Data Integrity credentials.
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import * as jose from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {checkStatus} from './status.mjs';
import {verifyingSuites} from './suites.mjs';

const {purposes: {AssertionProofPurpose}} = jsigs;

// Flatten an error and everything it wraps into one readable line.
export function describeError(error, seen = new Set()) {
  if(!error || seen.has(error)) {
    return [];
  }
  seen.add(error);
  const messages = error.message ? [error.message] : [];
  // jsonld.js wraps a loader's error in `details.cause`
  for(const inner of [...(error.errors || []), error.cause, error.details?.cause]) {
    messages.push(...describeError(inner, seen));
  }
  return messages;
}

function failure(messages) {
  return {verified: false, error: [...new Set(messages)].join(' | ')};
}

function resultErrors(result) {
  return [
    ...describeError(result.error),
    ...(result.results || []).flatMap(r => describeError(r.error)),
    ...describeError(result.statusResult?.error),
    ...(result.statusResult?.results || []).flatMap(r => describeError(r.error))
  ];
}

export async function verifyDataIntegrity(
  credential, {documentLoader, now, proofOnly = false}) {
  const suite = verifyingSuites();
  const result = proofOnly ?
    await jsigs.verify(credential, {
      suite, purpose: new AssertionProofPurpose(), documentLoader
    }) :
    await vc.verifyCredential({
      credential, suite, documentLoader, now,
      checkStatus: credential.credentialStatus ? checkStatus : undefined
    });
  if(!result.verified) {
    return failure(resultErrors(result));
  }
  return {verified: true, error: null};
}

async function resolveJwtKey(kid, documentLoader) {
  const {document: method} = await documentLoader(kid);
  const controllerId = method.controller;
  const {document: controller} = await documentLoader(controllerId);
  const authorised = (controller.assertionMethod || []).some(
    m => m === kid || m?.id === kid ||
      (m === `#${kid.split('#')[1]}` && kid.startsWith(controller.id)));
  if(!authorised) {
    throw new Error(`"${kid}" is not an assertionMethod of ${controllerId}`);
  }
  const keyPair = await Ed25519Multikey.from(method);
  const jwk = await Ed25519Multikey.toJwk({keyPair});
  return {controllerId, key: await jose.importJWK({...jwk, alg: 'EdDSA'}, 'EdDSA')};
}

export async function verifyJwt(token, {documentLoader, now}) {
  let header;
  let credential;
  try {
    header = jose.decodeProtectedHeader(token);
    if(header.alg !== 'EdDSA') {
      throw new Error(`JWS alg "${header.alg}" is not EdDSA`);
    }
    if(typeof header.kid !== 'string') {
      throw new Error('JWS header has no "kid"');
    }
    const {controllerId, key} = await resolveJwtKey(header.kid, documentLoader);
    const {payload} = await jose.compactVerify(token, key, {algorithms: ['EdDSA']});
    credential = JSON.parse(new TextDecoder().decode(payload));
    if(header.typ !== 'vc+jwt') {
      throw new Error(`JWS typ "${header.typ}" is not "vc+jwt"`);
    }
    if('vc' in credential) {
      throw new Error('payload has a "vc" claim: VC-JWT 1.1, not VC-JOSE-COSE');
    }
    // the structural and validity-period checks of the vc library itself
    vc._checkCredential({credential, now});
    const issuer = typeof credential.issuer === 'object' ?
      credential.issuer.id : credential.issuer;
    if(issuer !== controllerId) {
      throw new Error(
        `issuer "${issuer}" is not the controller "${controllerId}" of kid`);
    }
  } catch(error) {
    return failure(describeError(error));
  }
  if(credential.credentialStatus) {
    const status = await checkStatus({
      credential, documentLoader, suite: verifyingSuites()
    });
    if(!status.verified) {
      return failure([
        ...describeError(status.error),
        ...(status.results || []).flatMap(r => describeError(r.error))
      ]);
    }
  }
  return {verified: true, error: null};
}

// A Verifiable Presentation: the holder's authentication proof (with the
// verifier's challenge and domain) and every credential in it, by
// @digitalbazaar/vc verifyPresentation.
export async function verifyVerifiablePresentation(
  presentation, {documentLoader, now, challenge, domain}) {
  const result = await vc.verify({
    presentation, suite: verifyingSuites(), documentLoader, now,
    challenge, domain, checkStatus
  });
  if(!result.verified) {
    return failure([
      ...describeError(result.error),
      ...(result.presentationResult?.results || []).flatMap(
        r => describeError(r.error)),
      ...(result.credentialResults || []).flatMap(r => resultErrors(r))
    ]);
  }
  return {verified: true, error: null};
}
