// The runtime's answers the page decodes: SCALE layouts of educhain's types, field by field as
// the pallets declare them (pallets/credentials/src/types.rs, pallets/registry/src/types.rs,
// pallets/transcripts/src/types.rs and api.rs), shaped into what credentials_verify,
// did_resolve, transcripts_transcript and transcripts_class give.
import {
  AccountId, Hex, Option, Struct, Tuple, Variant, Vector, _void, bool, u16, u32, u64,
} from '@polkadot-api/substrate-bindings';
import {encode as base58} from 'base58-universal';

const account = AccountId(42);
const hash = Hex(32);
const unit = (...names) => Variant(Object.fromEntries(names.map(name => [name, _void])));

const facts = Struct({
  credits: u32, creditsRequired: u32, classes: u32, start: u32, recorded: u32, imported: bool,
  until: u32, minDays: u32, maxDays: u32,
});
const credential = Struct({
  issuer: account,
  holder: account,
  kind: unit('Degree', 'Certificate', 'MicroCredential'),
  attests: Variant({
    Program: Struct({program: u32, document: hash, enrolment: u64}),
    Course: Struct({course: u64, document: hash}),
  }),
  issued: u32,
  issuedOn: Option(u32),
  issuerActiveAtIssue: bool,
  status: Variant({Valid: _void, Revoked: Struct({reason: u16, at: u32})}),
  facts: Option(facts),
});
const statusChange = Struct({revoked: bool, reason: u16, by: account, at: u32});
const verification = Struct({
  credential: Option(credential),
  issuerActiveNow: bool,
  history: Vector(statusChange),
});
const institution = Struct({
  kind: unit('University', 'College', 'School', 'Other'),
  profile: hash,
  status: unit('Applicant', 'Active', 'Suspended', 'Removed'),
  joined: Option(u32),
});
const assertionKey = Struct({public: Hex(32), added: u32, ended: Option(Tuple(u32, unit('Rotated', 'Revoked')))});

// TranscriptsApi v2 (spec_version 172): grades carry no value, only the outcome and the digest.
const classStatus = unit('Open', 'Closed');
const grade = Struct({passed: bool, digest: hash, by: account, at: u32});
const enrolmentTranscript = Struct({
  id: u64,
  enrolment: Struct({
    learner: account, institution: account, program: u32, start: u32,
    status: unit('Active', 'Graduated', 'Withdrawn', 'Transferred'), ended: Option(u32), credits: u32,
    recorded: Struct({block: u32, day: u32, imported: bool}),
  }),
  program: Option(Struct({document: hash, creditsRequired: u32, minDays: u32, maxDays: u32, status: unit('Open', 'Closed')})),
  elapsedDays: u32,
  classes: Vector(Struct({class: u64, course: hash, credits: u32, term: u32, status: classStatus, grades: Vector(grade)})),
});
const classView = Struct({
  institution: account, course: hash, credits: u32, lecturer: account, term: u32, passMark: u32,
  scaleMax: u32, status: classStatus, roster: Vector(Tuple(account, u64, bool)),
});

/** SCALE arguments as hex. */
export const encode = {
  hash: id => hash.enc(id),
  account: address => account.enc(address),
  held: (holder, after, limit) => Tuple(account, Option(hash), u32).enc([holder, after, limit]),
  classId: id => u64.enc(BigInt(id)),
};

/** An address in its generic (prefix 42) form, as the Rust tools print accounts; null if it is none. */
export function normalAddress(address) {
  try {
    return account.dec(account.enc(address));
  } catch(e) {
    return null;
  }
}

/** An account's 32 bytes. */
export const accountBytes = address => account.enc(address);

/**
 * `TranscriptsApi_transcript`'s answer as `transcripts_transcript` gives the parts a grade
 * check reads: each class's grades, oldest first, as `{passed, digest, by, block}`.
 */
