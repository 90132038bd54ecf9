//! # educhain verifier
//!
//! Checks a credential document (the JSON file a learner holds) against an educhain node,
//! without asking the issuing institution:
//!
//! 1. **integrity**: the document's credential id (the SHA-256 of its JCS form without proofs
//!    and status) is on chain;
//! 2. **format**: an Open Badges 3.0 credential (W3C VC 2.0), or the unsigned educhain form of
//!    before;
//! 3. **issuer**: the document's issuer issued it on chain, and was an active member then;
//! 4. **holder**: the document's subject is the account the chain issued it to;
//! 5. **kind**, **program** and **enrolment**, or **course**: what the document says it is
//!    and completes is what the chain's record attests (ids and document digests);
//! 6. **dates**: a stated `validFrom` is the day the chain issued it;
//! 7. **status**: valid, or revoked with its reason code and block;
//! 8. **credentialStatus**: a stated status names this credential on this chain;
//! 9. **proof**: each Data Integrity proof's signature matches the document, and its key was
//!    the issuer's at the block of issue, according to the chain's DID document;
//! 10. **linkage**: the transcript facts behind a degree meet its program (credits, duration),
//!    and a start the chain does not vouch for (imported history) is said to be one.
//!
//! A **presentation** (`educhain-cli present`) carries credentials and grade records a learner
//! chose to show; [`Verifier::verify_presentation`] checks the holder's consent (their own
//! key, this verifier's challenge and domain, unexpired, not a replay), each credential as
//! above and held by a signer, and each grade record against its digest on chain.
//!
//! VALID means every check passed. Members the chain does not attest (a name, a description)
//! are listed as attested by the issuer's signature when every proof passed, and otherwise as
//! "stated by the document only", never as verified by the chain. The document format and digest are
//! specified in `docs/credentials.md`.

#![warn(missing_docs)]

pub mod challenges;
pub mod dates;
pub mod document;
mod judge;
mod light_args;
pub mod presentation;
mod proofs;

pub use challenges::Challenges;
pub use document::{micro_credential, DID_PREFIX};
pub use presentation::PresentationReport;
pub use judge::{judge, preflight};
pub use light_args::{LightArgs, LIGHT_SYNC_LIMIT};
use educhain_client::api::{credentials::VerifyResponse, did::DidDocument, AccountId};
use educhain_client::{
	attested::{Basis, Reader, Trust},
	finality::AuthoritySet,
	receipt::{self, Receipt},
	vc::proof::ProofCheck,
};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One check of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
	/// What was checked.
	pub name: &'static str,
	/// Whether it passed.
	pub passed: bool,
	/// Why, in words.
	pub detail: String,
}

/// The verdict on a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
	/// The document's credential id (0x hex).
	pub id: String,
	/// Every check, in order.
	pub checks: Vec<Check>,
	/// Members of the document the chain does not attest, as `path = value`.
	pub unattested: Vec<String>,
	/// Whether every proof passed (and there was one): then the issuer's signature attests
	/// `unattested`.
	pub signed: bool,
	/// The block the chain was read at, and whose word that is.
	pub basis: Option<Basis>,
}

/// What a report rests on besides the chain's record of the credential.
#[derive(Clone, Debug)]
pub struct Evidence {
	/// The chain's genesis hash, `0x`-hex.
	pub genesis: String,
	/// The document's proofs, each checked against the key it names.
	pub proofs: Vec<ProofCheck>,
	/// The issuer's DID document, from the chain.
	pub did: Option<DidDocument>,
}

impl Report {
	/// Valid when every check passed.
	pub fn valid(&self) -> bool {
		!self.checks.is_empty() && self.checks.iter().all(|c| c.passed)
	}

	/// The checks that failed.
	pub fn failed(&self) -> Vec<&Check> {
		self.checks.iter().filter(|c| !c.passed).collect()
	}
}

/// A report's heading, the block it was read at, and its checks, one a line.
fn write_checks(f: &mut std::fmt::Formatter, heading: &str, basis: Option<&Basis>, checks: &[Check]) -> std::fmt::Result {
	writeln!(f, "{heading}")?;
	if let Some(basis) = basis {
		writeln!(f, "  read at {basis}")?;
	}
	for c in checks {
		writeln!(f, "  [{}] {}: {}", if c.passed { "pass" } else { "FAIL" }, c.name, c.detail)?;
	}
	Ok(())
}

