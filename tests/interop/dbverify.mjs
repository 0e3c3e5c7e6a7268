#!/usr/bin/env node
// Verify credentials with the Digital Bazaar stack, offline.
//
//   node dbverify.mjs FILE... [--documents MAP.json] [--now ISO] [--proof-only]
//   node dbverify.mjs --jobs JOBS.json
//       (an array of {"file", "documents"?, "now"?, "proof-only"?,
//        "challenge"?, "domain"?} objects)
// A file holding a VerifiablePresentation is verified as one (format "vp"),
// with the job's challenge and domain.
//
// Prints one JSON line per file: {"file", "format", "verified", "error"}.
// Exit status 0 when every file verified, 1 otherwise, 2 on misuse.
// Many files per run keep the suite fast (one Node start-up).
// --proof-only checks the proof and the key's assertionMethod authorisation
// (jsonld-signatures) without the credential rules of the vc library.
import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {createLoader, readDocumentsMap} from './lib/loader.mjs';
import {
  verifyDataIntegrity, verifyJwt, verifyVerifiablePresentation
} from './lib/verify.mjs';

async function verifyFile({file, documents, now, proofOnly, challenge, domain}) {
  // a fresh loader per file: one credential's documents never leak into
  // the next one's verification through a cache
  const documentLoader = createLoader({documents});
  const text = readFileSync(file, 'utf8').trim();
  if(text.startsWith('ey')) {
    return {format: 'jwt', ...await verifyJwt(text, {documentLoader, now})};
  }
  let credential;
  try {
    credential = JSON.parse(text);
  } catch(error) {
    return {format: 'json', verified: false, error: `not JSON: ${error.message}`};
  }
  if([].concat(credential?.type).includes('VerifiablePresentation')) {
    return {format: 'vp', ...await verifyVerifiablePresentation(
      credential, {documentLoader, now, challenge, domain})};
  }
  const format = credential?.proof?.cryptosuite ?? 'unsecured';
  return {format, ...await verifyDataIntegrity(
    credential, {documentLoader, now, proofOnly})};
}

function toJob({
  file, documents, now, 'proof-only': proofOnly = false, challenge, domain
}) {
  if(typeof file !== 'string') {
    throw new TypeError('every job needs a "file"');
  }
  if(now !== undefined && Number.isNaN(Date.parse(now))) {
    throw new TypeError(`--now "${now}" is not a date`);
  }
  return {
    file,
    documents: readDocumentsMap(documents),
    now: now === undefined ? undefined : new Date(now),
    proofOnly,
    challenge,
    domain
  };
}

function readJobs() {
  const {values, positionals} = parseArgs({
    allowPositionals: true,
    options: {
      documents: {type: 'string'},
      now: {type: 'string'},
      'proof-only': {type: 'boolean'},
      jobs: {type: 'string'}
    }
  });
  const {jobs, ...shared} = values;
  if(jobs !== undefined) {
    if(positionals.length || Object.keys(shared).length) {
      throw new Error('--jobs takes no other argument');
    }
    const list = JSON.parse(readFileSync(jobs, 'utf8'));
    if(!Array.isArray(list)) {
      throw new TypeError('--jobs file must hold a JSON array');
    }
    return list.map(toJob);
  }
  if(positionals.length === 0) {
    throw new Error('usage: dbverify.mjs FILE... [--documents MAP] [--now ISO]');
  }
  return positionals.map(file => toJob({...shared, file}));
}

async function main() {
  let jobs;
  try {
    jobs = readJobs();
  } catch(error) {
    console.error(`dbverify: ${error.message}`);
    return 2;
  }
  let allVerified = true;
  for(const job of jobs) {
    const result = await verifyFile(job);
    allVerified &&= result.verified;
    console.log(JSON.stringify({file: job.file, ...result}));
  }
  return allVerified ? 0 : 1;
}

process.exitCode = await main();
