// An offline JSON-LD document loader for the Digital Bazaar stack.
//
// Why: the interop tests must prove that both implementations agree on the
// same inputs, with no network in between. So this loader serves exactly
// three kinds of documents and throws for anything else (it never fetches):
//   1. the JSON-LD contexts pinned in src/microcred/vc/contexts/data/;
//   2. did:key documents and their verification methods (derived locally);
//   3. whatever the caller put in a "documents map" (url or DID -> document),
//      i.e. did:web DID documents and status list credentials, and the
//      verification methods inside those controller documents.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as didKey from '@digitalbazaar/did-method-key';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CONTEXTS_DIR = join(
  HERE, '..', '..', '..', 'src', 'microcred', 'vc', 'contexts', 'data');

const didKeyDriver = didKey.driver();
didKeyDriver.use({
  multibaseMultikeyHeader: 'z6Mk',
  fromMultibase: Ed25519Multikey.from
});

function loadContextIndex(dir) {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const contexts = new Map();
  for(const [url, file] of Object.entries(index)) {
    // read lazily: a context named in the index but absent on disk only
    // fails the documents that actually use it
    contexts.set(url, () => JSON.parse(readFileSync(join(dir, file), 'utf8')));
  }
  return contexts;
}

// A URL with a fragment (did:web:…#key, https://…#key) names one
// verification method inside a controller document from the map; hand it out
// the way a DID resolver's dereferencer does: the method node, carrying the
// document's @context.
function dereferenceFragment(url, documents) {
  const [did, fragment] = url.split('#');
  const didDocument = documents[did];
  if(!didDocument || fragment === undefined) {
    return undefined;
  }
  const methods = [
    ...(didDocument.verificationMethod || []),
    ...['assertionMethod', 'authentication'].flatMap(
      p => (didDocument[p] || []).filter(m => typeof m === 'object'))
  ];
  const method = methods.find(
    m => m.id === url || m.id === `#${fragment}`);
  if(!method) {
    return undefined;
  }
  return {'@context': didDocument['@context'], ...method, id: url};
}

export function createLoader({documents = {}, contextsDir = CONTEXTS_DIR} = {}) {
  const contexts = loadContextIndex(contextsDir);
  const requested = [];
  async function documentLoader(url) {
    requested.push(url);
    const make = document => ({contextUrl: null, documentUrl: url, document});
    if(contexts.has(url)) {
      return make(contexts.get(url)());
    }
    if(Object.hasOwn(documents, url)) {
      return make(structuredClone(documents[url]));
    }
    if(url.startsWith('did:key:')) {
      return make(await didKeyDriver.get({url}));
    }
    if(url.includes('#')) {
      const method = dereferenceFragment(url, documents);
      if(method) {
        return make(method);
      }
    }
    throw new Error(`offline document loader: refusing to load "${url}"`);
  }
  documentLoader.requested = requested;
  return documentLoader;
}

export function readDocumentsMap(path) {
  if(!path) {
    return {};
  }
  const map = JSON.parse(readFileSync(path, 'utf8'));
  if(!map || typeof map !== 'object' || Array.isArray(map)) {
    throw new TypeError(`documents map ${path} must be a JSON object`);
  }
  return map;
}
