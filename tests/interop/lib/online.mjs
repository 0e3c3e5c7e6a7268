// An online document loader for the Digital Bazaar stack: what a verifier that knows
// nothing of Microcred does with a credential from a public host.
//
// It knows the standard contexts (every pinned context except Microcred's own, the way a
// wallet bundles the W3C and 1EdTech ones) and did:key; everything else it fetches over
// HTTPS: did:web documents at their did:web URL, contexts, status lists. Its only network
// is the hosts it is given ("name=address:port"), reached with real TLS for that name
// against a CA the test made; any other URL is refused.
import {readFileSync} from 'node:fs';
import {request} from 'node:https';
import {join} from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as didKey from '@digitalbazaar/did-method-key';
import {CONTEXTS_DIR} from './loader.mjs';

const MAX_BYTES = 1024 * 1024;
const didKeyDriver = didKey.driver();
didKeyDriver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});

function standardContexts() {
  const index = JSON.parse(readFileSync(join(CONTEXTS_DIR, 'index.json'), 'utf8'));
  const contexts = new Map();
  for(const [url, file] of Object.entries(index)) {
    if(!new URL(url).hostname.endsWith('microcred.eu')) {
      contexts.set(url, file);
    }
  }
  return contexts;
}

export function didWebUrl(did) {
  const [host, ...path] = did.slice('did:web:'.length).split(':');
  const origin = `https://${decodeURIComponent(host)}`;
  return path.length ?
    `${origin}/${path.map(decodeURIComponent).join('/')}/did.json` :
    `${origin}/.well-known/did.json`;
}

function fetchJson(url, {hosts, ca}) {
  const target = new URL(url);
  const address = hosts[target.host];
  if(target.protocol !== 'https:' || !address) {
    return Promise.reject(new Error(`no network to ${target.origin}`));
  }
  const [ip, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const req = request({
      host: ip, port: Number(port), servername: target.hostname, ca,
      path: target.pathname + target.search, method: 'GET',
      headers: {Host: target.host, Accept: 'application/ld+json, application/json'},
      timeout: 10000
    }, res => {
      const chunks = [];
      let size = 0;
      res.on('data', chunk => {
        size += chunk.length;
        if(size > MAX_BYTES) {
          req.destroy(new Error(`${url} is too large`));
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        if(res.statusCode !== 200) {
          reject(new Error(`${url} answered HTTP ${res.statusCode}`));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch(error) {
          reject(new Error(`${url} is not JSON: ${error.message}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

// hosts: {"uni.example": "127.0.0.1:8443", "uni.example:8443": ...}; ca: PEM text.
export function createOnlineLoader({hosts, ca}) {
  const contexts = standardContexts();
  const fetched = [];
  const cache = new Map();
  async function get(url) {
    if(!cache.has(url)) {
      fetched.push(url);
      cache.set(url, fetchJson(url, {hosts, ca}));
    }
    return structuredClone(await cache.get(url));
  }
  async function documentLoader(url) {
    const make = document => ({contextUrl: null, documentUrl: url, document});
    if(contexts.has(url)) {
      return make(JSON.parse(readFileSync(join(CONTEXTS_DIR, contexts.get(url)), 'utf8')));
    }
    if(url.startsWith('did:key:')) {
      return make(await didKeyDriver.get({url}));
    }
    if(url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const document = await get(didWebUrl(did));
      if(document.id !== did) {
        throw new Error(`${didWebUrl(did)} holds ${document.id}, not ${did}`);
      }
      if(fragment === undefined) {
        return make(document);
      }
      const method = (document.verificationMethod || []).find(
        m => m.id === url || m.id === `#${fragment}`);
      if(!method) {
        throw new Error(`${did} has no key #${fragment}`);
      }
      return make({'@context': document['@context'], ...method, id: url});
    }
    return make(await get(url));
  }
  documentLoader.fetched = fetched;
  return documentLoader;
}
