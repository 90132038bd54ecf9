// The checks: a document against the chain's record of it, check by check, in the words of
// educhain-verify (verifier/src/judge.rs and proofs.rs). `record` is shaped as
// credentials_verify answers; `evidence` is {genesis, proofs, did}.
import canonicalize from 'canonicalize';
import {
  achievement, at, date, day, didAccount, documentRef, formatOf, paths, same, unattested, DID_PREFIX,
} from './document.js';

// As serde_json prints a value: compact, members in key order.
const show = value => canonicalize(value ?? null);

class Checks {
  constructor() { this.list = []; }
  add(name, passed, detail) { this.list.push({name, passed, detail}); }
  same(name, field, stated, chain) {
    if(same(stated, chain)) {
      this.add(name, true, `${field} is ${show(chain)}, as on chain`);
    } else if(stated === null || stated === undefined) {
      this.add(name, false, `the document does not state ${field}; the chain says ${show(chain)}`);
    } else {
      this.add(name, false, `${field}: the document says ${show(stated)}, the chain says ${show(chain)}`);
    }
  }
}

/** The report: {id, checks, unattested, signed, valid}. */
export function judge(document, id, onchain, evidence) {
  const checks = new Checks();
  const format = formatOf(document);
  const micro = onchain.found && onchain.kind === 'MicroCredential';
  const attested = micro ? 'course' : 'program';
  const report = {id, unattested: unattested(document, paths(format ?? 'Legacy', attested).checked), signed: false};
  const done = () => ({...report, checks: checks.list, valid: checks.list.every(c => c.passed)});
  if(!onchain.found) {
    checks.add('integrity', false, 'no credential with this digest is on chain: the document is unknown or was altered');
    proofChecks(checks, null, evidence);
    return done();
  }
  checks.add('integrity', true, "the document's digest is on chain");
  if(!format) {
    checks.add('format', false, 'neither an Open Badges 3.0 credential nor the unsigned educhain form (docs/credentials.md)');
    return done();
  }
  checks.add('format', true, format === 'OpenBadge' ? 'an Open Badges 3.0 credential (W3C VC 2.0)' :
    'an educhain credential in the unsigned form of before spec_version 168 (W3C VC 2.0)');
  parties(checks, document, paths(format, attested).issuer, onchain);
  claims(checks, document, format, onchain);
  validFrom(checks, document, onchain);
  if(onchain.status.state === 'valid') {
    checks.add('status', true, 'valid (not revoked)');
  } else {
    checks.add('status', false, `revoked at block ${onchain.status.block} with reason code ${onchain.status.reason}`);
  }
  pointer(checks, document, id, evidence);
  report.signed = proofChecks(checks, onchain, evidence);
  linkage(checks, onchain);
  return done();
}

function pointer(checks, document, id, evidence) {
  const stated = document.credentialStatus;
  if(stated === undefined || stated === null) {
    return;
  }
  const expected = {type: 'EduchainCredentialStatus', credentialId: id, genesisHash: evidence.genesis};
  const ok = same(stated, expected);
  checks.add('credentialStatus', ok, ok ?
    `credentialStatus names this credential on this chain (genesis ${evidence.genesis})` :
    `credentialStatus: the document says ${show(stated)}, this chain's is ${show(expected)}`);
}

function parties(checks, document, issuerPath, record) {
  const issuer = didAccount(at(document, issuerPath)) ?? '';
  if(issuer !== record.issuer) {
    checks.add('issuer', false, `issuer: the document says ${show(issuer)}, the chain says ${show(record.issuer)}`);
  } else if(!record.issuerActiveAtIssue) {
    checks.add('issuer', false, `${issuer} was not an active member when it issued`);
  } else {
    const now = record.issuerActiveNow ? 'and still is' : 'but no longer is';
    checks.add('issuer', true, `issued by ${issuer}, an active member at block ${record.issuedAt}, ${now}`);
  }
  const holder = didAccount(document.credentialSubject?.id) ?? '';
  checks.add('holder', holder === record.holder, holder === record.holder ? `issued to ${holder}` :
    `holder: the document says ${show(holder)}, the chain says ${show(record.holder)}`);
}