export function transcript(bytes) {
  return Vector(enrolmentTranscript).dec(bytes).map(e => ({
    id: Number(e.id),
    classes: e.classes.map(c => ({
      class: Number(c.class), grades: c.grades.map(g => ({passed: g.passed, digest: g.digest, by: g.by, block: g.at})),
    })),
  }));
}

/** `TranscriptsApi_class`'s answer: the class's pass mark and scale, or null. */
export function classInfo(bytes) {
  const c = Option(classView).dec(bytes);
  return c ? {passMark: c.passMark, scaleMax: c.scaleMax} : null;
}

/** Bytes as 0x-prefixed hex. */
const hex = bytes => '0x' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
/** Hex, with or without 0x, as bytes. */
const unhex = text => Uint8Array.from((text.startsWith('0x') ? text.slice(2) : text).match(/../g) ?? [], b => parseInt(b, 16));

/** `CredentialsApi_verify`'s answer as `credentials_verify` gives it. */
export function record(id, bytes) {
  return shape(id, verification.dec(bytes));
}

/** `CredentialsApi_held`'s answer: a list of `credentials_verify` answers. */
export function held(bytes) {
  return Vector(Tuple(hash, verification)).dec(bytes).map(([id, v]) => shape(id, v));
}

function shape(id, v) {
  const c = v.credential;
  if(!c) {
    return {id, found: false};
  }
  const program = c.attests.type === 'Program' ?
    {id: c.attests.value.program, document: c.attests.value.document} : null;
  const course = c.attests.type === 'Course' ?
    {id: Number(c.attests.value.course), document: c.attests.value.document} : null;
  const status = c.status.type === 'Valid' ? {state: 'valid'} :
    {state: 'revoked', reason: c.status.value.reason, block: c.status.value.at};
  return {
    id, found: true, issuer: c.issuer, issuerActiveAtIssue: c.issuerActiveAtIssue,
    issuerActiveNow: v.issuerActiveNow, holder: c.holder, kind: c.kind.type, program,
    enrolment: c.attests.type === 'Program' ? Number(c.attests.value.enrolment) : null, course,
    issuedAt: c.issued, issuedOn: c.issuedOn ?? null, status,
    history: v.history.map(h => ({revoked: h.revoked, reason: h.reason, by: h.by, block: h.at})),
    facts: c.facts ?? null,
  };
}

/** Values read from storage (a receipt's proof): the same shapes as the runtime calls give. */
export const fromStorage = {
  /** The issuer of a stored credential. */
  issuer: value => credential.dec(value).issuer,
  /** The record and the issuer's DID evidence from the stored values (null when absent). */
  proven(id, stored, history, institutionValue, keysValue) {
    const c = stored && credential.dec(stored);
    const status = institutionValue && institution.dec(institutionValue).status.type;
    const v = {
      credential: c, issuerActiveNow: status === 'Active',
      history: history ? Vector(statusChange).dec(history) : [],
    };
    const listed = keysValue ? Vector(assertionKey).dec(keysValue).map(shapeKey) : [];
    return {onchain: shape(id, v), did: status ? {status, keys: listed} : null};
  },
};

/** The institution's registry status, or null when it never applied. */
export function registryStatus(bytes) {
  return Option(institution).dec(bytes)?.status.type ?? null;
}

/** An institution's assertion keys: `{public (hex), multibase, added, ended: {block, reason} | null}`. */
export function keys(bytes) {
  return Vector(assertionKey).dec(bytes).map(shapeKey);
}

/** A key as the verifier reads it, with its Ed25519 multikey form ('z' and base58btc of 0xed01 ‖ key). */
function shapeKey(k) {
  const key = unhex(k.public);
  const multibase = 'z' + base58(Uint8Array.of(0xed, 0x01, ...key));
  return {public: k.public, multibase, added: k.added, ended: k.ended ? {block: k.ended[0], reason: k.ended[1].type} : null};
}

export {hex, unhex};
