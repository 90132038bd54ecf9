//! `credentials`: issue degrees and certificates (one, or many from a CSV file), revoke and
//! reinstate them (as the issuer or the ministry), show a record, and verify a document file
//! (as anyone, with the `educhain-verifier` library).

use crate::batch;
use crate::context::{named, read_json, write_json, Ctx, Error, Output};
use crate::digests::{self, hex32};
use crate::preflight::Preflight;
use crate::signing::{self, Signing};
use crate::summary;
use clap::Subcommand;
use educhain_client::{
	api::credentials::{CredentialsRpcClient, StatusView},
	attested::Trust,
	finality::AuthoritySet,
};
use educhain_verifier::{LightArgs, Source, Verifier};
use educhain_runtime::{AccountId, Runtime, RuntimeCall};
use pallet_credentials::{Call, CredentialKind, IssueItem};
use serde_json::json;
use sp_core::{Get, H256};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum Credentials {
	/// The on-chain record of a credential: its id (0x-hex) or its document file.
	Show {
		/// Its id (0x-hex) or its document file.
		#[arg(value_parser = credential)]
		credential: [u8; 32],
	},
	/// Check a credential document (a JSON file) against the chain: every claim the chain
	/// attests (issuer, holder, kind, program or course, enrolment, dates), the status, and the
	/// transcript behind it; members only the document states are listed as such. Exits 1 when
	/// it is not valid. A light client checks the chain's answers by proofs, with peers learnt
	/// from --url; --trust-node believes the node at --url instead.
	Verify {
		/// The credential document.
		file: PathBuf,
		#[command(flatten)]
		read: ReadBy,
		/// Check offline, with this receipt (`credentials receipt`) and the chain spec.
		#[arg(long, conflicts_with_all = ["trust_node", "sync_limit", "light_db"])]
		receipt: Option<PathBuf>,
		/// With --receipt: prove finality from this authority set (`credentials checkpoint`),
		/// which you trust, instead of from the chain spec's genesis set.
		#[arg(long, requires = "receipt")]
		checkpoint: Option<PathBuf>,
	},
	/// The credentials a holder (an SS58 address or `did:educhain:<address>`) holds, with
	/// their status: the chain's records at one finalized block, read like `verify` (a light
	/// client by default, or --trust-node).
	Held {
		/// The holder: an SS58 address or `did:educhain:<address>`.
		holder: String,
		#[command(flatten)]
		read: ReadBy,
	},
	/// Write the authority set that finalizes the node's latest finalized block (--out FILE): a
	/// checkpoint to check receipts from, for whoever trusts this node now.
	Checkpoint {
		/// Where to write it (JSON).
		#[arg(long)]
		out: PathBuf,
	},
	/// Write a receipt that proves a credential's record offline (--out FILE): a finalized
	/// header with its GRANDPA justification, the authority-set changes since genesis, and the
	/// storage proof of the record, its status and the issuer's keys. Over ws the next block
	/// finalized; over HTTP the next one the node keeps a justification of (every 16th), so
	/// up to a minute later.
	Receipt {
		/// Its id (0x-hex) or its document file.
		#[arg(value_parser = credential)]
		credential: [u8; 32],
		/// Where to write the receipt (JSON).
		#[arg(long)]
		out: PathBuf,
	},
	/// Issue a degree or certificate for completing an enrolment (as the institution); the
	/// credential id is the digest of the document file without its proofs and status. With
	/// --sign, the document is signed first and written to --out.
	Issue {
		/// The holder account (SS58 address).
		holder: AccountId,
		/// The completed enrolment the credential is for.
		#[arg(long)]
		enrolment: u64,
		/// Degree or Certificate.
		#[arg(long, value_parser = kind)]
		kind: CredentialKind,
		/// The credential document (a JSON file, see docs/credentials.md).
		#[arg(long)]
		document: PathBuf,
		#[command(flatten)]
		signing: Signing,
		#[command(flatten)]
		preflight: Preflight,
	},
	/// Issue many from a CSV file with the header `holder,enrolment,kind,document`, where
	/// `document` is a file path relative to the CSV file; in batches, showing progress. With
	/// --sign, each document is signed first and written under its own name into --out.
	IssueBatch {
		/// The CSV file.
		file: PathBuf,
		#[command(flatten)]
		signing: Signing,
		#[command(flatten)]
		preflight: Preflight,
	},
	/// Sign a document the chain already holds, issued by the signer, and write it to --out:
	/// for example a micro-credential a learner claimed. Its id does not change.
	Sign {
		/// The credential document.
		document: PathBuf,
		#[command(flatten)]
		signing: Signing,
	},
	/// Revoke a credential (its id or document file) with a reason code (as its issuer or the
	/// ministry).
	Revoke {
		/// Its id (0x-hex) or its document file.
		#[arg(value_parser = credential)]
		credential: [u8; 32],
		/// The reason code, as the issuer's policy numbers reasons.
		#[arg(long)]
		reason: u16,
	},
	/// Reinstate a revoked credential with a reason code (as its issuer or the ministry).
	Reinstate {
		/// Its id (0x-hex) or its document file.
		#[arg(value_parser = credential)]
		credential: [u8; 32],
		/// The reason code, as the issuer's policy numbers reasons.
		#[arg(long)]
		reason: u16,
	},
}

