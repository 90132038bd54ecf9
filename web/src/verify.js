// Verify a document, and list what a holder holds, through a chain reader (chain.js): every read
// at one finalized block, which the report names.
import {credentialId} from './document.js';
import {judge} from './judge.js';
import {checkHolderProofs, checkProofs} from './proofs.js';
import {consent, gradeCheck, holderCheck, members, replay} from './presentation.js';
import {checkReceipt} from './receipt.js';
import {
  classInfo, encode, held as decodeHeld, keys as decodeKeys, normalAddress, record, registryStatus, transcript,
} from './scale.js';

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

/** The block every read of one report is made at, and whose word it is. */
const basisOf = async chain => ({...await chain.finalized(), trust: chain.trust});

/** The report on `document`, with `basis`: the block read (by default the latest finalized) and whose word it is. */
export async function verifyDocument(chain, document, at = null) {
  const id = credentialId(document);
  const basis = at ?? await basisOf(chain);
  const onchain = record(id, await chain.call('CredentialsApi_verify', encode.hash(id), basis.hash));
  const genesis = await chain.genesis();
  const proofs = await checkProofs(document);
  const did = onchain.found ? await didOf(chain, onchain.issuer, basis.hash) : null;
  const report = judge(document, id, onchain, {genesis, proofs, did});
  return {...report, basis, issuerStatus: did?.status ?? null, holder: onchain.found ? onchain.holder : null};
}

/**
 * The report on presentation `vp` at `now` (seconds since 1970), as educhain-verify's:
 * {checks, credentials (their reports), basis, valid}. The challenges are this page's
 * (challenges.js); a valid presentation's challenge is recorded as answered.
 */
export async function verifyPresentation(chain, vp, challenges, now) {
  const {credentials, grades} = members(vp);
  const checks = [];
  const {signers, challenge} = consent(checks, await checkHolderProofs(vp), challenges, now);
  const basis = await basisOf(chain);
  const reports = [];
  for(const document of credentials) {
    const report = await verifyDocument(chain, document, basis);
    if(report.holder !== null) {
      holderCheck(checks, `credential ${report.id}`, report.holder, signers);
    }
    reports.push(report);
  }
  // Several records of one learner or one class read it once.
  const transcripts = new Map();
  const classes = new Map();
  for(const g of grades) {
    const learner = normalAddress(g.learner) ?? g.learner;
    holderCheck(checks, `the grade record for class ${g.class}`, learner, signers);
    if(!transcripts.has(learner)) {
      transcripts.set(learner, transcript(await chain.call('TranscriptsApi_transcript', encode.account(learner), basis.hash)));
    }
    if(!classes.has(g.class)) {
      classes.set(g.class, classInfo(await chain.call('TranscriptsApi_class', encode.classId(g.class), basis.hash)));
    }
    gradeCheck(checks, g, learner, transcripts.get(learner), classes.get(g.class));
  }
  let valid = checks.length > 0 && checks.every(c => c.passed) && reports.every(r => r.valid);
  const before = valid && challenge !== null ? await challenges.answered(challenge, now) : null;
  if(before !== null) {
    // Another tab took the challenge since it was read: the "challenge" check gives way to the replay.
    const at = checks.findIndex(c => c.name === 'challenge');
    checks.splice(at < 0 ? checks.length : at, at < 0 ? 0 : 1, replay(challenge, before));
    valid = false;
  }
  return {checks, credentials: reports, basis, valid};
}

/** Every credential `holder` (an SS58 address) holds: {basis, credentials}. */
export async function heldBy(chain, holder) {
  const basis = await basisOf(chain);
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
