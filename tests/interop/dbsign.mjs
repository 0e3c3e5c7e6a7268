#!/usr/bin/env node
// Sign a credential with the Digital Bazaar stack, as an independent issuer.
//
//   node dbsign.mjs --in CRED.json --out SIGNED
//        (--key KEYFILE | --generate-key KEYFILE)
//        [--format eddsa-rdfc-2022|eddsa-jcs-2022|jwt]
//        [--status-list-url URL --status-index N --status-out LIST.json
//         [--status-purpose revocation|suspension] [--status-set I,J,…]]
//   node dbsign.mjs --generate-key KEYFILE   (only write a new key file)
//   node dbsign.mjs --jobs JOBS.json    (an array of {option: value} objects,
//                                        option names as above without "--")
//
// The issuer becomes the did:key of the key (an issuer object keeps its
// other properties); a missing id or validFrom is filled in. With a status
// list URL the credential gets a BitstringStatusListEntry, and a signed
// BitstringStatusListCredential (same issuer, eddsa-rdfc-2022, the bits at
// --status-set set) is written to --status-out. Format "jwt" writes a compact
// VC-JOSE-COSE JWS (typ vc+jwt) made with `jose`. Prints one JSON line per
// credential: {"issuer", "credential", "statusList"}.
import {randomUUID} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import * as vc from '@digitalbazaar/vc';
import * as jose from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {createCredential, createList} from
  '@digitalbazaar/vc-bitstring-status-list';
import {createLoader} from './lib/loader.mjs';
import {
  didKeyFor, generateKeyFile, keyPairFromFile, readKeyFile
} from './lib/keyfile.mjs';
import {CRYPTOSUITES, signingSuite} from './lib/suites.mjs';

const LIST_LENGTH = 131072;

function withIssuer(credential, did) {
  const issuer = credential.issuer;
  const copy = structuredClone(credential);
  copy.issuer = issuer && typeof issuer === 'object' ? {...issuer, id: did} : did;
  return copy;
}

function xsdNow() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const FORMATS = [...CRYPTOSUITES, 'jwt'];

async function sign(credential, {keyPair, format, documentLoader}) {
  if(format === 'jwt') {
    const jwk = await Ed25519Multikey.toJwk({keyPair, secretKey: true});
    const key = await jose.importJWK({...jwk, alg: 'EdDSA'}, 'EdDSA');
    return new jose.CompactSign(
      new TextEncoder().encode(JSON.stringify(credential)))
      .setProtectedHeader(
        {alg: 'EdDSA', kid: keyPair.id, typ: 'vc+jwt', cty: 'vc'})
      .sign(key);
  }
  return vc.issue({
    credential,
    suite: signingSuite({keyPair, cryptosuite: format}),
    documentLoader
  });
}

async function statusListCredential({url, purpose, set, did, signer}) {
  const list = await createList({length: LIST_LENGTH});
  for(const index of set) {
    list.setStatus(index, true);
  }
  const unsigned = await createCredential({id: url, list, statusPurpose: purpose});
  unsigned.issuer = did;
  unsigned.validFrom = xsdNow();
  return sign(unsigned, {...signer, format: 'eddsa-rdfc-2022'});
}

function serialise(secured) {
  return typeof secured === 'string' ?
    secured + '\n' : JSON.stringify(secured, null, 2) + '\n';
}

const OPTIONS = {
  in: {type: 'string'},
  out: {type: 'string'},
  key: {type: 'string'},
  'generate-key': {type: 'string'},
  format: {type: 'string'},
  'status-list-url': {type: 'string'},
  'status-index': {type: 'string'},
  'status-out': {type: 'string'},
  'status-purpose': {type: 'string'},
  'status-set': {type: 'string'},
  jobs: {type: 'string'}
};

function withDefaults(values) {
  return {
    format: 'eddsa-rdfc-2022', 'status-purpose': 'revocation',
    'status-set': '', ...values
  };
}

function usageError(values) {
  const unknown = Object.keys(values).filter(name => !(name in OPTIONS));
  if(unknown.length) {
    return `unknown option(s): ${unknown.join(', ')}`;
  }
  const keyOnly = values['generate-key'] && !values.in && !values.out;
  if(!keyOnly && !(values.in && values.out)) {
    return '--in and --out are required (unless only --generate-key is given)';
  }
  if(!values.key === !values['generate-key']) {
    return 'give exactly one of --key and --generate-key';
  }
  if(!FORMATS.includes(values.format)) {
    return `--format must be one of ${FORMATS.join(', ')}`;
  }
  const status = ['status-list-url', 'status-index', 'status-out'];
  const given = status.filter(name => values[name] !== undefined);
  if(given.length !== 0 && given.length !== status.length) {
    return '--status-list-url, --status-index and --status-out go together';
  }
  if(given.length && !/^\d+$/.test(values['status-index'])) {
    return '--status-index must be a non-negative integer';
  }
  if(!/^(\d+(,\d+)*)?$/.test(values['status-set'])) {
    return '--status-set must be comma-separated integers';
  }
  return null;
}

async function signJob(values) {
  const keyFile = values.key ?
    readKeyFile(values.key) : await generateKeyFile(values['generate-key']);
  const {did, verificationMethod} = didKeyFor(keyFile.publicKeyMultibase);
  if(!values.in) {
    return {issuer: did, credential: null, statusList: null};
  }
  const keyPair = await keyPairFromFile(
    keyFile, {id: verificationMethod, controller: did});
  const signer = {keyPair, documentLoader: createLoader()};

  const credential = withIssuer(
    JSON.parse(readFileSync(values.in, 'utf8')), did);
  credential.id ??= `urn:uuid:${randomUUID()}`;
  credential.validFrom ??= xsdNow();
  let statusList = null;
  if(values['status-list-url']) {
    const url = values['status-list-url'];
    const index = Number(values['status-index']);
    const purpose = values['status-purpose'];
    credential.credentialStatus = {
      id: `${url}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: url
    };
    const set = values['status-set'] ?
      values['status-set'].split(',').map(Number) : [];
    const list = await statusListCredential({url, purpose, set, did, signer});
    writeFileSync(values['status-out'], serialise(list));
    statusList = values['status-out'];
  }
  const signed = await sign(credential, {...signer, format: values.format});
  writeFileSync(values.out, serialise(signed));
  return {issuer: did, credential: values.out, statusList};
}

function readJobs() {
  const {values} = parseArgs({options: OPTIONS});
  if(values.jobs === undefined) {
    return [values];
  }
  if(Object.keys(values).length !== 1) {
    throw new Error('--jobs takes no other option');
  }
  const jobs = JSON.parse(readFileSync(values.jobs, 'utf8'));
  if(!Array.isArray(jobs)) {
    throw new Error('--jobs file must hold a JSON array');
  }
  return jobs;
}

async function main() {
  let jobs;
  try {
    jobs = readJobs().map(withDefaults);
    const problem = jobs.map(usageError).find(Boolean);
    if(problem) {
      throw new Error(problem);
    }
  } catch(error) {
    console.error(`dbsign: ${error.message}`);
    return 2;
  }
  for(const job of jobs) {
    console.log(JSON.stringify(await signJob(job)));
  }
  return 0;
}

process.exitCode = await main();