function claims(checks, document, format, record) {
  const micro = record.kind === 'MicroCredential';
  const [attested, absent] = micro ? ['course', 'program'] : ['program', 'course'];
  const p = paths(format, attested);
  const claim = (name, path, chain) => checks.same(name, path, at(document, path), chain);
  claim('kind', p.kind, record.kind);
  const ref = micro ? record.course : record.program;
  if(!ref) {
    checks.add(attested, false, `the chain's record of a ${record.kind} names no ${attested}`);
    return;
  }
  claim(attested, p.achievement, achievement(format, attested, ref.id));
  claim(attested, p.document, documentRef(format, ref.document));
  const subject = document.credentialSubject ?? {};
  if(format === 'Legacy' && subject[absent] !== undefined && subject[absent] !== null) {
    checks.add(absent, false, `credentialSubject.${absent}: the document states one, the chain attests none`);
  }
  const stated = subject.enrolment !== undefined && subject.enrolment !== null;
  if(micro && stated) {
    checks.add('enrolment', false, 'credentialSubject.enrolment: the document states one, the chain attests none');
  } else if(!micro && record.enrolment === null) {
    checks.add('enrolment', false, `the chain's record of a ${record.kind} names no enrolment`);
  } else if(!micro) {
    claim('enrolment', 'credentialSubject.enrolment', record.enrolment);
  }
}

function validFrom(checks, document, record) {
  const stated = document.validFrom;
  if(stated === undefined || stated === null) {
    return;
  }
  if(record.issuedOn === null) {
    checks.add('dates', false, 'validFrom: the chain kept no day of issue for this credential to attest it');
    return;
  }
  const d = typeof stated === 'string' ? day(stated) : null;
  const ok = d !== null && (d === record.issuedOn || d + 1 === record.issuedOn);
  checks.add('dates', ok, ok ? `validFrom ${show(stated)}: issued on ${date(record.issuedOn)} (block ${record.issuedAt})` :
    `validFrom: the document says ${show(stated)}, the chain issued it on ${date(record.issuedOn)}`);
}

function linkage(checks, record) {
  if(record.kind === 'MicroCredential') {
    checks.add('linkage', record.facts === null, record.facts === null ?
      'a micro-credential: the course is its record' : 'a micro-credential with transcript facts');
    return;
  }
  const f = record.facts;
  if(!f) {
    checks.add('linkage', false, `the chain's record of a ${record.kind} holds no transcript facts`);
    return;
  }
  const days = Math.max(0, f.until - f.start);
  const met = f.credits >= f.creditsRequired && days >= f.minDays && days <= f.maxDays;
  const start = f.imported ?
    `from ${date(f.start)} (imported history: the institution stated this start on ${date(f.recorded)}; the chain vouches only from then)` :
    `from ${date(f.start)} (on chain since ${date(f.recorded)})`;
  const vouched = f.imported || f.start >= f.recorded;
  checks.add('linkage', met && vouched,
    `transcript of enrolment ${record.enrolment ?? '?'}: ${f.credits} of ${f.creditsRequired} credits from ${f.classes} classes, ` +
    `${days} days ${start} (program: ${f.minDays} to ${f.maxDays} days)`);
}

/** One check per proof; whether the document is signed (it has proofs and every one passed). */
function proofChecks(checks, record, evidence) {
  if(evidence.proofs.length === 0) {
    if(record) {
      checks.add('proof', true, "none: what is reported as attested rests on the chain's record alone");
    }
    return false;
  }
  let all = true;
  evidence.proofs.forEach((proof, i) => {
    let verdict;
    if(!proof.ok) {
      verdict = {ok: false, detail: proof.error};
    } else if(!record) {
      verdict = {ok: true, detail: 'the signature matches, but the chain has no such credential'};
    } else {
      verdict = oneProof(proof, record, evidence.did);
    }
    all &&= verdict.ok;
    checks.add('proof', verdict.ok, `proof ${i + 1} (${proof.suite}): ${verdict.detail}`);
  });
  return all && record !== null;
}

function oneProof(proof, record, did) {
  const issuer = DID_PREFIX + record.issuer;
  const signer = proof.method.split('#')[0];
  if(signer !== issuer) {
    return {ok: false, detail: `made with a key of ${signer}, not of the issuer ${issuer}`};
  }
  const key = did?.keys.find(k => `${issuer}#${k.multibase}` === proof.method);
  if(!key) {
    return {ok: false, detail: `the chain lists no key ${proof.method} for ${issuer}`};
  }
  const issued = record.issuedAt;
  const until = key.ended ? ` until block ${key.ended.block}` : ' on';
  const valid = key.added <= issued && (!key.ended || issued < key.ended.block);
  return valid ?
    {ok: true, detail: `signed with ${issuer}'s key ${key.multibase}, its from block ${key.added}${until}, which covers block ${issued}, when the credential was issued`} :
    {ok: false, detail: `key ${key.multibase} was not ${issuer}'s at block ${issued}, when the credential was issued (the chain: from block ${key.added}${until})`};
}
