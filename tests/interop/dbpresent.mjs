#!/usr/bin/env node
// Make a Verifiable Presentation with the Digital Bazaar stack, as a holder.
//
//   node dbpresent.mjs --jobs JOBS.json
//       (an array of {"in": [CREDENTIAL.json, ...], "out", "key"?,
//        "generate-key"?, "challenge", "domain"?} objects)
//
// The holder is the did:key of the key file; the presentation's proof is
// eddsa-rdfc-2022 with proofPurpose authentication, the challenge and domain
// given. Prints one JSON line per job: {"holder", "presentation"}.
import {readFileSync, writeFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import * as vc from '@digitalbazaar/vc';
import {createLoader} from './lib/loader.mjs';
import {
  didKeyFor, generateKeyFile, keyPairFromFile, readKeyFile
} from './lib/keyfile.mjs';
import {signingSuite} from './lib/suites.mjs';

async function present({in: files, out, key, 'generate-key': newKey,
  challenge, domain}) {
  const keyFile = key ? readKeyFile(key) : await generateKeyFile(newKey);
  const {did, verificationMethod} = didKeyFor(keyFile.publicKeyMultibase);
  const keyPair = await keyPairFromFile(
    keyFile, {id: verificationMethod, controller: did});
  const verifiableCredential = files.map(
    file => JSON.parse(readFileSync(file, 'utf8')));
  const presentation = vc.createPresentation({verifiableCredential, holder: did});
  const signed = await vc.signPresentation({
    presentation, challenge, domain, documentLoader: createLoader(),
    suite: signingSuite({keyPair, cryptosuite: 'eddsa-rdfc-2022'})
  });
  writeFileSync(out, JSON.stringify(signed, null, 2) + '\n');
  return {holder: did, presentation: out};
}

async function main() {
  const {values} = parseArgs({options: {jobs: {type: 'string'}}});
  let jobs;
  try {
    jobs = JSON.parse(readFileSync(values.jobs, 'utf8'));
    if(!Array.isArray(jobs) || !jobs.every(j => Array.isArray(j.in) && j.out)) {
      throw new Error('--jobs must hold an array of {"in": [...], "out"} objects');
    }
  } catch(error) {
    console.error(`dbpresent: ${error.message}`);
    return 2;
  }
  for(const job of jobs) {
    console.log(JSON.stringify(await present(job)));
  }
  return 0;
}

process.exitCode = await main();
