//! The checks: a document against the chain's record of it (`credentials_verify`).
//!
//! Every claim the chain can attest is compared with the record, and a mismatch names the field
//! with both values. The record's type is the RPC contract's own, so an answer with a missing
//! or malformed field never reaches here: the client refuses it.

use crate::dates;
use crate::document::{at, did_account, unattested, Format};
use crate::{proofs, Check, Evidence, Report};
use educhain_client::api::credentials::{CourseRef, CredentialRecord as Record, ProgramRef, StatusView, VerifyResponse};
use serde_json::Value;

/// Whose value a document's claim is compared with.
#[derive(Clone, Copy)]
pub(crate) enum Side {
	/// The chain's record.
	Chain,
	/// The record an issue is about to make: nothing is on chain yet.
	Issue,
}

impl Side {
	/// How a mismatch names this side's value.
	fn says(self) -> &'static str {
		match self {
			Side::Chain => "the chain says",
			Side::Issue => "the issue would record",
		}
	}

	/// How a mismatch of `validFrom` names this side's day of issue.
	fn issued(self) -> &'static str {
		match self {
			Side::Chain => "the chain issued it on",
			Side::Issue => "it would be issued on",
		}
	}
}

/// Collects the checks of one report, compared with one side's values.
pub(crate) struct Checks(pub(crate) Vec<Check>, pub(crate) Side);

impl Checks {
	pub(crate) fn add(&mut self, name: &'static str, passed: bool, detail: String) {
		self.0.push(Check { name, passed, detail });
	}

	/// `field` of the document against the side's value.
	fn same(&mut self, name: &'static str, field: &str, stated: &Value, chain: Value) {
		if *stated == chain {
			self.add(name, true, format!("{field} is {chain}, as on chain"));
		} else if stated.is_null() {
			self.add(name, false, format!("the document does not state {field}; {} {chain}", self.1.says()));
		} else {
			self.add(name, false, format!("{field}: the document says {stated}, {} {chain}", self.1.says()));
		}
	}
}

/// Check `document` against the node's answer `onchain` to `credentials_verify(id)`, and its
/// proofs and status pointer against `evidence`.
pub fn judge(document: &Value, id: &str, onchain: &VerifyResponse, evidence: &Evidence) -> Report {
	let mut checks = Checks(Vec::new(), Side::Chain);
	let format = Format::of(document);
	let micro = onchain.record.as_ref().is_some_and(|r| r.kind == "MicroCredential");
	let attested = if micro { "course" } else { "program" };
	let checked = format.unwrap_or(Format::Legacy).paths(attested).checked;
	let mut report = Report { id: id.into(), checks: Vec::new(), unattested: unattested(document, checked), signed: false, basis: None };
	let Some(record) = onchain.record.as_ref().filter(|_| onchain.found) else {
		let detail = "no credential with this digest is on chain: the document is unknown or was altered";
		checks.add("integrity", false, detail.into());
		proofs::check(&mut checks, None, evidence);
		report.checks = checks.0;
		return report;
	};
	checks.add("integrity", true, "the document's digest is on chain".into());
	let Some(format) = format else {
		checks.add("format", false, NO_FORMAT.into());
		report.checks = checks.0;
		return report;
	};
	let detail = match format {
		Format::OpenBadge => "an Open Badges 3.0 credential (W3C VC 2.0)",
		Format::Legacy => "an educhain credential in the unsigned form of before spec_version 168 (W3C VC 2.0)",
	};
	checks.add("format", true, detail.into());
	parties(&mut checks, document, format.paths(attested).issuer, record);
	claims(&mut checks, document, format, record);
	valid_from(&mut checks, document, record);
	status(&mut checks, &record.status);
	pointer(&mut checks, document, id, evidence);
	report.signed = proofs::check(&mut checks, Some(record), evidence);
	linkage(&mut checks, record);
	report.checks = checks.0;
	report
}

/// What the format check says of a document in no format it knows.
const NO_FORMAT: &str = "neither an Open Badges 3.0 credential nor the unsigned educhain form (docs/credentials.md)";

/// The checks `document` would fail once the chain holds `expected`, the record an issue is
/// about to make: its format, parties, claims and `validFrom`, as [`judge`] checks them. An
/// issuer runs this first, so that a document its record contradicts is never anchored.
pub fn preflight(document: &Value, expected: &Record) -> Vec<Check> {
	let mut checks = Checks(Vec::new(), Side::Issue);
	match Format::of(document) {
		None => checks.add("format", false, NO_FORMAT.into()),
		Some(format) => {
			let attested = if expected.course.is_some() { "course" } else { "program" };
			parties(&mut checks, document, format.paths(attested).issuer, expected);
			claims(&mut checks, document, format, expected);
			valid_from(&mut checks, document, expected);
		},
	}
	checks.0.retain(|check| !check.passed);
	checks.0
}

/// A stated `credentialStatus` names this credential on this chain.
fn pointer(checks: &mut Checks, document: &Value, id: &str, evidence: &Evidence) {
	let stated = &document["credentialStatus"];
	if stated.is_null() {
		return;
	}
	let expected = serde_json::json!({"type": "EduchainCredentialStatus", "credentialId": id, "genesisHash": evidence.genesis});
	let detail = if *stated == expected {
		format!("credentialStatus names this credential on this chain (genesis {})", evidence.genesis)
	} else {
		format!("credentialStatus: the document says {stated}, this chain's is {expected}")
	};
	checks.add("credentialStatus", *stated == expected, detail);
}

