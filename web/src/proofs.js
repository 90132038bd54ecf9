// The document's Data Integrity proofs (eddsa-rdfc-2022, eddsa-jcs-2022), each checked on its
// own with Digital Bazaar's libraries, the ones tests/interop holds educhain's proofs to. The
// key comes from the proof's own verification method (did:educhain:<address>#<multibase key>);
// whether the chain lists that key for the issuer at the block of issue is judge.js's check.
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as rdfc} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import credentialsV2 from '../../client/contexts/credentials-v2.jsonld?raw';
import obV3 from '../../client/contexts/ob-v3p0-3.0.3.json?raw';
import educhainV1 from '../../client/contexts/educhain-v1.jsonld?raw';
import didV1 from '../../client/contexts/did-v1.jsonld?raw';
import multikeyV1 from '../../client/contexts/multikey-v1.jsonld?raw';

// The contexts educhain bundles (client/contexts): nothing is fetched.
const CONTEXTS = {
  'https://www.w3.org/ns/credentials/v2': credentialsV2,
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': obV3,
  'https://w3id.org/educhain/v1': educhainV1,
  'https://www.w3.org/ns/did/v1': didV1,
  'https://w3id.org/security/multikey/v1': multikeyV1,
};

/** A loader of the bundled contexts and of the DID documents that list `methods` as keys. */
const loaderFor = methods => async url => {
  if(CONTEXTS[url]) {
    return {contextUrl: null, documentUrl: url, document: JSON.parse(CONTEXTS[url])};
  }
  const [did, key] = url.split('#');
  if(!did.startsWith('did:educhain:')) {
    throw new Error(`not bundled, not fetched: ${url}`);
  }
  const method = id => ({id, type: 'Multikey', controller: did, publicKeyMultibase: id.split('#')[1]});
  const own = methods.filter(m => m.startsWith(`${did}#`));
  const document = key ?
    {'@context': 'https://w3id.org/security/multikey/v1', ...method(url)} :
    {'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did,
      verificationMethod: own.map(method), assertionMethod: own};
  return {contextUrl: null, documentUrl: url, document};
};

/** Each proof of `document`: {suite, method, ok, error}. */
export async function checkProofs(document) {
  const proofs = document.proof === undefined ? [] : [document.proof].flat();
  const checked = [];
  for(const proof of proofs) {
    const suite = [
      new DataIntegrityProof({cryptosuite: rdfc}),
      new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()}),
    ];
    const one = {...document, proof};
    let result;
    try {
      result = await vc.verifyCredential({
        credential: one, suite, documentLoader: loaderFor([proof?.verificationMethod].filter(Boolean)),
        // Status is on chain, and judge.js checks it; so are dates.
        checkStatus: async () => ({verified: true}),
      });
    } catch(e) {
      result = {verified: false, error: e};
    }
    const errors = [result.error, ...(result.results ?? []).map(r => r.error)].filter(Boolean);
    const error = errors.map(e => e.message ?? String(e)).join('; ') || 'the signature does not match';
    checked.push({
      suite: proof?.cryptosuite ?? proof?.type ?? 'unknown', method: proof?.verificationMethod ?? '',
      ok: result.verified === true, error,
    });
  }
  return checked;
}
