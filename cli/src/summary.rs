//! What people read of the domain reads: a line per record, its parts indented below it, days
//! as dates. Accounts and digests are shown whole, for pasting into the next command; `--json`
//! gives every field.

use educhain_client::api::{coins, credentials, fl, registry, transcripts};
use educhain_verifier::dates::date;

/// The calendar date of the chain's day number `day` (days since 1970-01-01).
fn on(day: u32) -> String {
	date(day.into())
}

/// Lines joined, each after the first indented under the record it belongs to.
fn record(head: String, parts: impl IntoIterator<Item = String>) -> String {
	parts.into_iter().fold(head, |text, part| format!("{text}\n  {part}"))
}

/// An institution and its standing.
pub fn institution(i: &registry::InstitutionView) -> String {
	let joined = i.joined.map_or("never joined".into(), |b| format!("joined at block {b}"));
	format!("{} {} {} ({joined})", i.account, i.kind, i.status)
}

/// An open proposal and its tally.
pub fn proposal(p: &registry::ProposalView) -> String {
	format!(
		"{} {}: {} ayes, {} nays of {} (needs {}), expires at block {}",
		p.action, p.subject, p.ayes, p.nays, p.electorate, p.threshold, p.expires
	)
}

/// One enrolment of a transcript: its program and dates, credits, and each class with the grade
/// that counts.
pub fn enrolment(e: &transcripts::EnrolmentView) -> String {
	let program = e.program.as_ref().map_or("a program no longer on chain".into(), |p| format!("program {}", p.id));
	let source = match e.imported {
		true => "imported: the institution's statement of history before the chain",
		false => "the chain's own record",
	};
	let ended = e.ended.map_or(String::new(), |d| format!(", ended {}", on(d)));
	let credits = e.credits_required.map_or(format!("{} credits", e.credits_earned), |r| format!("{} of {r} credits", e.credits_earned));
	let head = format!("enrolment {} at {}: {program}, {}", e.enrolment, e.institution, e.status);
	let dates = format!(
		"started {} ({source}; recorded {}, block {}){ended}, {} days",
		on(e.start),
		on(e.recorded_day),
		e.recorded_block,
		e.elapsed_days
	);
	record(head, [dates, credits].into_iter().chain(e.classes.iter().map(class_record)))
}

/// A class on a transcript and its grade that counts.
fn class_record(c: &transcripts::ClassRecordView) -> String {
	let grade = match c.grades.last() {
		None => "not graded".into(),
		Some(g) => {
			let outcome = if g.passed { "passed" } else { "failed" };
			let corrected = match c.grades.len() - 1 {
				0 => String::new(),
				n => format!(", after {n} correction(s)"),
			};
			format!("{outcome} (by {} at block {}{corrected}; record digest {:?})", g.by, g.block, g.digest)
		},
	};
	format!("class {} (term {}, {} credits, {}): {grade}", c.class, c.term, c.credits, c.status)
}

/// A class, its lecturer and its roster.
pub fn class(c: &transcripts::ClassInfo) -> String {
	let graded = c.roster.iter().filter(|r| r.graded).count();
	let head = format!(
		"class {} at {}: term {}, {} credits, pass mark {} of {}, {}",
		c.class, c.institution, c.term, c.credits, c.pass_mark, c.scale_max, c.status
	);
	let about = [format!("lecturer {}", c.lecturer), format!("course {:?}", c.course)];
	let roster = format!("{} learners, {graded} graded", c.roster.len());
	let learners = c.roster.iter().map(|r| {
		let graded = if r.graded { "graded" } else { "not graded" };
		format!("  enrolment {} {}: {graded}", r.enrolment, r.learner)
	});
	record(head, about.into_iter().chain([roster]).chain(learners))
}

/// A program and what a degree in it needs.
pub fn program(p: &transcripts::ProgramView) -> String {
	format!(
		"program {}: {} credits in {} to {} days, {} (document {:?})",
		p.id, p.credits_required, p.min_days, p.max_days, p.status, p.document
	)
}

/// A coins course, its threshold and its tasks.
pub fn course(c: &coins::CourseInfo) -> String {
	let head = format!(
		"course {} at {}, lecturer {}: {} coins for its micro-credential, {}",
		c.course, c.institution, c.lecturer, c.threshold, c.status
	);
	let document = format!("document {:?}", c.document);
	let tasks = c.tasks.iter().map(|t| format!("task {}: up to {} coins, {} (document {:?})", t.task, t.max_coins, t.status, t.document));
	record(head, [document].into_iter().chain(tasks))
}

/// A learner's coins in one course.
pub fn balance(b: &coins::BalanceView) -> String {
	let claimed = b.claimed.map_or("not claimed".into(), |id| format!("claimed credential {id:?}"));
	format!("{} earned, {} spent, {} available; {claimed}", b.earned, b.spent, b.available)
}

/// A learner's coins in one of their courses.
pub fn course_balance(c: &coins::CourseBalance) -> String {
	format!("course {}: {}", c.course, balance(&c.balance))
}

