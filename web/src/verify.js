// Verify a document, and list what a holder holds, through a chain reader (chain.js): every read
// at one finalized block, which the report names.
import {credentialId} from './document.js';
import {judge} from './judge.js';
import {checkProofs} from './proofs.js';
import {checkReceipt} from './receipt.js';
import {encode, held as decodeHeld, keys as decodeKeys, record, registryStatus} from './scale.js';

/** The issuer's registry status and keys at block `at`, or null if it never applied. */
async function didOf(chain, issuer, at) {
  const args = encode.account(issuer);
  const status = registryStatus(await chain.call('RegistryApi_institution', args, at));
  if(!status) {
    return null;
  }
  const keys = decodeKeys(await chain.call('RegistryApi_assertion_keys', args, at));
  return {status, keys};
}

/** The report on `document`, with `basis`: the block read and whose word it is. */
export async function verifyDocument(chain, document) {
  const id = credentialId(document);
  const basis = {...await chain.finalized(), trust: chain.trust};
  const onchain = record(id, await chain.call('CredentialsApi_verify', encode.hash(id), basis.hash));
  const genesis = await chain.genesis();
  const proofs = await checkProofs(document);
  const did = onchain.found ? await didOf(chain, onchain.issuer, basis.hash) : null;
  const report = judge(document, id, onchain, {genesis, proofs, did});
  return {...report, basis, issuerStatus: did?.status ?? null};
}

/** Every credential `holder` (an SS58 address) holds: {basis, credentials}. */
export async function heldBy(chain, holder) {
  const basis = {...await chain.finalized(), trust: chain.trust};
  const credentials = [];
  let after;
  for(;;) {
    const page = decodeHeld(await chain.call('CredentialsApi_held', encode.held(holder, after, 100), basis.hash));
    credentials.push(...page);
    if(page.length < 100) {
      return {basis, credentials};
    }
    after = page[page.length - 1].id;
  }
}

/**
 * The report on `document` from `receipt` (parsed JSON), with no network: `genesis` is the
 * chain spec's genesis hash and `pin` the authority set to prove finality from (the spec's, or a
 * `checkpoint` the reader trusts). A proof that fails throws: "could not verify", never a verdict.
 */
export async function verifyWithReceipt(document, receipt, genesis, pin, checkpoint) {
  const id = credentialId(document);
  const {onchain, did, basis} = await checkReceipt(receipt, id, genesis, pin, checkpoint);
  const proofs = await checkProofs(document);
  const report = judge(document, id, onchain, {genesis, proofs, did});
  return {...report, basis, issuerStatus: did?.status ?? null};
}
