//! The audit report: what each institution, program and FL task did, block by block, and
//! every anomaly with its block. It is built from each replayed block's events and the state
//! around it, and saved with the replay's checkpoint so that a resumed replay goes on counting.

use super::decode::Event;
use educhain_runtime::AccountId;
use serde::{Deserialize, Serialize};
use sp_core::crypto::Ss58Codec;
use std::collections::BTreeMap;

/// How an institution was admitted.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Admission {
	/// The block, 0 for a founding member.
	pub block: u32,
	/// `genesis`, `ministry` or `votes`.
	pub by: String,
	/// For `votes`: the ayes and the electorate.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub ayes: Option<u32>,
	#[serde(skip_serializing_if = "Option::is_none")]
	pub electorate: Option<u32>,
}

/// One institution's record.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Institution {
	pub admission: Option<Admission>,
	/// Votes it cast on applications and motions.
	pub votes_cast: u32,
	/// Blocks at which it was suspended, reinstated, removed.
	pub suspended: Vec<u32>,
	pub reinstated: Vec<u32>,
	pub removed: Vec<u32>,
	pub enrolments: u32,
	/// Enrolments imported as history (`import_enrolment`): their starts are the institution's
	/// statement, not dates the chain vouches for.
	pub imported_enrolments: u32,
	pub classes: u32,
	/// Grade entries its lecturers wrote in its classes (corrections included).
	pub grades_written: u32,
	pub credentials_issued: u32,
	pub credentials_revoked: u32,
	pub credentials_reinstated: u32,
	pub micro_credentials: u32,
}

/// One program's degrees and certificates.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Program {
	pub degrees: u32,
	pub certificates: u32,
}

/// One FL task's rounds, checks and budgets.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FlTask {
	pub rounds_closed: u32,
	pub updates: u32,
	/// Updates whose σ the auditor recomputed the bound for and found at or above it.
	pub sigma_checked: u32,
	pub aggregates: u32,
	/// Each participant's ε spent and total, as decimals, at the last block replayed.
	pub budgets: BTreeMap<String, (String, String)>,
}

/// Something that should not have happened, and where.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Anomaly {
	pub block: u32,
	pub what: String,
}

/// A runtime upgrade: the block that set the new code, and the `spec_version`s.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Upgrade {
	pub block: u32,
	pub from: u32,
	pub to: u32,
}

/// The whole report.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Report {
	/// Blocks replayed and checked, the last one's number and hash.
	pub blocks: u32,
	pub last_block: u32,
	pub last_hash: String,
	pub extrinsics: u32,
	/// Extrinsics by pallet (`Transcripts`, `Credentials`, …).
	pub extrinsics_by_pallet: BTreeMap<String, u32>,
	/// Blocks at which the invariants were checked (not those that upgraded the runtime, whose
	/// migrations run in the next block).
	pub invariant_checks: u32,
	/// Runtime upgrades, in order: events, extrinsics and records before each are read with the
	/// metadata of the runtime that wrote them.
	#[serde(default)]
	pub upgrades: Vec<Upgrade>,
	pub institutions: BTreeMap<String, Institution>,
	/// By `institution/program`.
	pub programs: BTreeMap<String, Program>,
	pub fl_tasks: BTreeMap<u32, FlTask>,
	pub anomalies: Vec<Anomaly>,
	/// Seconds spent replaying, and blocks and extrinsics per second.
	pub seconds: f64,
}

/// What the report needs from the chain around a block. An error says the state could not be
/// read, which the report names as such, never as the chain's fault.
pub trait ChainView {
	/// Active institutions at the parent of the block being counted.
	fn active_before(&self) -> Result<Vec<AccountId>, String>;
	/// Credential `id`'s issuer and program (the issuer's program id; none for a
	/// micro-credential), as of the block.
	fn credential(&self, id: &sp_core::H256) -> Result<Option<(AccountId, Option<u32>)>, String>;
	/// The least σ the task accepts for `samples` samples, as of the block.
	fn required_sigma(&self, task: u32, samples: u32) -> Result<Option<sp_arithmetic::FixedU128>, String>;
}

fn ss58(a: &AccountId) -> String {
	a.to_ss58check()
}

impl Report {
	fn institution(&mut self, who: &AccountId) -> &mut Institution {
		self.institutions.entry(ss58(who)).or_default()
	}

	fn anomaly(&mut self, block: u32, what: String) {
		self.anomalies.push(Anomaly { block, what });
	}

	/// Record the founding members, admitted at genesis.
	pub fn founders(&mut self, members: &[AccountId]) {
		for m in members {
			self.institution(m).admission = Some(Admission { block: 0, by: "genesis".into(), ..Default::default() });
		}
	}