/// A credential id: `0x` and 64 hex digits, or else the path of its document.
fn credential(text: &str) -> Result<[u8; 32], String> {
	if text.starts_with("0x") {
		hex32(text)
	} else {
		digests::credential(Path::new(text))
	}
}

/// How `verify` and `held` read the chain.
#[derive(clap::Args)]
pub struct ReadBy {
	#[command(flatten)]
	pub light: LightArgs,
	/// Believe the node at --url instead of checking by a light client.
	#[arg(long, conflicts_with_all = ["light_db", "sync_limit"])]
	pub trust_node: bool,
}

/// What an institution issues, by name (micro-credentials are claimed with coins).
fn kind(name: &str) -> Result<CredentialKind, String> {
	named([CredentialKind::Degree, CredentialKind::Certificate], name)
}

fn tx(call: Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Credentials(call)
}

/// The chain as `verify` and `held` read it: a light client (peers from --url), or the node.
async fn open(ctx: &Ctx<'_>, by: &ReadBy) -> Result<Verifier, Error> {
	let url = &ctx.global.url;
	let source = match by.trust_node {
		true => Source::Node(url.clone()),
		false => {
			// Without a chain spec, the other way is named.
			by.light.chain_spec().map_err(|e| format!("{e}, or --trust-node"))?;
			by.light.source(Some(url)).await?
		},
	};
	Ok(Verifier::open(&source).await?)
}

/// Keep the light client's state for a faster start next time (`--light-db`), if it can.
async fn save(verifier: &Verifier) {
	if let Err(e) = verifier.save().await {
		eprintln!("the light client's state was not saved: {e}");
	}
}

/// `credentials held`.
async fn held(ctx: &Ctx<'_>, holder: &str, by: &ReadBy) -> Result<Output, Error> {
	let address = holder.strip_prefix(educhain_verifier::DID_PREFIX).unwrap_or(holder);
	let account: AccountId = address.parse().map_err(|_| format!("{holder}: not an SS58 address or did:educhain DID"))?;
	let verifier = open(ctx, by).await?;
	let (basis, held) = verifier.held(&account).await?;
	save(&verifier).await;
	let mut human = vec![format!("{} credentials of {account} at {basis}", held.len())];
	for c in held.iter() {
		let Some(r) = &c.record else { continue };
		let status = match &r.status {
			StatusView::Valid => "valid".to_string(),
			StatusView::Revoked { reason, block } => format!("revoked at block {block}, reason {reason}"),
		};
		human.push(format!("{:?} {} from {} at block {}: {status}", c.id, r.kind, r.issuer, r.issued_at));
	}
	let json = json!({"holder": account.to_string(), "block": {"number": basis.number, "hash": format!("{:?}", basis.hash), "verifiedBy": trust(&basis.trust)}, "credentials": held});
	Ok(Output { json, human: human.join("\n") })
}

/// Whose word a read was, in JSON output.
fn trust(trust: &Trust) -> String {
	match trust {
		Trust::LightClient => "light client".to_string(),
		Trust::Node(url) => format!("trusting {url}"),
		Trust::Receipt { set, .. } => format!("receipt, authority set {set}"),
	}
}

/// `credentials verify --receipt [--checkpoint]`: offline.
pub async fn verify_offline(file: &Path, light: &LightArgs, receipt: &Path, checkpoint: Option<&Path>) -> Result<Output, Error> {
	let document: serde_json::Value = read_json(file, "JSON")?;
	let receipt = read_json(receipt, "a receipt")?;
	let checkpoint: Option<AuthoritySet> = checkpoint.map(|c| read_json(c, "an authority set")).transpose()?;
	let spec = light.chain_spec()?;
	let spec = std::fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
	report(educhain_verifier::verify_receipt(&document, &receipt, &spec, checkpoint.as_ref()).await?)
}

/// `credentials checkpoint`.
async fn checkpoint(ctx: &Ctx<'_>, out: &Path) -> Result<Output, Error> {
	let finalized = ctx.client.finalized_hash().await?;
	let set = educhain_client::receipt::authority_set(&ctx.client, finalized).await?;
	write_json(out, &set)?;
	let human = format!("authority set {} ({} authorities), in {}", set.id, set.authorities.len(), out.display());
	Ok(Output { json: json!({"setId": set.id, "authorities": set.authorities.len()}), human })
}

/// A report as output, as JSON too; an error carrying it when not valid.
fn report(report: educhain_verifier::Report) -> Result<Output, Error> {
	let checks: Vec<_> = report.checks.iter().map(|c| json!({"name": c.name, "passed": c.passed, "detail": c.detail})).collect();
	let mut json = json!({"id": report.id, "valid": report.valid(), "signed": report.signed, "checks": checks});
	if let Some(basis) = &report.basis {
		json["block"] = json!({"number": basis.number, "hash": format!("{:?}", basis.hash), "verifiedBy": trust(&basis.trust)});
	}
	let unattested = if report.signed { "attestedByTheIssuerSignatureOnly" } else { "statedByTheDocumentOnly" };
	json[unattested] = report.unattested.clone().into();
	let out = Output { json, human: report.to_string() };
	if report.valid() {
		Ok(out)
	} else {
		Err(Error::Partial(out))
	}
}

