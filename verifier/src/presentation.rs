//! Checking a presentation: the holder's consent (a proof by the holder's own key, for this
//! verifier's challenge and domain, unexpired, never shown before), and each credential and
//! grade record it carries, against the chain.

use crate::challenges::{Challenges, Status};
use crate::dates::{date_time, seconds};
use crate::judge::Checks;
use crate::{Check, Report};
use educhain_client::api::{transcripts::ClassInfo, transcripts::EnrolmentView, AccountId};
use educhain_client::attested::Basis;
use educhain_client::vc::presentation::{GradeDisclosure, HolderProof};

/// The verdict on a presentation.
#[derive(Clone, Debug)]
pub struct PresentationReport {
	/// The holder's consent, who holds what, and each grade record, in order.
	pub checks: Vec<Check>,
	/// Each credential's own report.
	pub credentials: Vec<Report>,
	/// The block the chain was read at, and whose word that is.
	pub basis: Option<Basis>,
}

impl PresentationReport {
	/// Valid when every check passed and every credential is valid.
	pub fn valid(&self) -> bool {
		!self.checks.is_empty() && self.checks.iter().all(|c| c.passed) && self.credentials.iter().all(Report::valid)
	}

	/// The presentation's own checks that failed (a credential's are in its report).
	pub fn failed(&self) -> Vec<&Check> {
		self.checks.iter().filter(|c| !c.passed).collect()
	}
}

impl std::fmt::Display for PresentationReport {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		crate::write_checks(f, "presentation", self.basis.as_ref(), &self.checks)?;
		for report in &self.credentials {
			for line in report.to_string().lines() {
				writeln!(f, "  {line}")?;
			}
		}
		write!(f, "{}", if self.valid() { "VALID" } else { "NOT VALID" })
	}
}

/// The consent checks: each proof's signature, the one challenge they answer, the audience and
/// the expiry. Returns the accounts whose own keys signed, and the challenge if it may be
/// recorded as answered.
pub(crate) fn consent(checks: &mut Checks, proofs: &[HolderProof], challenges: &Challenges, now: u64) -> (Vec<AccountId>, Option<String>) {
	if proofs.is_empty() {
		checks.add("signature", false, "no holder signed this presentation".into());
		return (Vec::new(), None);
	}
	let mut signers = Vec::new();
	for p in proofs {
		match &p.signer {
			Ok(account) => checks.add("signature", true, format!("signed with {account}'s own key")),
			Err(e) => checks.add("signature", false, format!("{}: {e}", p.method)),
		}
		signers.extend(p.signer.clone().ok());
	}
	let challenge = &proofs[0].challenge;
	if proofs.iter().any(|p| p.challenge != *challenge) {
		checks.add("challenge", false, "its proofs answer different challenges".into());
		return (signers, None);
	}
	let domain = match challenges.status(challenge) {
		Status::Unknown => {
			checks.add("challenge", false, format!("challenge {challenge:?} was not issued by this verifier"));
			return (signers, None);
		},
		Status::Answered(at) => {
			checks.0.push(replay(challenge, at));
			return (signers, None);
		},
		Status::Open { until, .. } if now > until => {
			checks.add("challenge", false, format!("challenge {challenge} expired at {}", date_time(until)));
			return (signers, None);
		},
		Status::Open { domain, .. } => domain,
	};
	checks.add("challenge", true, format!("answers challenge {challenge}, issued by this verifier and not answered before"));
	audience_and_expiry(checks, proofs, &domain, now);
	(signers, Some(challenge.clone()))
}

/// The failed check of a presentation whose challenge was answered at `at`.
pub(crate) fn replay(challenge: &str, at: u64) -> Check {
	let detail = format!("challenge {challenge} was already answered at {}: this presentation is a replay", date_time(at));
	Check { name: "replay", passed: false, detail }
}

fn audience_and_expiry(checks: &mut Checks, proofs: &[HolderProof], domain: &str, now: u64) {
	for p in proofs {
		if p.domain == domain {
			checks.add("audience", true, format!("made for {domain}, this verifier"));
		} else {
			checks.add("audience", false, format!("made for {:?}, not for this verifier ({domain})", p.domain));
		}
		match seconds(&p.expires) {
			None => checks.add("expiry", false, format!("no expiry this verifier can read ({:?})", p.expires)),
			Some(until) if until < now => {
				checks.add("expiry", false, format!("expired at {}; it is now {}", p.expires, date_time(now)));
			},
			Some(_) => checks.add("expiry", true, format!("valid until {}", p.expires)),
		}
	}
}

/// Whether `holder`, the account the chain says holds `what`, signed the presentation.
pub(crate) fn holder(checks: &mut Checks, what: &str, holder: &AccountId, signers: &[AccountId]) {
	if signers.contains(holder) {
		checks.add("holder", true, format!("{what} is held by {holder}, who signed this presentation"));
	} else {
		checks.add("holder", false, format!("{what} is held by {holder}, who did not sign this presentation"));
	}
}

/// A disclosed grade record against the learner's transcript and the class's pass mark.
pub(crate) fn grade(checks: &mut Checks, g: &GradeDisclosure, transcript: &[EnrolmentView], class: Option<&ClassInfo>) {
	let what = format!("grade record for class {} of {}", g.class, g.learner);
	let fail = |checks: &mut Checks, why: String| checks.add("grade", false, format!("{what}: {why}"));
	let (digest, value) = match (g.digest(), g.value()) {
		(Ok(d), Ok(v)) => (d, v),
		(Err(e), _) | (_, Err(e)) => return fail(checks, e),
	};
	let entries = transcript.iter().flat_map(|e| &e.classes).find(|c| c.class == g.class).map(|c| &c.grades);
	let (Some(entries), Some(class)) = (entries.filter(|e| !e.is_empty()), class) else {
		return fail(checks, "the chain holds no grade for this learner in this class".into());
	};
	let latest = &entries[entries.len() - 1];
	if latest.digest != digest {
		let why = match entries.iter().any(|e| e.digest == digest) {
			true => "a later correction replaced this record on chain",
			false => "its digest matches no grade the chain holds for this learner in this class",
		};
		return fail(checks, why.into());
	}
	let passed = value >= class.pass_mark;
	if passed != latest.passed || value > class.scale_max {
		let why = format!("the record's grade {value} against the pass mark {} of {} does not give the chain's outcome", class.pass_mark, class.scale_max);
		return fail(checks, why);
	}
	let outcome = if passed { "passed" } else { "failed" };
	let detail = format!("{what}: its digest is the latest on chain (block {}); {value} of {}, pass mark {}: {outcome}, as on chain", latest.block, class.scale_max, class.pass_mark);
	checks.add("grade", true, detail);
}