	/// Count block `number`'s events; an event the report cannot read is an anomaly naming why.
	/// `class_institution` maps classes to institutions, kept across blocks (the `Graded` event
	/// names only the class).
	pub fn count_events(&mut self, number: u32, events: &[Event], classes: &mut BTreeMap<u64, AccountId>, chain: &dyn ChainView) {
		for event in events {
			if let Err(why) = self.count(number, event, events, classes, chain) {
				self.anomaly(number, format!("could not be checked: {why}"));
			}
		}
	}

	/// Count event `e` of block `number`, whose events are `block`.
	fn count(
		&mut self,
		number: u32,
		e: &Event,
		block: &[Event],
		classes: &mut BTreeMap<u64, AccountId>,
		chain: &dyn ChainView,
	) -> Result<(), String> {
		match (e.pallet.as_str(), e.name.as_str()) {
			("Registry", "Admitted") => {
				let institution = e.account("institution")?;
				let admission = self.admission(number, &institution, block, chain)?;
				self.institution(&institution).admission = admission;
			},
			("Registry", "Voted") => self.institution(&e.account("voter")?).votes_cast += 1,
			("Registry", "Suspended") => self.institution(&e.account("institution")?).suspended.push(number),
			("Registry", "Reinstated") => self.institution(&e.account("institution")?).reinstated.push(number),
			("Registry", "Removed") => self.institution(&e.account("institution")?).removed.push(number),
			("Transcripts", "Enrolled") => self.institution(&e.account("institution")?).enrolments += 1,
			("Transcripts", "EnrolmentImported") => self.institution(&e.account("institution")?).imported_enrolments += 1,
			("Transcripts", "ClassCreated") => {
				let institution = e.account("institution")?;
				classes.insert(e.u64("class")?, institution.clone());
				self.institution(&institution).classes += 1;
			},
			("Transcripts", "Graded") => {
				let class = e.u64("class")?;
				match classes.get(&class).cloned() {
					Some(institution) => self.institution(&institution).grades_written += 1,
					None => self.anomaly(number, format!("a grade in class {class}, which no replayed block created")),
				}
			},
			("Credentials", "Issued") => self.issued(number, e, chain)?,
			("Credentials", name @ ("Revoked" | "Reinstated")) => {
				let id = e.hash("id")?;
				match chain.credential(&id)? {
					Some((issuer, _)) if name == "Revoked" => self.institution(&issuer).credentials_revoked += 1,
					Some((issuer, _)) => self.institution(&issuer).credentials_reinstated += 1,
					None => self.anomaly(number, format!("a status change of credential {id:?}, which is not on record")),
				}
			},
			("FlLedger", "UpdateSubmitted") => {
				let (task, samples) = (e.u32("task")?, e.u32("samples")?);
				let sigma = sp_arithmetic::FixedU128::from_inner(e.number("sigma")?);
				let bound = chain.required_sigma(task, samples)?;
				let t = self.fl_tasks.entry(task).or_default();
				t.updates += 1;
				if bound.is_some_and(|b| sigma >= b) {
					t.sigma_checked += 1;
				} else {
					self.anomaly(number, format!("FL task {task}: an update with σ below the bound for {samples} samples"));
				}
			},
			("FlLedger", "TaskCreated") => {
				self.fl_tasks.entry(e.u32("task")?).or_default();
			},
			("FlLedger", "RoundClosed") => self.fl_tasks.entry(e.u32("task")?).or_default().rounds_closed += 1,
			("FlLedger", "AggregateRecorded") => self.fl_tasks.entry(e.u32("task")?).or_default().aggregates += 1,
			_ => {},
		}
		Ok(())
	}

	/// A credential issued: a micro-credential, or a degree or certificate of a program.
	fn issued(&mut self, number: u32, e: &Event, chain: &dyn ChainView) -> Result<(), String> {
		let (id, issuer, kind) = (e.hash("id")?, e.account("issuer")?, e.variant("kind")?);
		if kind == "MicroCredential" {
			self.institution(&issuer).micro_credentials += 1;
			return Ok(());
		}
		let program = chain.credential(&id)?.and_then(|(_, p)| p);
		self.institution(&issuer).credentials_issued += 1;
		let Some(program) = program else {
			self.anomaly(number, format!("credential {id:?} issued without a program on record"));
			return Ok(());
		};
		let entry = self.programs.entry(format!("{}/{program}", ss58(&issuer))).or_default();
		match kind {
			"Degree" => entry.degrees += 1,
			_ => entry.certificates += 1,
		}
		Ok(())
	}