impl std::fmt::Display for Report {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		write_checks(f, &format!("credential {}", self.id), self.basis.as_ref(), &self.checks)?;
		if !self.unattested.is_empty() {
			let by = if self.signed { "attested by the issuer's signature only" } else { "stated by the document only" };
			writeln!(f, "  {by} (not attested by the chain):")?;
			for member in &self.unattested {
				writeln!(f, "    {member}")?;
			}
		}
		write!(f, "{}", if self.valid() { "VALID" } else { "NOT VALID" })
	}
}

pub use educhain_client::vc::credential_id;

/// Where the verifier reads the chain.
#[derive(Clone, Debug)]
pub enum Source {
	/// A light client for the network of `chain_spec` (a raw chain spec, as JSON), with `peers`
	/// added to its boot nodes: it trusts no server. With `database`, it starts from the state
	/// saved in that file, if any, and [`Verifier::save`] keeps its state there.
	/// [`LightArgs::source`] sets one up from a user's flags.
	Light {
		/// The raw chain spec, as JSON.
		chain_spec: String,
		/// Peers' multiaddresses, added to the spec's boot nodes.
		peers: Vec<String>,
		/// The file that keeps the light client's state between runs.
		database: Option<PathBuf>,
		/// How long it may take to sync before [`Verifier::open`] gives up.
		sync_limit: std::time::Duration,
	},
	/// The node at this URL, trusted.
	Node(String),
}

/// A verifier connected to the chain, for one document or many.
pub struct Verifier {
	reader: Reader,
	/// Where the light client's state is saved, if anywhere.
	database: Option<PathBuf>,
}

impl Verifier {
	/// Connect to `source`: for a light client, start it and wait until it has synced.
	pub async fn open(source: &Source) -> Result<Verifier, String> {
		let (reader, database) = match source {
			Source::Light { chain_spec, peers, database, sync_limit } => {
				let saved = saved_state(database.as_deref())?;
				(Reader::light(chain_spec, peers, &saved, *sync_limit).await, database.clone())
			},
			Source::Node(url) => (Reader::node(url).await, None),
		};
		Ok(Verifier { reader: reader.map_err(|e| e.to_string())?, database })
	}

	/// Save the light client's state to its database file, for a faster start next time.
	pub async fn save(&self) -> Result<(), String> {
		let Some(path) = &self.database else { return Ok(()) };
		let Some(state) = self.reader.database().await.map_err(|e| e.to_string())? else { return Ok(()) };
		educhain_client::files::write_whole(path, state)
	}

	/// Verify the document in file `path`.
	pub async fn verify_file(&self, path: &Path) -> Result<Report, String> {
		self.verify(&read_json(path, "JSON")?).await
	}

	/// Verify `document`, reading the chain at one block that the report names.
	pub async fn verify(&self, document: &Value) -> Result<Report, String> {
		let basis = self.reader.basis().await.map_err(could_not)?;
		Ok(self.verify_at(document, basis).await?.0)
	}

	/// Verify `document` at `basis`; with the report, the account the chain says holds it.
	async fn verify_at(&self, document: &Value, basis: Basis) -> Result<(Report, Option<AccountId>), String> {
		let digest = credential_id(document)?;
		let (id, failed) = (format!("{digest:?}"), could_not);
		let onchain = self.reader.credential(digest, &basis).await.map_err(failed)?;
		let genesis = format!("{:?}", self.reader.genesis().await.map_err(failed)?);
		let proofs = educhain_client::vc::proof::verify(document).await?;
		let did = match onchain.record.as_ref() {
			// The DID document at the block read: the key history covers the block of issue.
			Some(record) => self.reader.did(&record.issuer, &basis).await.map_err(failed)?,
			None => None,
		};
		let mut report = judge(document, &id, &onchain, &Evidence { genesis, proofs, did });
		report.basis = Some(basis);
		Ok((report, onchain.record.map(|r| r.holder)))
	}

