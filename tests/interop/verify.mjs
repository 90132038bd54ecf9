// An independent check of an educhain credential's Data Integrity proofs, with Digital Bazaar's
// libraries: node verify.mjs CREDENTIAL.json DID.json... Exits 0 when every proof verifies.
//
// Contexts come from client/contexts (the same files the Rust code bundles) and DID documents
// from the files given: nothing is fetched. The chain's own checks (issue, status, key history)
// are the educhain verifier's; this checks the signatures and the VC data model.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as rdfc} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';

const here = dirname(fileURLToPath(import.meta.url));
const read = path => JSON.parse(readFileSync(path, 'utf8'));
const contexts = Object.fromEntries([
  ['https://www.w3.org/ns/credentials/v2', 'credentials-v2.jsonld'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'ob-v3p0-3.0.3.json'],
  ['https://w3id.org/educhain/v1', 'educhain-v1.jsonld'],
  ['https://www.w3.org/ns/did/v1', 'did-v1.jsonld'],
  ['https://w3id.org/security/multikey/v1', 'multikey-v1.jsonld'],
].map(([url, file]) => [url, read(join(here, '../../client/contexts', file))]));

const [credentialFile, ...didFiles] = process.argv.slice(2);
if(!credentialFile || didFiles.length === 0) {
  console.error('usage: node verify.mjs CREDENTIAL.json DID.json...');
  process.exit(2);
}
const dids = Object.fromEntries(didFiles.map(read).map(d => [d.id, d]));

async function documentLoader(url) {
  const [did, fragment] = url.split('#');
  let document = contexts[url];
  if(!document && dids[did]) {
    const method = dids[did].verificationMethod.find(m => m.id === url);
    document = fragment ? method && {'@context': 'https://w3id.org/security/multikey/v1', ...method} : dids[did];
  }
  if(!document) {
    throw new Error(`not bundled, not fetched: ${url}`);
  }
  return {contextUrl: null, documentUrl: url, document};
}

const suite = [
  new DataIntegrityProof({cryptosuite: rdfc}),
  new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()}),
];
const result = await vc.verifyCredential({
  credential: read(credentialFile),
  suite,
  documentLoader,
  // Revocation is on chain: the educhain verifier checks it, not this script.
  checkStatus: async () => ({verified: true}),
});
const proofs = result.results?.length ?? 0;
if(result.verified) {
  console.log(`VERIFIED: ${proofs} proof(s) of ${credentialFile}`);
} else {
  const errors = [result.error, ...(result.results ?? []).map(r => r.error)].filter(Boolean);
  console.log(`NOT VERIFIED: ${credentialFile}: ${errors.map(e => e.message ?? e).join('; ')}`);
}
process.exit(result.verified ? 0 : 1);