/// A learner's award for one task, and the amounts it was corrected from.
pub fn award(a: &coins::AwardInfo) -> String {
	let head = format!("task {}: {} coins (by {} at block {})", a.task, a.coins, a.by, a.block);
	record(head, a.corrections.iter().map(|c| format!("earlier {} coins (by {} at block {})", c.coins, c.by, c.block)))
}

/// A federated-learning task, its privacy parameters and its participants' budgets.
pub fn fl_task(t: &fl::TaskInfo) -> String {
	let open = t.open_round.map_or(String::new(), |r| format!(", round {r} open"));
	let head = format!("FL task {} by {}: {}{open}", t.task, t.owner, t.status);
	let about = [
		format!("{} rounds of {} blocks; {} parameters, model {:?}", t.rounds, t.round_blocks, t.params, t.model),
		format!("each round ε {}, δ {}, clip S {}", t.epsilon, t.delta, t.clip),
	];
	let participants = t.participants.iter().map(|p| match p.accepted {
		true => format!("{}: {}", p.account, budget(&p.budget)),
		false => format!("{}: not accepted yet", p.account),
	});
	record(head, about.into_iter().chain(participants))
}

/// A round: its window, its updates and the participants that sent none.
pub fn round(r: &fl::RoundInfo) -> String {
	let closed = r.closed.map_or("open".into(), |b| format!("closed at block {b}"));
	let head = format!(
		"FL task {} round {}: opened at block {}, takes updates until block {}, {closed}",
		r.task, r.round, r.opened, r.deadline
	);
	let updates = r.submissions.iter().map(|s| {
		let (at, digest) = (format!("block {} #{}", s.block, s.index), s.digest);
		format!("update by {}: σ {}, {} samples, {} bytes at {at} ({digest:?})", s.participant, s.sigma, s.samples, s.bytes)
	});
	let aggregates = r.aggregates.iter().map(|a| format!("aggregate by {}: {:?}", a.participant, a.digest));
	let missing = r.missing.iter().map(|m| format!("no update from {m}"));
	record(head, updates.chain(aggregates).chain(missing))
}

/// A participant's privacy budget.
pub fn budget(b: &fl::BudgetView) -> String {
	format!(
		"ε {} spent of {} ({} left) at δ {}, {} update(s) on {} samples",
		b.spent_epsilon, b.total, b.remaining, b.total_delta, b.submissions, b.samples
	)
}

