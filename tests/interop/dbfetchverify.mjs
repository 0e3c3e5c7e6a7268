#!/usr/bin/env node
// Verify credentials with the Digital Bazaar stack as an outside verifier would: no
// documents map, only HTTPS to the hosts given.
//
//   node dbfetchverify.mjs --host NAME=IP:PORT [--host …] --ca CA.pem FILE...
//
// Prints one JSON line per file: {"file", "verified", "error", "fetched": [url…]}.
// Exit status 0 when every file verified, 1 otherwise, 2 on misuse.
import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {createOnlineLoader} from './lib/online.mjs';
import {verifyDataIntegrity} from './lib/verify.mjs';

function options() {
  const {values, positionals} = parseArgs({
    allowPositionals: true,
    options: {host: {type: 'string', multiple: true}, ca: {type: 'string'}}
  });
  if(!values.host?.length || !values.ca || positionals.length === 0) {
    throw new Error('usage: dbfetchverify.mjs --host NAME=IP:PORT --ca CA.pem FILE...');
  }
  const hosts = Object.fromEntries(values.host.map(h => h.split('=')));
  return {hosts, ca: readFileSync(values.ca, 'utf8'), files: positionals};
}

async function main() {
  let parsed;
  try {
    parsed = options();
  } catch(error) {
    console.error(`dbfetchverify: ${error.message}`);
    return 2;
  }
  let allVerified = true;
  for(const file of parsed.files) {
    // a fresh loader per file: nothing one verification fetched helps the next
    const documentLoader = createOnlineLoader(parsed);
    const credential = JSON.parse(readFileSync(file, 'utf8'));
    const result = await verifyDataIntegrity(credential, {documentLoader});
    allVerified &&= result.verified;
    console.log(JSON.stringify({file, ...result, fetched: documentLoader.fetched}));
  }
  return allVerified ? 0 : 1;
}

process.exitCode = await main();
