//! The workloads: what each sets up, what it sends, and its row beside B4E's figure.
//!
//! B4E's figures (Sawtooth with PBFT, 8 cores): 58.92 grade and 59.86 certificate writes per
//! second at its best batch size of 200; 610 reads per second at 100 connections and 521 at
//! 500; 88 s of average wait for 100 lecturers × 50 grades; 87 s for 5,000 certificates.

use crate::{
	load::{self, Outcome, Plan, Sender},
	reads,
	report::{self, whole, Row},
	setup::{self, School, Shape},
	Context, Result, Sizes,
};
use educhain_e2e::rpc::Rpc;
use educhain_runtime::{Runtime, RuntimeCall};
use pallet_credentials::Call as C;
use sp_core::H256;
use std::{
	sync::Arc,
	time::{Duration, Instant},
};

const B4E_GRADES_PER_S: f64 = 58.92;
const B4E_CERTIFICATES_PER_S: f64 = 59.86;
const B4E_CLASS_WAIT_S: f64 = 88.0;
const B4E_5000_CERTIFICATES_S: f64 = 87.0;
const B4E_READS: [(usize, f64); 2] = [(100, 610.0), (500, 521.0)];

/// Grades or certificates submitted and not yet in a block, at first (the load engine then
/// keeps two blocks' worth in flight).
const WINDOW_ITEMS: usize = 2_000;
const CONNECTIONS: usize = 4;
const DRAIN: Duration = Duration::from_secs(90);

/// Certificates a workload issued, for the reads to look up.
pub struct Issued {
	pub ids: Vec<H256>,
}

/// Run `name` against `url`.
pub async fn run(name: &str, url: &str, sizes: &Sizes, previous: Option<Issued>) -> Result<(Vec<Row>, Option<Issued>)> {
	let rpc = load::connect(url, Duration::from_secs(60)).await?;
	first_block(&rpc).await?;
	Ok(match name {
		"grades" => (vec![grades(&rpc, url, sizes, false).await?], None),
		"grade-batches" => (vec![grades(&rpc, url, sizes, true).await?], None),
		"certificates" => (vec![certificates(&rpc, url, sizes, false).await?], None),
		"certificate-batches" => (vec![certificates(&rpc, url, sizes, true).await?], None),
		"b4e-grades" => (vec![b4e_grades(&rpc, url, sizes).await?], None),
		"b4e-certificates" => {
			let (row, issued) = b4e_certificates(&rpc, url, sizes).await?;
			(vec![row], Some(issued))
		},
		"reads" => {
			let issued = match previous {
				Some(issued) => issued,
				None => b4e_certificates(&rpc, url, sizes).await?.1,
			};
			(read_rows(url, sizes, issued).await?, None)
		},
		other => unreachable!("checked: {other}"),
	})
}

