// A credential document as educhain's verifier reads it (docs/credentials.md): its id, its
// format, where it states each claim the chain attests, and which members nothing checks.
// The same rules as verifier/src/document.rs; test/agree.test.mjs holds the two to one answer.
import canonicalize from 'canonicalize';
import {sha256} from '@noble/hashes/sha2.js';
import {hex} from './scale.js';

export const DID_PREFIX = 'did:educhain:';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const EDUCHAIN_V1 = 'https://w3id.org/educhain/v1';
const OB_CONTEXTS = [VC_V2, OB_V3, EDUCHAIN_V1];
const OB_TYPES = ['VerifiableCredential', 'OpenBadgeCredential'];
const LEGACY_TYPES = ['VerifiableCredential', 'EducationalCredential'];

/** JSON equality, by canonical form. */
export const same = (a, b) => canonicalize(a ?? null) === canonicalize(b ?? null);

/** The credential id: SHA-256 of the JCS form without `proof` and `credentialStatus`. */
export function credentialId(document) {
  const {proof, credentialStatus, ...bare} = document;
  return hex(sha256(new TextEncoder().encode(canonicalize(bare))));
}

/** The member at a dotted path, or null. */
export const at = (document, path) => path.split('.').reduce((v, name) => v?.[name], document) ?? null;

/** The account a DID names (a string, or an object with that id), if it is educhain's. */
export function didAccount(value) {
  const did = typeof value === 'string' ? value : value?.id;
  return typeof did === 'string' && did.startsWith(DID_PREFIX) ? did.slice(DID_PREFIX.length) : null;
}

const OB_CHECKED = [
  '@context', 'type', 'issuer', 'issuer.id', 'issuer.type', 'validFrom', 'credentialSubject',
  'credentialSubject.id', 'credentialSubject.type', 'credentialSubject.enrolment',
  'credentialSubject.achievement', 'credentialSubject.achievement.id',
  'credentialSubject.achievement.type', 'credentialSubject.achievement.achievementType',
  'credentialSubject.achievement.criteria', 'credentialSubject.achievement.criteria.id',
  'credentialStatus', 'credentialStatus.type', 'credentialStatus.credentialId',
  'credentialStatus.genesisHash',
];
const LEGACY_CHECKED = [
  '@context', 'type', 'issuer', 'validFrom', 'credentialSubject', 'credentialSubject.id',
  'credentialSubject.credential', 'credentialSubject.program', 'credentialSubject.program.id',
  'credentialSubject.program.document', 'credentialSubject.enrolment', 'credentialSubject.course',
  'credentialSubject.course.id', 'credentialSubject.course.document',
];

/** The format of a document: 'OpenBadge', 'Legacy', or null. */
export function formatOf(document) {
  if(same(document['@context'], OB_CONTEXTS) && same(document.type, OB_TYPES)) {
    const typed = (value, name) => same(value?.type, [name]);
    const subject = document.credentialSubject;
    const shaped = typed(document.issuer, 'Profile') && typed(subject, 'AchievementSubject') &&
      typed(subject?.achievement, 'Achievement');
    return shaped ? 'OpenBadge' : null;
  }
  const legacy = same(document['@context'], [VC_V2]) && same(document.type, LEGACY_TYPES) &&
    typeof document.credentialSubject === 'object' && document.credentialSubject !== null;
  return legacy ? 'Legacy' : null;
}

/** Where a format states the attested claims; `attested` is 'program' or 'course'. */
export function paths(format, attested) {
  if(format === 'OpenBadge') {
    return {
      issuer: 'issuer.id', kind: 'credentialSubject.achievement.achievementType',
      achievement: 'credentialSubject.achievement.id',
      document: 'credentialSubject.achievement.criteria.id', checked: OB_CHECKED,
    };
  }
  return {
    issuer: 'issuer', kind: 'credentialSubject.credential',
    achievement: `credentialSubject.${attested}.id`,
    document: `credentialSubject.${attested}.document`, checked: LEGACY_CHECKED,
  };
}

/** The value a format states for achievement `id`. */
export const achievement = (format, attested, id) =>
  format === 'OpenBadge' ? `urn:educhain:${attested}:${id}` : id;
/** The value a format states for document digest `digest` (0x…). */
export const documentRef = (format, digest) =>
  format === 'OpenBadge' ? `urn:educhain:document:${digest}` : digest;

/** Every member nothing checks, as `path = value`, in key order; proofs are not listed. */
export function unattested(document, checked) {
  const out = [];
  const walk = (value, path) => {
    if(typeof value !== 'object' || value === null || Array.isArray(value)) {
      return;
    }
    for(const name of Object.keys(value).sort()) {
      const here = path ? `${path}.${name}` : name;
      if(here === 'proof') {
        continue;
      }
      const v = value[name];
      if(checked.includes(here) && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        walk(v, here);
      } else if(!checked.includes(here)) {
        out.push(`${here} = ${canonicalize(v)}`);
      }
    }
  };
  walk(document, '');
  return out;
}

/** Days since 1970-01-01 as `YYYY-MM-DD`. */
export const date = days => new Date(days * 86_400_000).toISOString().slice(0, 10);

/** The day (since 1970-01-01) of an RFC 3339 date-time's date part, if it exists. */
export function day(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text ?? '');
  if(!match) {
    return null;
  }
  const days = Date.UTC(+match[1], +match[2] - 1, +match[3]) / 86_400_000;
  return Number.isInteger(days) && days >= 0 && date(days) === text.slice(0, 10) ? days : null;
}