	/// Verify presentation `vp` (`educhain-cli present`): the holder's consent to this verifier's
	/// challenge from `challenges` (never answered before, for its domain, unexpired at `now`,
	/// seconds since 1970), each credential as [`Self::verify`] does and signed for by its
	/// holder, and each grade record against the chain's latest digest and the class's pass
	/// mark. A valid presentation's challenge is recorded as answered: it is never accepted again.
	/// If a verifier sharing the challenges file recorded an answer meanwhile, this one is a replay.
	pub async fn verify_presentation(&self, vp: &Value, challenges: &mut Challenges, now: u64) -> Result<PresentationReport, String> {
		let opened = educhain_client::vc::presentation::open(vp).await?;
		let mut checks = judge::Checks(Vec::new(), judge::Side::Chain);
		let (signers, challenge) = presentation::consent(&mut checks, &opened.proofs, challenges, now);
		let basis = self.reader.basis().await.map_err(could_not)?;
		let mut credentials = Vec::new();
		for document in &opened.credentials {
			let (report, holder) = self.verify_at(document, basis.clone()).await?;
			if let Some(holder) = holder {
				presentation::holder(&mut checks, &format!("credential {}", report.id), &holder, &signers);
			}
			credentials.push(report);
		}
		// Several records of one learner or one class read it once.
		let (mut transcripts, mut classes) = (std::collections::HashMap::new(), std::collections::HashMap::new());
		for g in &opened.grades {
			presentation::holder(&mut checks, &format!("the grade record for class {}", g.class), &g.learner, &signers);
			if !transcripts.contains_key(&g.learner) {
				transcripts.insert(g.learner.clone(), self.reader.transcript(&g.learner, &basis).await.map_err(could_not)?);
			}
			if !classes.contains_key(&g.class) {
				classes.insert(g.class, self.reader.class(g.class, &basis).await.map_err(could_not)?);
			}
			presentation::grade(&mut checks, g, &transcripts[&g.learner], classes[&g.class].as_ref());
		}
		let mut report = PresentationReport { checks: checks.0, credentials, basis: Some(basis) };
		if let (true, Some(challenge)) = (report.valid(), challenge) {
			// Another verifier sharing the challenges file may have taken it since it was read.
			// Then its "challenge" check, true when read, gives way to the replay.
			if let Some(at) = challenges.answered(&challenge, now)? {
				let replay = presentation::replay(&challenge, at);
				match report.checks.iter_mut().find(|c| c.name == "challenge") {
					Some(check) => *check = replay,
					None => report.checks.push(replay),
				}
			}
		}
		Ok(report)
	}

	/// Every credential `holder` holds, with its record and status, read at one block that is
	/// returned with them. These are the chain's records, not documents: nothing here says that
	/// a document someone shows is one of them (that is [`Self::verify`]).
	pub async fn held(&self, holder: &AccountId) -> Result<(Basis, Vec<VerifyResponse>), String> {
		let failed = |e: educhain_client::Error| format!("could not list: {e}");
		let basis = self.reader.basis().await.map_err(failed)?;
		let (mut all, mut after) = (Vec::new(), None);
		loop {
			let page = self.reader.held(holder, after, &basis).await.map_err(failed)?;
			all.extend(page.credentials);
			match page.next {
				Some(next) => after = Some(next),
				None => return Ok((basis, all)),
			}
		}
	}
}

/// A read that failed, as the verifier reports it.
fn could_not(e: educhain_client::Error) -> String {
	format!("could not verify: {e}")
}

