// The document's Data Integrity proofs (eddsa-rdfc-2022, eddsa-jcs-2022), each checked on its
// own with Digital Bazaar's libraries, the ones tests/interop holds educhain's proofs to. The
// key comes from the proof's own verification method (did:educhain:<address>#<multibase key>);
// whether the chain lists that key for the issuer at the block of issue is judge.js's check, and
// whether a presentation's key is its holder account's own is presentation.js's.
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as rdfc} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {decode as base58Decode} from 'base58-universal';
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
      verificationMethod: own.map(method), assertionMethod: own, authentication: own};
  return {contextUrl: null, documentUrl: url, document};
};

/** Each proof of `document`: {suite, method, ok, error}. */
export async function checkProofs(document) {
  const proofs = document.proof === undefined ? [] : [document.proof].flat();
  const checked = [];
  for(const proof of proofs) {
    const suite = suites();
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
    checked.push({
      suite: proof?.cryptosuite ?? proof?.type ?? 'unknown', method: proof?.verificationMethod ?? '',
      ok: result.verified === true, error: why(result, 'the signature does not match'),
    });
  }
  return checked;
}

const suites = () => [
  new DataIntegrityProof({cryptosuite: rdfc}),
  new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()}),
];

/** Why a failed verification failed, in the libraries' words, or `otherwise`. */
function why(result, otherwise) {
  const errors = [result.error, ...(result.results ?? []).map(r => r.error)].filter(Boolean);
  return errors.map(e => e.message ?? String(e)).join('; ') || otherwise;
}

/**
 * Each holder proof of presentation `vp`, on its own: {method, publicKey (32 bytes) | null,
 * error, challenge, domain, expires}. A proof must be a DataIntegrityProof for authentication;
 * its challenge, domain and expiry are only read here, and judged by presentation.js.
 */
export async function checkHolderProofs(vp) {
  const {proof: stated, ...bare} = vp;
  const proofs = stated === undefined ? [] : [stated].flat();
  const checked = [];
  for(const proof of proofs) {
    const text = name => (typeof proof?.[name] === 'string' ? proof[name] : '');
    const one = {method: text('verificationMethod'), challenge: text('challenge'), domain: text('domain'), expires: text('expires')};
    if(proof?.type !== 'DataIntegrityProof' || proof?.proofPurpose !== 'authentication') {
      checked.push({...one, publicKey: null, error: 'not a DataIntegrityProof for authentication'});
      continue;
    }
    // The purpose is given the proof's own challenge and domain: the signature is what is
    // checked here, and the challenge and domain are each a check of their own.
    const purpose = new jsigs.purposes.AuthenticationProofPurpose({challenge: one.challenge, domain: one.domain});
    let result;
    try {
      result = await jsigs.verify({...bare, proof}, {suite: suites(), purpose, documentLoader: loaderFor([one.method])});
    } catch(e) {
      result = {verified: false, error: e};
    }
    const publicKey = result.verified === true ? multikeyBytes(one.method.split('#')[1] ?? '') : null;
    checked.push({...one, publicKey, error: publicKey ? null : why(result, 'the signature does not match the document')});
  }
  return checked;
}

/** The Ed25519 key of a multikey ('z', base58btc of 0xed01 ‖ key), or null. */
function multikeyBytes(multibase) {
  try {
    const bytes = multibase.startsWith('z') ? base58Decode(multibase.slice(1)) : null;
    return bytes?.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01 ? bytes.slice(2) : null;
  } catch(e) {
    return null;
  }
}