/// What the chain holds of a credential.
pub fn credential(v: &credentials::VerifyResponse) -> String {
	let Some(r) = &v.record else { return format!("{:?}: not on chain", v.id) };
	let status = match &r.status {
		credentials::StatusView::Valid => "valid".to_string(),
		credentials::StatusView::Revoked { reason, block } => format!("revoked at block {block} (reason {reason})"),
	};
	let attests = match (&r.program, &r.course) {
		(Some(p), _) => format!("program {} (document {:?})", p.id, p.document),
		(None, Some(c)) => format!("course {} (document {:?})", c.id, c.document),
		(None, None) => "no program or course".into(),
	};
	let issued = r.issued_on.map_or(String::new(), |d| format!(" on {}", on(d)));
	let active = match (r.issuer_active_at_issue, r.issuer_active_now) {
		(true, true) => "active then and now",
		(true, false) => "active then, not now",
		(false, _) => "not active when it issued",
	};
	let head = format!("{} {:?}: {status}", r.kind, v.id);
	let mut parts = vec![
		format!("holder {}", r.holder),
		format!("issued by {} ({active}) at block {}{issued}", r.issuer, r.issued_at),
		format!("attests {attests}"),
	];
	parts.extend(r.facts.as_ref().map(|f| {
		let imported = if f.imported { ", imported" } else { "" };
		format!("when issued: {} of {} credits, {} classes, started {}{imported}", f.credits, f.credits_required, f.classes, on(f.start))
	}));
	parts.extend(r.history.iter().map(|h| {
		let what = if h.revoked { "revoked" } else { "reinstated" };
		format!("{what} by {} at block {} (reason {})", h.by, h.block, h.reason)
	}));
	record(head, parts)
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::{from_value, json};

	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

	fn digest(byte: u8) -> String {
		format!("0x{}", hex::encode([byte; 32]))
	}

	#[test]
	fn an_enrolment_shows_dates_credits_and_the_grade_that_counts() {
		let grade = |passed, block| json!({"passed": passed, "digest": digest(1), "by": BOB, "block": block});
		let e: transcripts::EnrolmentView = from_value(json!({
			"enrolment": 4, "institution": ALICE, "program": null, "start": 19_601, "recordedBlock": 7,
			"recordedDay": 20_793, "imported": true, "status": "Active", "ended": null,
			"creditsEarned": 30, "creditsRequired": null, "elapsedDays": 1192,
			"classes": [
				{"class": 2, "course": digest(2), "credits": 30, "term": 1, "status": "Closed", "grades": [grade(true, 9), grade(false, 12)]},
				{"class": 3, "course": digest(3), "credits": 15, "term": 2, "status": "Open", "grades": []},
			],
		}))
		.unwrap();
		let text = enrolment(&e);
		let lines: Vec<&str> = text.lines().collect();
		assert_eq!(lines[0], format!("enrolment 4 at {ALICE}: a program no longer on chain, Active"));
		assert!(lines[1].starts_with("  started 2023-09-01 (imported: "), "{}", lines[1]);
		assert!(lines[1].ends_with("recorded 2026-12-06, block 7), 1192 days"), "{}", lines[1]);
		assert_eq!(lines[2], "  30 credits");
		assert!(lines[3].starts_with(&format!("  class 2 (term 1, 30 credits, Closed): failed (by {BOB} at block 12, after 1 correction(s)")));
		assert_eq!(lines[4], "  class 3 (term 2, 15 credits, Open): not graded");
		assert_eq!(lines.len(), 5);
	}

	#[test]
	fn a_credential_shows_its_status_and_every_change() {
		let v: credentials::VerifyResponse = from_value(json!({
			"id": digest(9), "found": true, "issuer": ALICE, "issuerActiveAtIssue": true, "issuerActiveNow": false,
			"holder": BOB, "kind": "Degree", "program": {"id": 1, "document": digest(5)}, "enrolment": 0, "course": null,
			"issuedAt": 14, "issuedOn": 20_793, "status": {"state": "revoked", "reason": 3, "block": 40},
			"history": [{"revoked": true, "reason": 3, "by": ALICE, "block": 40}], "facts": null,
		}))
		.unwrap();
		let text = credential(&v);
		let lines: Vec<&str> = text.lines().collect();
		assert_eq!(lines[0], format!("Degree {}: revoked at block 40 (reason 3)", digest(9)));
		assert_eq!(lines[2], format!("  issued by {ALICE} (active then, not now) at block 14 on 2026-12-06"));
		assert_eq!(lines[3], format!("  attests program 1 (document {})", digest(5)));
		assert_eq!(lines[4], format!("  revoked by {ALICE} at block 40 (reason 3)"));
		let missing: credentials::VerifyResponse = from_value(json!({"id": digest(8), "found": false})).unwrap();
		assert_eq!(credential(&missing), format!("{}: not on chain", digest(8)));
	}

	#[test]
	fn an_fl_task_shows_each_participants_budget_or_that_it_has_not_accepted() {
		let budget = json!({
			"total": "2", "spentEpsilon": "0.5", "remaining": "1.5", "basicEpsilon": "0.5", "rdpEpsilon": null,
			"spentDelta": "0.00001", "totalDelta": "0.00005", "rho": "0.01", "samples": 600, "submissions": 1,
		});
		let t: fl::TaskInfo = from_value(json!({
			"task": 0, "owner": ALICE, "model": digest(4), "params": 10, "rounds": 5, "roundBlocks": 20,
			"epsilon": "0.5", "delta": "0.00001", "clip": "1", "status": "Running", "openRound": 1,
			"participants": [
				{"account": ALICE, "accepted": true, "budget": budget},
				{"account": BOB, "accepted": false, "budget": budget},
			],
		}))
		.unwrap();
		let text = fl_task(&t);
		let lines: Vec<&str> = text.lines().collect();
		assert_eq!(lines[0], format!("FL task 0 by {ALICE}: Running, round 1 open"));
		assert_eq!(lines[2], "  each round ε 0.5, δ 0.00001, clip S 1");
		assert_eq!(lines[3], format!("  {ALICE}: ε 0.5 spent of 2 (1.5 left) at δ 0.00005, 1 update(s) on 600 samples"));
		assert_eq!(lines[4], format!("  {BOB}: not accepted yet"));
	}

	#[test]
	fn a_round_shows_its_updates_aggregates_and_who_sent_nothing() {
		let r: fl::RoundInfo = from_value(json!({
			"task": 2, "round": 1, "opened": 30, "deadline": 50, "closed": null, "missing": [BOB],
			"submissions": [{"participant": ALICE, "digest": digest(6), "sigma": "1.25", "samples": 600, "bytes": 40, "block": 33, "index": 2}],
			"aggregates": [{"participant": ALICE, "digest": digest(7), "weights": ["1"]}],
		}))
		.unwrap();
		let text = round(&r);
		let lines: Vec<&str> = text.lines().collect();
		assert_eq!(lines[0], "FL task 2 round 1: opened at block 30, takes updates until block 50, open");
		assert_eq!(lines[1], format!("  update by {ALICE}: σ 1.25, 600 samples, 40 bytes at block 33 #2 ({})", digest(6)));
		assert_eq!(lines[2], format!("  aggregate by {ALICE}: {}", digest(7)));
		assert_eq!(lines[3], format!("  no update from {BOB}"));
	}
}
