// A presentation's own checks: the holder's consent (a proof by the holder's own key, for this
// page's challenge and domain, unexpired, never shown before), who holds each credential and
// grade record, and each grade record against its digest on chain. Check for check and word for
// word as educhain-verify (verifier/src/presentation.rs).
import {blake2b} from '@noble/hashes/blake2.js';
import {dateTime, seconds} from './challenges.js';
import {DID_PREFIX} from './document.js';
import {accountBytes, hex, normalAddress, unhex} from './scale.js';

const GRADE_TAG = new TextEncoder().encode('educhain/grade/v1');

/** Whether `document` is a presentation (its `type` lists VerifiablePresentation). */
export const isPresentation = document =>
  Array.isArray(document?.type) && document.type.includes('VerifiablePresentation');

/** The presentation's credentials and grade records (as `{class, learner, salt, record}`). */
export function members(vp) {
  const listed = value => (value === undefined || value === null ? [] : [value].flat());
  const grades = listed(vp.gradeRecords);
  for(const g of grades) {
    if(typeof g !== 'object' || g === null || !Number.isSafeInteger(g.class) || g.class < 0 ||
      typeof g.learner !== 'string' || typeof g.salt !== 'string' || typeof g.record !== 'string') {
      throw new Error('gradeRecords: each is {class, learner, salt, record}');
    }
  }
  return {credentials: listed(vp.verifiableCredential), grades};
}

/** The account whose own key made `proof` (from proofs.js), or why it is none: {account} | {error}. */
function signer(proof) {
  if(!proof.publicKey) {
    return {error: proof.error};
  }
  const did = proof.method.split('#')[0];
  if(!did.startsWith(DID_PREFIX)) {
    return {error: `${did} is not an educhain DID`};
  }
  const account = normalAddress(did.slice(DID_PREFIX.length));
  if(account === null) {
    return {error: `${did.slice(DID_PREFIX.length)}: not an account address`};
  }
  const own = hex(accountBytes(account)) === hex(proof.publicKey);
  return own ? {account} : {error: `the key ${proof.method.split('#')[1]} is not ${did}'s own key`};
}

/** The failed check of a presentation whose challenge was answered at `at`. */
export function replay(challenge, at) {
  return {name: 'replay', passed: false, detail: `challenge ${challenge} was already answered at ${dateTime(at)}: this presentation is a replay`};
}

/**
 * The consent checks into `checks` (a list of {name, passed, detail}): each proof's signature,
 * the one challenge they answer (from `challenges`), the audience and the expiry at `now`.
 * Returns the accounts whose own keys signed, and the challenge if it may be recorded answered.
 */
export function consent(checks, proofs, challenges, now) {
  const add = (name, passed, detail) => checks.push({name, passed, detail});
  if(proofs.length === 0) {
    add('signature', false, 'no holder signed this presentation');
    return {signers: [], challenge: null};
  }
  const signers = [];
  for(const p of proofs) {
    const s = signer(p);
    add('signature', !s.error, s.error ? `${p.method}: ${s.error}` : `signed with ${s.account}'s own key`);
    if(!s.error) {
      signers.push(s.account);
    }
  }
  const {challenge} = proofs[0];
  if(proofs.some(p => p.challenge !== challenge)) {
    add('challenge', false, 'its proofs answer different challenges');
    return {signers, challenge: null};
  }
  const status = challenges.status(challenge);
  if(status.state === 'unknown') {
    add('challenge', false, `challenge ${JSON.stringify(challenge)} was not issued by this verifier`);
    return {signers, challenge: null};
  }
  if(status.state === 'answered') {
    checks.push(replay(challenge, status.at));
    return {signers, challenge: null};
  }
  if(now > status.until) {
    add('challenge', false, `challenge ${challenge} expired at ${dateTime(status.until)}`);
    return {signers, challenge: null};
  }
  add('challenge', true, `answers challenge ${challenge}, issued by this verifier and not answered before`);
  for(const p of proofs) {
    add('audience', p.domain === status.domain, p.domain === status.domain ? `made for ${status.domain}, this verifier` :
      `made for ${JSON.stringify(p.domain)}, not for this verifier (${status.domain})`);
    const until = seconds(p.expires);
    if(until === null) {
      add('expiry', false, `no expiry this verifier can read (${JSON.stringify(p.expires)})`);
    } else if(until < now) {
      add('expiry', false, `expired at ${p.expires}; it is now ${dateTime(now)}`);
    } else {
      add('expiry', true, `valid until ${p.expires}`);
    }
  }
  return {signers, challenge};
}

/** Whether `holder`, the account the chain says holds `what`, signed the presentation. */
export function holderCheck(checks, what, holder, signers) {
  const signed = signers.includes(holder);
  checks.push({name: 'holder', passed: signed,
    detail: `${what} is held by ${holder}, who ${signed ? 'signed' : 'did not sign'} this presentation`});
}

/** A grade record's salted digest (docs/digests.md), 0x hex, or an error. */
function digestOf(g) {
  const salt = g.salt.startsWith('0x') ? g.salt.slice(2) : g.salt;
  if(!/^[0-9a-fA-F]{64}$/.test(salt)) {
    return {error: `the salt ${g.salt} is not 32 bytes of hex`};
  }
  const saltBytes = unhex(salt);
  const record = new TextEncoder().encode(g.record);
  return {digest: hex(blake2b(Uint8Array.from([...GRADE_TAG, ...saltBytes, ...record]), {dkLen: 32}))};
}

/** The record's `grade`, a whole number, or an error. */
function valueOf(g) {
  let record;
  try {
    record = JSON.parse(g.record);
  } catch(e) {
    return {error: `the grade record is not JSON: ${e.message}`};
  }
  const v = record?.grade;
  return Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff ? {value: v} : {error: 'the grade record has no whole-number `grade`'};
}

/** A disclosed grade record against the learner's `transcript` and the class's `info` (scale.js shapes). */
export function gradeCheck(checks, g, learner, transcript, info) {
  const what = `grade record for class ${g.class} of ${learner}`;
  const fail = why => checks.push({name: 'grade', passed: false, detail: `${what}: ${why}`});
  const d = digestOf(g);
  const v = valueOf(g);
  if(d.error || v.error) {
    return fail(d.error ?? v.error);
  }
  const entries = transcript.flatMap(e => e.classes).find(c => c.class === g.class)?.grades ?? [];
  if(entries.length === 0 || !info) {
    return fail('the chain holds no grade for this learner in this class');
  }
  const latest = entries[entries.length - 1];
  if(latest.digest !== d.digest) {
    return fail(entries.some(e => e.digest === d.digest) ? 'a later correction replaced this record on chain' :
      'its digest matches no grade the chain holds for this learner in this class');
  }
  const passed = v.value >= info.passMark;
  if(passed !== latest.passed || v.value > info.scaleMax) {
    return fail(`the record's grade ${v.value} against the pass mark ${info.passMark} of ${info.scaleMax} does not give the chain's outcome`);
  }
  checks.push({name: 'grade', passed: true, detail: `${what}: its digest is the latest on chain (block ${latest.block}); ` +
    `${v.value} of ${info.scaleMax}, pass mark ${info.passMark}: ${passed ? 'passed' : 'failed'}, as on chain`});
}