/// Wait (a minute at most) for the first block: the set-up reads the chain's state there.
async fn first_block(rpc: &Rpc) -> Result<()> {
	let until = Instant::now() + Duration::from_secs(60);
	while rpc.client.best_number().await.context("the best block")? < 1 {
		if Instant::now() > until {
			return Err("the node made no block in 60 s".into());
		}
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
	Ok(())
}

fn sustained(senders: Vec<Sender>, items: u32, sizes: &Sizes) -> Plan {
	Plan {
		senders,
		items,
		duration: Some(Duration::from_secs(sizes.secs)),
		window: (WINDOW_ITEMS / items as usize).max(1),
		connections: CONNECTIONS,
		drain: DRAIN,
		also: sizes.also.clone(),
	}
}

fn all_at_once(senders: Vec<Sender>, items: u32, sizes: &Sizes) -> Plan {
	Plan { senders, items, duration: None, window: usize::MAX >> 4, connections: CONNECTIONS, drain: DRAIN, also: sizes.also.clone() }
}

/// "finalized" or "finalized on all N nodes".
fn finalized(o: &Outcome) -> String {
	if o.nodes > 1 { format!("finalized on all {} nodes", o.nodes) } else { "finalized".into() }
}

/// One row for a sustained load: items finalized per second, against B4E's commits per second.
fn throughput_row(workload: &str, unit: &str, o: &Outcome, b4e: f64) -> Row {
	let items = o.included * o.items as usize;
	let (final_rate, included_rate) = (report::rate(items, o.finalize_span), report::rate(items, o.include_span));
	Row {
		workload: workload.into(),
		ours: format!(
			"{} {unit}/s {} over {:.0} s ({} {unit}/s included); {}",
			whole(final_rate),
			finalized(o),
			o.finalize_span.as_secs_f64(),
			whole(included_rate),
			report::tail(o)
		),
		b4e: format!("{b4e} {unit}/s committed"),
		ratio: format!("{:.1}×", final_rate / b4e),
		clean: report::clean(o),
	}
}

/// Single grades (`grade`) or class batches (`grade_batch`) from many lecturers of one
/// institution, for `sizes.secs`.
async fn grades(rpc: &Rpc, url: &str, sizes: &Sizes, batches: bool) -> Result<Row> {
	let tag = if batches { "grade-batches" } else { "grades" };
	let rate = if batches { sizes.grade_batch_rate } else { sizes.grade_rate };
	let slots = rate * sizes.secs as u32;
	let roster = setup::ROSTER.min(slots);
	let shape = Shape {
		lecturers: sizes.lecturers,
		learners: roster,
		classes: slots.div_ceil(roster).max(sizes.lecturers),
		roster,
		pass: false,
	};
	let institution = setup::institutions(rpc, tag, 1).await?.remove(0);
	let school = setup::school(rpc, tag, 0, institution, &shape).await?;
	let batch = if batches { sizes.grade_batch as usize } else { 1 };
	let senders = lecturer_senders(&school, |class, learners| {
		if batches {
			learners.chunks(batch).map(|chunk| setup::grade_batch(tag, class, chunk)).collect()
		} else {
			learners.iter().map(|l| setup::grade(tag, class, l)).collect()
		}
	});
	let o = load::run(url, sustained(senders, batch as u32, sizes)).await?;
	report::describe(tag, &o);
	Ok(if batches {
		throughput_row(&format!("class-batch grades ({batch} a `grade_batch`)"), "grades", &o, B4E_GRADES_PER_S)
	} else {
		throughput_row("single grades (`grade`)", "grades", &o, B4E_GRADES_PER_S)
	})
}

/// Each lecturer of `school` sends what `calls` makes of each of its classes.
fn lecturer_senders(
	school: &School,
	calls: impl Fn(u64, &[(educhain_runtime::AccountId, u64)]) -> Vec<RuntimeCall>,
) -> Vec<Sender> {
	school
		.lecturers
		.iter()
		.enumerate()
		.map(|(l, pair)| Sender {
			pair: pair.clone(),
			calls: school.classes.iter().filter(|c| c.lecturer == l).flat_map(|c| calls(c.id, &c.learners)).collect(),
		})
		.collect()
}

/// `count` institutions, each with `learners` learners who passed.
async fn graduates(rpc: &Rpc, tag: &str, count: u32, learners: u32) -> Result<Vec<School>> {
	let mut schools = Vec::new();
	for (n, institution) in setup::institutions(rpc, tag, count).await?.into_iter().enumerate() {
		let roster = setup::ROSTER.min(learners);
		let shape = Shape { lecturers: 2, learners, classes: learners.div_ceil(roster), roster, pass: true };
		schools.push(setup::school(rpc, tag, n as u32, institution, &shape).await?);
	}
	Ok(schools)
}

/// Each institution issues a certificate to each of its graduates: one `issue` each, or
/// `issue_batch`es of `batch`.
fn issuers(tag: &str, schools: &[School], batch: Option<usize>) -> (Vec<Sender>, Vec<H256>) {
	let mut ids = Vec::new();
	let senders = schools
		.iter()
		.map(|s| {
			// The learners, not the class rosters: rosters wrap around and repeat learners.
			let items: Vec<_> = s.learners.iter().map(|l| setup::certificate(tag, l)).collect();
			ids.extend(items.iter().map(|i| i.id));
			let calls = match batch {
				None => items
					.into_iter()
					.map(|i| RuntimeCall::Credentials(C::issue { holder: i.holder, enrolment: i.enrolment, kind: i.kind, id: i.id }))
					.collect(),
				Some(b) => items
					.chunks(b)
					.map(|chunk| RuntimeCall::Credentials(C::issue_batch { items: chunk.to_vec().try_into().expect("at most MaxBatch") }))
					.collect(),
			};
			Sender { pair: s.institution.clone(), calls }
		})
		.collect();
	(senders, ids)
}

/// Single certificates (`issue`) or batches (`issue_batch`) from several institutions, for
/// `sizes.secs`.
async fn certificates(rpc: &Rpc, url: &str, sizes: &Sizes, batches: bool) -> Result<Row> {
	let tag = if batches { "certificate-batches" } else { "certificates" };
	let rate = if batches { sizes.certificate_batch_rate } else { sizes.certificate_rate };
	let each = (rate * sizes.secs as u32).div_ceil(sizes.institutions);
	let schools = graduates(rpc, tag, sizes.institutions, each).await?;
	let batch = batches.then_some(sizes.certificate_batch as usize);
	let (senders, _) = issuers(tag, &schools, batch);
	let o = load::run(url, sustained(senders, batch.unwrap_or(1) as u32, sizes)).await?;
	report::describe(tag, &o);
	Ok(match batch {
		Some(b) => throughput_row(&format!("certificate batches ({b} an `issue_batch`)"), "certificates", &o, B4E_CERTIFICATES_PER_S),
		None => throughput_row("single certificates (`issue`)", "certificates", &o, B4E_CERTIFICATES_PER_S),
	})
}

/// B4E's class scenario: each lecturer grades a class in one batch, all at the same moment.
async fn b4e_grades(rpc: &Rpc, url: &str, sizes: &Sizes) -> Result<Row> {
	let tag = "b4e-grades";
	let (lecturers, each) = (sizes.b4e_lecturers, sizes.b4e_grades);
	let shape = Shape { lecturers, learners: each, classes: lecturers, roster: each, pass: false };
	let institution = setup::institutions(rpc, tag, 1).await?.remove(0);
	let school = setup::school(rpc, tag, 0, institution, &shape).await?;
	let senders = lecturer_senders(&school, |class, learners| vec![setup::grade_batch(tag, class, learners)]);
	let o = load::run(url, all_at_once(senders, each, sizes)).await?;
	report::describe(tag, &o);
	let mean = |times: &[Duration]| times.iter().sum::<Duration>() / times.len().max(1) as u32;
	let (included, final_wait) = (mean(&o.inclusion), mean(&o.finality));
	Ok(Row {
		workload: format!("B4E class scenario: {lecturers} lecturers × {each} grades at once"),
		ours: format!(
			"mean wait until {} {} (until included {}; all {} by {}, in {} block(s))",
			finalized(&o),
			report::secs(final_wait),
			report::secs(included),
			finalized(&o),
			report::secs(report::percentile(&o.finality, 100)),
			o.blocks.len()
		),
		b4e: format!("mean wait until committed {B4E_CLASS_WAIT_S} s"),
		ratio: format!("{:.1}× faster", B4E_CLASS_WAIT_S / final_wait.as_secs_f64()),
		clean: report::clean(&o),
	})
}

/// B4E's certificate scenario: 5,000 certificates at once, in batches, from several
/// institutions.
async fn b4e_certificates(rpc: &Rpc, url: &str, sizes: &Sizes) -> Result<(Row, Issued)> {
	let tag = "b4e-certificates";
	let total = sizes.b4e_certificates;
	let schools = graduates(rpc, tag, sizes.institutions, total.div_ceil(sizes.institutions)).await?;
	let batch = sizes.certificate_batch as usize;
	let (senders, ids) = issuers(tag, &schools, Some(batch));
	let o = load::run(url, all_at_once(senders, batch as u32, sizes)).await?;
	report::describe(tag, &o);
	let all = report::percentile(&o.finality, 100);
	let row = Row {
		workload: format!("B4E certificate scenario: {} certificates at once ({batch} an `issue_batch`)", whole(ids.len() as f64)),
		ours: format!(
			"all {} by {} (all included by {}, in {} block(s))",
			finalized(&o),
			report::secs(all),
			report::secs(report::percentile(&o.inclusion, 100)),
			o.blocks.len()
		),
		b4e: format!("all committed by {B4E_5000_CERTIFICATES_S} s"),
		ratio: format!("{:.1}× faster", B4E_5000_CERTIFICATES_S / all.as_secs_f64()),
		clean: report::clean(&o),
	};
	Ok((row, Issued { ids }))
}

/// `credentials_verify` and `state_getStorage` of the issued certificates, at each number of
/// connections.
async fn read_rows(url: &str, sizes: &Sizes, issued: Issued) -> Result<Vec<Row>> {
	let verify: Vec<_> = issued.ids.iter().map(|id| vec![format!("{id:?}").into()]).collect();
	let storage: Vec<_> = issued
		.ids
		.iter()
		.map(|id| vec![format!("0x{}", hex::encode(pallet_credentials::Credentials::<Runtime>::hashed_key_for(id))).into()])
		.collect();
	let mut rows = Vec::new();
	for (method, params) in [("credentials_verify", Arc::new(verify)), ("state_getStorage", Arc::new(storage))] {
		for &connections in &sizes.connections {
			let r = reads::run(url, connections, Duration::from_secs(sizes.read_secs), method, params.clone()).await?;
			let what = format!("`{method}` at {connections} connections");
			let (per_second, text) = report::describe_reads(&what, &r);
			let b4e = B4E_READS.iter().find(|(c, _)| *c == connections).map(|(_, r)| *r);
			rows.push(Row {
				workload: format!("reads: {what}"),
				ours: text,
				b4e: b4e.map_or("—".into(), |r| format!("{r} reads/s")),
				ratio: b4e.map_or("—".into(), |r| format!("{:.1}×", per_second / r)),
				clean: r.errors.is_empty() && r.answered > 0,
			});
		}
	}
	Ok(rows)
}
