#!/usr/bin/env node
// Print, as one JSON object {url: context}, the JSON-LD contexts that the
// Digital Bazaar packages ship and would use by default. The interop tests
// compare them with Microcred's pinned copies: both sides must canonicalize
// with the same context content, or their agreement would prove nothing.
import {contexts as credentials} from '@digitalbazaar/credentials-context';
import {contexts as security} from '@digitalbazaar/security-context';
import {contexts as statusList} from
  '@digitalbazaar/vc-bitstring-status-list-context';

const all = {};
for(const map of [credentials, security, statusList]) {
  for(const [url, context] of map) {
    all[url] = context;
  }
}
console.log(JSON.stringify(all));