/// The light client's state saved in `database`: none ("") when there is no such file yet, so
/// that the light client starts from genesis; any other failure to read it is an error.
fn saved_state(database: Option<&Path>) -> Result<String, String> {
	match database.map(std::fs::read_to_string) {
		None => Ok(String::new()),
		Some(Ok(saved)) => Ok(saved),
		Some(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
		Some(Err(e)) => Err(format!("{}: {e}", database.map_or_else(String::new, |p| p.display().to_string()))),
	}
}

/// Verify `document` offline with `receipt`, for the network of `chain_spec` (a raw chain spec,
/// as JSON), which pins the genesis hash and the authority set finality is proven from, unless a
/// `checkpoint` (a later set the verifier trusts) is given. A proof that fails is an error
/// ("could not verify"), never a verdict.
pub async fn verify_receipt(
	document: &Value,
	receipt: &Receipt,
	chain_spec: &str,
	checkpoint: Option<&AuthoritySet>,
) -> Result<Report, String> {
	let id = credential_id(document)?;
	if receipt.credential_id != id {
		return Err(format!("the receipt is for credential {:?}, not this document's {id:?}", receipt.credential_id));
	}
	let (genesis, genesis_set) = receipt::pinned_by(chain_spec)?;
	let pin = checkpoint.unwrap_or(&genesis_set);
	if receipt.genesis_hash != genesis {
		return Err(format!("the receipt is for chain {:?}, not the chain spec's {genesis:?}", receipt.genesis_hash));
	}
	let proven = receipt::check(receipt, pin).map_err(|e| format!("could not verify the receipt: {e}"))?;
	let proofs = educhain_client::vc::proof::verify(document).await?;
	let evidence = Evidence { genesis: format!("{genesis:?}"), proofs, did: proven.did };
	let mut report = judge(document, &format!("{id:?}"), &proven.credential, &evidence);
	report.basis = Some(Basis { number: proven.number, hash: proven.hash, trust: Trust::Receipt { set: proven.set, checkpoint: checkpoint.map(|c| c.id) } });
	Ok(report)
}

/// Verify the document in `path`, trusting the node at `url` (`ws://` or `http://`).
pub async fn verify_file(path: &Path, url: &str) -> Result<Report, String> {
	Verifier::open(&Source::Node(url.into())).await?.verify_file(path).await
}

/// The JSON file `path`, read as `T` (`what` it must be, for the error).
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path, what: &str) -> Result<T, String> {
	let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
	serde_json::from_str(&text).map_err(|e| format!("{}: not {what}: {e}", path.display()))
}

/// Verify `document`, trusting the node at `url`.
pub async fn verify(document: &Value, url: &str) -> Result<Report, String> {
	Verifier::open(&Source::Node(url.into())).await?.verify(document).await
}

#[cfg(test)]
mod fixtures {
	//! What the unit tests judge: two real accounts, and the node's answer about a degree.
	use super::*;
	use educhain_client::api::credentials::VerifyResponse;
	use serde_json::json;

	/// The issuing institution and the holder: real addresses, as the chain answers with.
	pub const UNI: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	pub const ANN: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
	pub const PROGRAM_DOC: &str = "0x6cbb623b22b9505c256fd00091e5f4a1dd41396fe0312978e3d1e7a6ecdca700";
	pub const GENESIS: &str = "0x1111111111111111111111111111111111111111111111111111111111111111";

	/// The node's answer for credential `id`: a degree issued at block 42 on day 20,413, for an
	/// enrolment that started on day `start` (`imported` history or not) and ended on `until`.
	pub fn answer(id: &str, found: bool, start: u32, imported: bool, until: u32) -> Value {
		json!({
			"id": id, "found": found, "issuer": UNI, "issuerActiveAtIssue": true, "issuerActiveNow": true, "holder": ANN,
			"kind": "Degree", "program": { "id": 1, "document": PROGRAM_DOC }, "enrolment": 0, "course": null,
			"issuedAt": 42, "issuedOn": 20_413, "status": { "state": "valid" }, "history": [],
			"facts": { "credits": 60, "creditsRequired": 60, "classes": 2, "start": start, "recorded": 20_413,
				"imported": imported, "until": until, "minDays": 365, "maxDays": 1460 },
		})
	}

	/// `document` judged against the node's answer `chain`, read as the client reads it.
	pub fn judged(document: &Value, id: &str, chain: &Value, proofs: Vec<ProofCheck>, did: Option<DidDocument>) -> Report {
		let answer: VerifyResponse = serde_json::from_value(chain.clone()).expect("a well-formed answer");
		judge(document, id, &answer, &Evidence { genesis: GENESIS.into(), proofs, did })
	}

	/// The names of the checks that failed.
	pub fn failed(report: &Report) -> Vec<&'static str> {
		report.failed().iter().map(|c| c.name).collect()
	}
}