	/// How the institution admitted in block `number` got in: the block's events must show the
	/// ministry's approval or a strict majority of the active members (the decision's event
	/// may come before or after the admission's).
	fn admission(
		&mut self,
		number: u32,
		institution: &AccountId,
		block: &[Event],
		chain: &dyn ChainView,
	) -> Result<Option<Admission>, String> {
		fn about<'e>(e: &'e Event, name: &str, subject: &AccountId) -> Option<&'e Event> {
			(e.pallet == "Registry" && e.name == name && e.account("subject").as_ref() == Ok(subject)).then_some(e)
		}
		let ministry = block.iter().filter_map(|e| about(e, "MinistryDecided", institution)).any(|e| e.bool("approved") == Ok(true));
		if ministry {
			return Ok(Some(Admission { block: number, by: "ministry".into(), ..Default::default() }));
		}
		let last_vote = block.iter().rev().find_map(|e| about(e, "Voted", institution));
		let ayes = last_vote.map(|e| e.u32("ayes")).transpose()?;
		let electorate = chain.active_before()?.len() as u32;
		match ayes {
			Some(ayes) if u64::from(ayes) * 2 > u64::from(electorate) => {
				Ok(Some(Admission { block: number, by: "votes".into(), ayes: Some(ayes), electorate: Some(electorate) }))
			},
			_ => {
				self.anomaly(number, format!("{} admitted without the ministry's consent or a majority", ss58(institution)));
				Ok(None)
			},
		}
	}
}

impl Report {
	/// The short summary people read.
	pub fn summary(&self) -> String {
		let mut out = vec![format!(
			"replayed {} blocks to #{} ({}), {} extrinsics, in {:.1} s ({:.1} blocks/s); invariants checked at {} blocks",
			self.blocks,
			self.last_block,
			self.last_hash,
			self.extrinsics,
			self.seconds,
			f64::from(self.blocks) / self.seconds.max(1e-9),
			self.invariant_checks,
		)];
		for u in &self.upgrades {
			out.push(format!(
				"runtime upgrade at #{}: spec_version {} to {} (its migrations run in #{}, whose state the invariants were checked on)",
				u.block,
				u.from,
				u.to,
				u.block + 1
			));
		}
		let by_pallet: Vec<String> = self.extrinsics_by_pallet.iter().map(|(p, n)| format!("{p} {n}")).collect();
		out.push(format!("extrinsics by pallet: {}", by_pallet.join(", ")));
		out.push("institutions:".into());
		for (who, i) in &self.institutions {
			let admitted = match &i.admission {
				Some(a) if a.by == "votes" =>
					format!("admitted at #{} by {} of {} votes", a.block, a.ayes.unwrap_or(0), a.electorate.unwrap_or(0)),
				Some(a) if a.by == "genesis" => "a founding member".into(),
				Some(a) => format!("admitted at #{} by the {}", a.block, a.by),
				None => "not admitted".into(),
			};
			out.push(format!(
				"  {who}: {admitted}; {} votes cast; suspended {:?}, reinstated {:?}, removed {:?}; {} enrolments, {} classes, {} grades; {} credentials issued, {} revoked, {} reinstated; {} micro-credentials",
				i.votes_cast, i.suspended, i.reinstated, i.removed, i.enrolments, i.classes, i.grades_written,
				i.credentials_issued, i.credentials_revoked, i.credentials_reinstated, i.micro_credentials
			));
		}
		out.push("programs:".into());
		for (program, p) in &self.programs {
			out.push(format!("  {program}: {} degrees, {} certificates", p.degrees, p.certificates));
		}
		out.push("FL tasks:".into());
		for (task, t) in &self.fl_tasks {
			let budgets: Vec<String> = t.budgets.iter().map(|(who, (spent, total))| format!("{who} ε {spent} of {total}")).collect();
			out.push(format!(
				"  task {task}: {} rounds closed, {} updates ({} σ checked), {} aggregates; {}",
				t.rounds_closed, t.updates, t.sigma_checked, t.aggregates, budgets.join(", ")
			));
		}
		if self.anomalies.is_empty() {
			out.push("anomalies: none".into());
			out.push("VERIFIED: every block re-executed to its state root and every check held".into());
		} else {
			out.push(format!("anomalies: {}", self.anomalies.len()));
			for a in &self.anomalies {
				out.push(format!("  #{}: {}", a.block, a.what));
			}
			out.push("NOT VERIFIED: see the anomalies".into());
		}
		out.join("\n")
	}
}
