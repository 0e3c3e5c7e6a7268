// The Data Integrity suites the independent side knows, for signing and for
// verification. jsonld-signatures picks the verifying suite whose
// cryptosuite name matches the proof, so one array covers both.
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {
  createSignCryptosuite as jcsSign,
  createVerifyCryptosuite as jcsVerify
} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';

export const CRYPTOSUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022'];

export function verifyingSuites() {
  return [
    new DataIntegrityProof({cryptosuite: eddsaRdfc2022}),
    new DataIntegrityProof({cryptosuite: jcsVerify()})
  ];
}

export function signingSuite({keyPair, cryptosuite, date}) {
  const suites = {
    'eddsa-rdfc-2022': () => eddsaRdfc2022,
    'eddsa-jcs-2022': () => jcsSign()
  };
  if(!suites[cryptosuite]) {
    throw new TypeError(`unknown cryptosuite "${cryptosuite}"`);
  }
  return new DataIntegrityProof({
    signer: keyPair.signer(), cryptosuite: suites[cryptosuite](), date
  });
}