/// Issuer and holder, and whether the issuer was active.
fn parties(checks: &mut Checks, document: &Value, issuer_path: &str, record: &Record) {
	let issuer = did_account(at(document, issuer_path)).unwrap_or_default();
	let (chain_issuer, chain_holder) = (record.issuer.to_string(), record.holder.to_string());
	if issuer != chain_issuer {
		checks.add("issuer", false, format!("issuer: the document says {issuer:?}, {} {chain_issuer:?}", checks.1.says()));
	} else if !record.issuer_active_at_issue {
		checks.add("issuer", false, format!("{issuer} was not an active member when it issued"));
	} else {
		let now = if record.issuer_active_now { "and still is" } else { "but no longer is" };
		checks.add("issuer", true, format!("issued by {issuer}, an active member at block {}, {now}", record.issued_at));
	}
	let holder = did_account(&document["credentialSubject"]["id"]).unwrap_or_default();
	let detail = if holder == chain_holder {
		format!("issued to {holder}")
	} else {
		format!("holder: the document says {holder:?}, {} {chain_holder:?}", checks.1.says())
	};
	checks.add("holder", holder == chain_holder, detail);
}

/// Kind, and the program and enrolment or the course it attests, where `format` states them.
fn claims(checks: &mut Checks, document: &Value, format: Format, record: &Record) {
	let micro = record.kind == "MicroCredential";
	let (attested, absent) = if micro { ("course", "program") } else { ("program", "course") };
	let paths = format.paths(attested);
	let same = |checks: &mut Checks, name, path: &str, chain: Value| checks.same(name, path, at(document, path), chain);
	same(checks, "kind", paths.kind, record.kind.clone().into());
	let program = record.program.as_ref().map(|ProgramRef { id, document }| (u64::from(*id), format!("{document:?}")));
	let course = record.course.as_ref().map(|CourseRef { id, document }| (*id, format!("{document:?}")));
	let Some((id, digest)) = (if micro { course } else { program }) else {
		checks.add(attested, false, format!("the chain's record of a {} names no {attested}", record.kind));
		return;
	};
	same(checks, attested, paths.achievement, format.achievement(attested, id));
	same(checks, attested, paths.document, format.document(&digest));
	let subject = &document["credentialSubject"];
	if format == Format::Legacy && !subject[absent].is_null() {
		let detail = format!("credentialSubject.{absent}: the document states one, the chain attests none");
		checks.add(absent, false, detail);
	}
	match (micro, record.enrolment) {
		(true, _) if !subject["enrolment"].is_null() =>
			checks.add("enrolment", false, "credentialSubject.enrolment: the document states one, the chain attests none".into()),
		(true, _) => {},
		(false, None) => checks.add("enrolment", false, format!("the chain's record of a {} names no enrolment", record.kind)),
		(false, Some(enrolment)) => same(checks, "enrolment", "credentialSubject.enrolment", enrolment.into()),
	}
}

/// `validFrom`, if stated, is the day the chain issued it (or the day before: a document dated
/// late in the evening can land after midnight UTC).
fn valid_from(checks: &mut Checks, document: &Value, record: &Record) {
	let stated = &document["validFrom"];
	if stated.is_null() {
		return;
	}
	let Some(issued) = record.issued_on.map(u64::from) else {
		checks.add("dates", false, "validFrom: the chain kept no day of issue for this credential to attest it".into());
		return;
	};
	let day = stated.as_str().and_then(dates::day);
	let ok = day.is_some_and(|d| d == issued || d + 1 == issued);
	let detail = if ok {
		format!("validFrom {stated}: issued on {} (block {})", dates::date(issued), record.issued_at)
	} else {
		format!("validFrom: the document says {stated}, {} {}", checks.1.issued(), dates::date(issued))
	};
	checks.add("dates", ok, detail);
}

fn status(checks: &mut Checks, status: &StatusView) {
	match status {
		StatusView::Valid => checks.add("status", true, "valid (not revoked)".into()),
		StatusView::Revoked { reason, block } =>
			checks.add("status", false, format!("revoked at block {block} with reason code {reason}")),
	}
}

/// A degree's transcript facts meet its program; a start the chain does not vouch for is said.
fn linkage(checks: &mut Checks, record: &Record) {
	if record.kind == "MicroCredential" {
		let detail = if record.facts.is_none() { "a micro-credential: the course is its record" } else { "a micro-credential with transcript facts" };
		checks.add("linkage", record.facts.is_none(), detail.into());
		return;
	}
	let Some(f) = &record.facts else {
		checks.add("linkage", false, format!("the chain's record of a {} holds no transcript facts", record.kind));
		return;
	};
	let days = f.until.saturating_sub(f.start);
	let met = f.credits >= f.credits_required && (f.min_days..=f.max_days).contains(&days);
	let start = if f.imported {
		format!(
			"from {} (imported history: the institution stated this start on {}; the chain vouches only from then)",
			dates::date(f.start.into()),
			dates::date(f.recorded.into())
		)
	} else {
		format!("from {} (on chain since {})", dates::date(f.start.into()), dates::date(f.recorded.into()))
	};
	let vouched = f.imported || f.start >= f.recorded;
	let detail = format!(
		"transcript of enrolment {}: {} of {} credits from {} classes, {days} days {start} (program: {} to {} days)",
		record.enrolment.map_or("?".into(), |e| e.to_string()),
		f.credits,
		f.credits_required,
		f.classes,
		f.min_days,
		f.max_days,
	);
	checks.add("linkage", met && vouched, detail);
}
