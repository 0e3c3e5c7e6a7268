// Ed25519 keys in Microcred's key-file format:
//   {"type": "Multikey", "publicKeyMultibase": "z6Mk…", "secretKeyMultibase": "z3u2…"}
// where the secret is multicodec ed25519-priv (0x8026) + the 32-byte seed.
// Digital Bazaar's own generate() writes seed+public (64 bytes, "zrv…"), so we
// encode the 32-byte form ourselves to stay byte-compatible with the CLI.
import {randomBytes} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import * as base58btc from 'base58-universal';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

const PRIV_HEADER = [0x80, 0x26];

function seedFromSecretMultibase(secretKeyMultibase) {
  if(typeof secretKeyMultibase !== 'string' || secretKeyMultibase[0] !== 'z') {
    throw new TypeError('"secretKeyMultibase" must be a base58btc multibase');
  }
  const bytes = base58btc.decode(secretKeyMultibase.slice(1));
  if(bytes[0] !== PRIV_HEADER[0] || bytes[1] !== PRIV_HEADER[1]) {
    throw new TypeError('"secretKeyMultibase" is not an ed25519-priv key');
  }
  const key = bytes.slice(2);
  if(key.length !== 32 && key.length !== 64) {
    throw new TypeError(`ed25519 secret key has ${key.length} bytes`);
  }
  return key.slice(0, 32);
}

function secretMultibaseFromSeed(seed) {
  return 'z' + base58btc.encode(Uint8Array.from([...PRIV_HEADER, ...seed]));
}

// The did:key for a public key, and its one verification method id.
export function didKeyFor(publicKeyMultibase) {
  const did = `did:key:${publicKeyMultibase}`;
  return {did, verificationMethod: `${did}#${publicKeyMultibase}`};
}

// A signing key pair whose public half is re-derived from the seed, so a key
// file whose halves disagree fails loudly instead of producing a bad proof.
export async function keyPairFromFile(
  {publicKeyMultibase, secretKeyMultibase}, {id, controller} = {}) {
  const seed = seedFromSecretMultibase(secretKeyMultibase);
  const derived = await Ed25519Multikey.generate({seed});
  if(derived.publicKeyMultibase !== publicKeyMultibase) {
    throw new Error('key file: publicKeyMultibase does not match the secret');
  }
  return Ed25519Multikey.from({
    type: 'Multikey',
    id,
    controller,
    publicKeyMultibase,
    secretKeyMultibase: secretMultibaseFromSeed(seed)
  });
}

export function readKeyFile(path) {
  const data = JSON.parse(readFileSync(path, 'utf8'));
  if(data.type !== 'Multikey') {
    throw new TypeError(`key file ${path}: "type" must be "Multikey"`);
  }
  return data;
}

export async function generateKeyFile(path) {
  const seed = randomBytes(32);
  const {publicKeyMultibase} = await Ed25519Multikey.generate({seed});
  const data = {
    type: 'Multikey',
    publicKeyMultibase,
    secretKeyMultibase: secretMultibaseFromSeed(seed)
  };
  writeFileSync(path, JSON.stringify(data, null, 2) + '\n', {mode: 0o600, flag: 'wx'});
  return data;
}
