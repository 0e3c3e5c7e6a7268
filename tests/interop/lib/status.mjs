// Bitstring Status List checks with a verdict.
//
// @digitalbazaar/vc-bitstring-status-list's checkStatus() answers
// "verified: true" when it could READ the status (list found, list signed by
// the same issuer, purposes match) and returns the bit separately: deciding
// what a set bit means is left to the caller. A verifier treats a set
// revocation or suspension bit as a failure, which is what this wrapper adds.
import {checkStatus as readStatus} from
  '@digitalbazaar/vc-bitstring-status-list';

const BLOCKING = new Set(['revocation', 'suspension']);

export async function checkStatus(options) {
  const result = await readStatus(options);
  if(!result.verified) {
    return result;
  }
  const set = result.results.filter(
    r => r.status && BLOCKING.has(r.credentialStatus.statusPurpose));
  if(set.length > 0) {
    const purposes = set.map(r => r.credentialStatus.statusPurpose).join(', ');
    return {
      ...result,
      verified: false,
      error: new Error(`status bit set: ${purposes}`)
    };
  }
  return result;
}