#[cfg(test)]
mod tests {
	use super::fixtures::{answer, failed, ANN, PROGRAM_DOC, UNI};
	use super::*;
	use educhain_client::api::credentials::VerifyResponse;
	use serde_json::json;

	const COURSE_DOC: &str = "0xc5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5";

	/// `document` judged against `chain`, unsigned.
	fn judged(document: &Value, chain: &Value) -> Report {
		super::fixtures::judged(document, "0x01", chain, Vec::new(), None)
	}

	/// A degree whose enrolment is imported history from day 19,601.
	fn onchain() -> Value {
		answer(PROGRAM_DOC, true, 19_601, true, 20_413)
	}

	fn document() -> Value {
		json!({
			"@context": [document::LEGACY_CONTEXT], "type": document::LEGACY_TYPES,
			"issuer": format!("did:educhain:{UNI}"), "validFrom": "2025-11-21T09:00:00Z",
			"credentialSubject": {
				"id": format!("did:educhain:{ANN}"), "credential": "Degree", "enrolment": 0,
				"program": { "id": 1, "document": PROGRAM_DOC, "name": "BSc Data Science" },
			},
		})
	}

	#[test]
	fn every_check_passes_for_a_matching_valid_credential_and_names_are_only_stated() {
		let report = judged(&document(), &onchain());
		assert!(report.valid(), "{report}");
		let text = report.to_string();
		assert!(text.contains("imported history: the institution stated this start on 2025-11-21"), "{text}");
		assert!(text.contains("stated by the document only"), "{text}");
		assert_eq!(report.unattested, vec![r#"credentialSubject.program.name = "BSc Data Science""#]);
	}

	#[test]
	fn preflight_names_only_what_the_record_about_to_be_made_contradicts() {
		let record = |chain: Value| serde_json::from_value::<VerifyResponse>(chain).expect("an answer").record.expect("found");
		assert!(preflight(&document(), &record(onchain())).is_empty());
		let mut other = document();
		other["credentialSubject"]["id"] = json!(format!("did:educhain:{UNI}"));
		other["credentialSubject"]["enrolment"] = json!(7);
		other["validFrom"] = json!("2020-01-01T00:00:00Z");
		let failed = preflight(&other, &record(onchain()));
		assert_eq!(failed.iter().map(|c| c.name).collect::<Vec<_>>(), ["holder", "enrolment", "dates"]);
		// Nothing is on chain yet, and the details say so.
		assert!(failed[1].detail.ends_with("the document says 7, the issue would record 0"), "{}", failed[1].detail);
		assert!(failed[2].detail.ends_with("it would be issued on 2025-11-21"), "{}", failed[2].detail);
		let named = preflight(&json!({ "credentialSubject": {} }), &record(onchain()));
		assert_eq!(named.iter().map(|c| c.name).collect::<Vec<_>>(), ["format"]);
	}

	#[test]
	fn an_unknown_document_is_not_valid_with_the_reason() {
		let report = judged(&document(), &json!({ "id": PROGRAM_DOC, "found": false }));
		assert!(!report.valid());
		assert!(report.to_string().contains("unknown or was altered"), "{report}");
	}

	#[test]
	fn a_revoked_credential_says_when_and_why() {
		let mut chain = onchain();
		chain["status"] = json!({ "state": "revoked", "reason": 3, "block": 42 });
		let report = judged(&document(), &chain);
		assert_eq!(failed(&report), vec!["status"]);
		assert!(report.to_string().contains("revoked at block 42 with reason code 3"), "{report}");
	}

	#[test]
	fn each_attested_field_that_differs_fails_its_own_check_with_both_values() {
		let cases: [(&str, Value, &str, &str); 7] = [
			("/issuer", json!("did:educhain:5Fake"), "issuer", &format!(r#"the document says "5Fake", the chain says "{UNI}""#)),
			("/credentialSubject/id", json!("did:educhain:5Ben"), "holder", r#"the document says "5Ben""#),
			("/credentialSubject/credential", json!("Certificate"), "kind", r#"the document says "Certificate", the chain says "Degree""#),
			("/credentialSubject/program/id", json!(2), "program", "credentialSubject.program.id: the document says 2, the chain says 1"),
			("/credentialSubject/program/document", json!("0x00"), "program", r#"the document says "0x00""#),
			("/credentialSubject/enrolment", json!(7), "enrolment", "the document says 7, the chain says 0"),
			("/validFrom", json!("2020-01-01T00:00:00Z"), "dates", "the chain issued it on 2025-11-21"),
		];
		for (path, value, check, says) in cases {
			let mut doc = document();
			*doc.pointer_mut(path).unwrap() = value;
			let report = judged(&doc, &onchain());
			assert_eq!(failed(&report), vec![check], "{report}");
			assert!(report.to_string().contains(says), "{path}: {report}");
		}
	}

	#[test]
	fn a_micro_credential_cannot_pass_as_a_degree() {
		let mut chain = onchain();
		chain["kind"] = json!("MicroCredential");
		chain["program"] = Value::Null;
		chain["enrolment"] = Value::Null;
		chain["facts"] = Value::Null;
		chain["course"] = json!({ "id": 0, "document": COURSE_DOC });
		let report = judged(&document(), &chain);
		let failed = failed(&report);
		assert!(failed.contains(&"kind") && failed.contains(&"course") && failed.contains(&"program"), "{report}");
		let honest = micro_credential(UNI, ANN, 0, COURSE_DOC);
		let report = judged(&honest, &chain);
		assert!(report.valid(), "{report}");
	}

	#[test]
	fn missing_or_malformed_fields_on_chain_fail() {
		let mut chain = onchain();
		chain["facts"].as_object_mut().unwrap().remove("creditsRequired");
		assert!(serde_json::from_value::<VerifyResponse>(chain).is_err(), "a malformed answer never becomes a record");
		let mut chain = onchain();
		chain["facts"] = Value::Null;
		assert_eq!(failed(&judged(&document(), &chain)), vec!["linkage"]);
		let mut chain = onchain();
		chain["issuerActiveAtIssue"] = json!(false);
		assert_eq!(failed(&judged(&document(), &chain)), vec!["issuer"]);
		let mut chain = onchain();
		chain["facts"]["imported"] = json!(false);
		chain["facts"]["recorded"] = json!(19_602);
		assert_eq!(failed(&judged(&document(), &chain)), vec!["linkage"], "a live start before its record");
	}
}

#[cfg(test)]
mod open_badges {
	//! Signed Open Badges credentials, judged with their proofs and the issuer's DID document.
	use super::fixtures::{answer, failed, ANN, GENESIS, PROGRAM_DOC, UNI};
	use super::*;
	use educhain_client::vc::{multikey, proof};
	use serde_json::json;
	use sp_core::{ed25519, Pair};

	fn did(account: &str) -> String {
		format!("{DID_PREFIX}{account}")
	}

	fn key() -> ed25519::Pair {
		ed25519::Pair::from_seed(&[7; 32])
	}

	/// A degree as `educhain-cli credentials issue` writes it, before signing.
	fn unsigned() -> Value {
		let mut doc = json!({
			"@context": document::OB_CONTEXTS, "type": document::OB_TYPES,
			"issuer": { "id": did(UNI), "type": ["Profile"], "name": "University of Testing" },
			"validFrom": "2025-11-21T09:00:00Z", "name": "BSc Data Science",
			"credentialSubject": {
				"id": did(ANN), "type": ["AchievementSubject"], "enrolment": 0,
				"achievement": {
					"id": "urn:educhain:program:1", "type": ["Achievement"], "achievementType": "Degree",
					"name": "BSc Data Science", "description": "Three years of data science.",
					"criteria": { "id": format!("urn:educhain:document:{PROGRAM_DOC}") },
				},
			},
		});
		let id = credential_id(&doc).unwrap();
		doc["credentialStatus"] = json!({ "type": "EduchainCredentialStatus", "credentialId": id, "genesisHash": GENESIS });
		doc
	}

	async fn signed() -> Value {
		let mut doc = unsigned();
		let method = multikey::method_id(&did(UNI), &key().public().0);
		proof::sign(&mut doc, &key(), &method, "2025-11-21T09:00:00Z", &[proof::Suite::Rdfc, proof::Suite::Jcs]).await.unwrap();
		doc
	}

	/// The chain: the degree issued at block 42, and the issuer's key added at `added` and
	/// ended at `ended`.
	async fn judged(doc: &Value, found: bool, added: u32, ended: Option<u32>) -> Report {
		let id = format!("{:?}", credential_id(doc).unwrap());
		let public = multikey::encode(&key().public().0);
		let method = json!({
			"id": format!("{}#{public}", did(UNI)), "type": "Multikey", "controller": did(UNI),
			"publicKeyMultibase": public, "addedAtBlock": added, "endedAtBlock": ended,
		});
		let did = serde_json::from_value(json!({
			"@context": [], "id": did(UNI), "verificationMethod": [method], "assertionMethod": [], "registryStatus": "Active",
		}))
		.unwrap();
		let proofs = proof::verify(doc).await.unwrap();
		super::fixtures::judged(doc, &id, &answer(&id, found, 20_413, false, 20_778), proofs, Some(did))
	}

	#[tokio::test]
	async fn a_signed_degree_is_valid_and_its_other_members_are_the_issuers_word() {
		let report = judged(&signed().await, true, 40, None).await;
		assert!(report.valid() && report.signed, "{report}");
		let text = report.to_string();
		assert!(text.contains("proof 1 (eddsa-rdfc-2022): signed with did:educhain:5Grw"), "{text}");
		assert!(text.contains("proof 2 (eddsa-jcs-2022)"), "{text}");
		assert!(text.contains("attested by the issuer's signature only"), "{text}");
		assert!(report.unattested.contains(&r#"credentialSubject.achievement.name = "BSc Data Science""#.to_string()));
		// Without its proofs, the same document is only the chain's word.
		let mut bare = signed().await;
		bare.as_object_mut().unwrap().remove("proof");
		let report = judged(&bare, true, 40, None).await;
		assert!(report.valid() && !report.signed, "{report}");
		assert!(report.to_string().contains("stated by the document only"), "{report}");
	}

	#[tokio::test]
	async fn changing_any_signed_member_fails_naming_the_proofs() {
		// A member in the id: the chain knows no such credential, and both proofs fail.
		let mut doc = signed().await;
		doc["credentialSubject"]["achievement"]["description"] = json!("Four years.");
		let report = judged(&doc, false, 40, None).await;
		assert_eq!(failed(&report), vec!["integrity", "proof", "proof"], "{report}");
		assert!(report.to_string().contains("proof 1 (eddsa-rdfc-2022): the signature does not match"), "{report}");
		// A member outside the id: the id is still on chain, but the proofs name the change.
		let mut doc = signed().await;
		doc["credentialStatus"]["genesisHash"] = json!(format!("0x{}", "22".repeat(32)));
		assert_eq!(failed(&judged(&doc, true, 40, None).await), vec!["credentialStatus", "proof", "proof"]);
		let mut doc = signed().await;
		doc["proof"][1]["created"] = json!("2026-01-01T00:00:00Z");
		assert_eq!(failed(&judged(&doc, true, 40, None).await), vec!["proof"]);
	}

	#[tokio::test]
	async fn the_key_must_have_been_the_issuers_at_the_block_of_issue() {
		let doc = signed().await;
		// Rotated after the issue: still valid.
		assert!(judged(&doc, true, 40, Some(43)).await.valid());
		// Revoked, or added, before the issue: not.
		let report = judged(&doc, true, 30, Some(42)).await;
		assert_eq!(failed(&report), vec!["proof", "proof"], "{report}");
		assert!(report.to_string().contains("was not did:educhain:5Grw"), "{report}");
		assert_eq!(failed(&judged(&doc, true, 43, None).await), vec!["proof", "proof"]);
	}
}

#[cfg(test)]
mod worked_example {
	/// docs/credentials.md's worked example; the digest was computed independently (Python).
	#[test]
	fn the_documented_example_has_the_documented_id() {
		let text = include_str!("../../docs/examples/degree.json");
		let document: serde_json::Value = serde_json::from_str(text).unwrap();
		assert_eq!(
			format!("{:?}", super::credential_id(&document).unwrap()),
			"0x462c84a89321cc36671024eec5432275dc30666e6a83c002e32631077c381a3d"
		);
	}
}