/// `credentials receipt`.
async fn receipt(ctx: &Ctx<'_>, id: H256, out: &Path) -> Result<Output, Error> {
	// Over HTTP the wait is for the node's next kept justification: 16 blocks of 3 s, and then
	// finality.
	let receipt = educhain_client::receipt::make(&ctx.client, id, std::time::Duration::from_secs(120)).await?;
	write_json(out, &receipt)?;
	let block = <educhain_runtime::Header as sp_core::Decode>::decode(&mut &receipt.block.header[..]).map_err(|e| e.to_string())?;
	let human = format!("receipt of {id:?} at finalized block #{}, in {}", block.number, out.display());
	Ok(Output { json: json!({"receipt": out.display().to_string(), "block": block.number, "found": receipt.issuer.is_some()}), human })
}

/// Run a `credentials` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Credentials) -> Result<Output, Error> {
	use Credentials::*;
	Ok(match command {
		Show { credential } => {
			let answer = ctx.client.rpc().verify(H256(*credential), None).await?;
			Output::described(&answer, summary::credential(&answer))?
		},
		Verify { file, read, receipt: None, .. } => {
			// Read before the light client syncs, so that a wrong file fails at once.
			let document: serde_json::Value = read_json(file, "JSON")?;
			let verifier = open(ctx, read).await?;
			let verdict = verifier.verify(&document).await?;
			save(&verifier).await;
			report(verdict)?
		},
		Verify { file, read, receipt: Some(receipt), checkpoint: pin } =>
			verify_offline(file, &read.light, receipt, pin.as_deref()).await?,
		Held { holder, read } => held(ctx, holder, read).await?,
		Checkpoint { out } => checkpoint(ctx, out).await?,
		Receipt { credential, out } => receipt(ctx, H256(*credential), out).await?,
		Issue { holder, enrolment, kind, document, signing, preflight } => {
			let read = read_json(document, "JSON")?;
			preflight.check(ctx, document, &read, holder, *enrolment, *kind).await?;
			let id = signing::prepare(ctx, document, read, signing, signing.out.as_deref()).await?;
			let call = Call::issue { holder: holder.clone(), enrolment: *enrolment, kind: *kind, id: H256(id) };
			ctx.send("issued", tx(call))
				.await?
				.with("id", digests::show(&id).into())
		},
		IssueBatch { file, signing, preflight } => {
			const COLUMNS: [&str; 4] = ["holder", "enrolment", "kind", "document"];
			let rows = batch::read(file, &COLUMNS)?;
			let dir = file.parent().unwrap_or(Path::new("."));
			if let Some(out) = &signing.out {
				std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
			}
			let mut items = Vec::new();
			for row in &rows {
				let holder: AccountId = row.get(file, &COLUMNS, 0, |s| s.parse().map_err(|e| format!("{e:?}")))?;
				let enrolment: u64 = row.get(file, &COLUMNS, 1, |s| s.parse().map_err(|e| format!("{e}")))?;
				let kind = row.get(file, &COLUMNS, 2, kind)?;
				let document = row.get(file, &COLUMNS, 3, |s| Ok::<_, String>(dir.join(s)))?;
				let name = document.file_name().ok_or_else(|| format!("{}: not a file", document.display()))?;
				let out = signing.out.as_ref().map(|out| out.join(name));
				let read = read_json(&document, "JSON")?;
				preflight.check(ctx, &document, &read, &holder, enrolment, kind).await?;
				let id = signing::prepare(ctx, &document, read, signing, out.as_deref()).await?;
				items.push(IssueItem { holder, enrolment, kind, id: H256(id) });
			}
			type Limit = <Runtime as pallet_credentials::Config>::MaxBatch;
			batch::send(ctx, "credentials", &rows, items, <Limit as Get<u32>>::get() as usize, |chunk| {
				let items = chunk.try_into().map_err(|_| "a chunk over the batch limit".to_string())?;
				Ok(tx(Call::issue_batch { items }))
			})
			.await?
		},
		Sign { document, signing } => {
			let read = read_json(document, "JSON")?;
			let id = digests::credential_of(document, &read)?;
			let record = ctx.client.rpc().verify(H256(id), None).await?.record;
			let signer = ctx.signer()?.account();
			if signing.key.is_none() || record.is_none_or(|r| r.issuer != signer) {
				return Err(format!("{}: give --sign, for a credential on chain that the signer issued", document.display()).into());
			}
			signing::prepare(ctx, document, read, signing, signing.out.as_deref()).await?;
			Output::json(json!({ "id": digests::show(&id) }))
		},
		Revoke { credential, reason } => ctx.send("revoked", tx(Call::revoke { id: H256(*credential), reason: *reason })).await?,
		Reinstate { credential, reason } =>
			ctx.send("reinstated", tx(Call::reinstate { id: H256(*credential), reason: *reason })).await?,
	})
}
