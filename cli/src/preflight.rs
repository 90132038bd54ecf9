//! Before an institution anchors a degree or certificate: the document is checked as a
//! verifier will check it once the issue lands, so that a document its own record contradicts
//! (another holder, kind, enrolment or program) is refused before any state changes.

use crate::context::{Ctx, Error};
use educhain_client::api::credentials::{CredentialRecord, ProgramRef, StatusView};
use educhain_client::api::transcripts::TranscriptsRpcClient;
use educhain_runtime::AccountId;
use pallet_credentials::CredentialKind;
use serde_json::Value;
use std::path::Path;

/// Whether to anchor a document the checks refuse.
#[derive(clap::Args, Clone, Copy)]
pub struct Preflight {
	/// Anchor the document even where it contradicts the record the issue makes, which a verifier
	/// will then find NOT VALID (for testing verifiers).
	#[arg(long)]
	pub unchecked: bool,
}

/// What an issue of `kind` to `holder` for `enrolment` records: the signer as issuer, and the
/// enrolment's program as the chain has it (none when the enrolment is not the holder's).
async fn expected(ctx: &Ctx<'_>, holder: &AccountId, enrolment: u64, kind: CredentialKind) -> Result<Option<CredentialRecord>, Error> {
	let transcript = ctx.client.rpc().transcript(holder.clone(), None).await?;
	let Some(program) = transcript.into_iter().find(|e| e.enrolment == enrolment).and_then(|e| e.program) else {
		return Ok(None);
	};
	Ok(Some(CredentialRecord {
		issuer: ctx.signer()?.account(),
		issuer_active_at_issue: true,
		issuer_active_now: true,
		holder: holder.clone(),
		kind: format!("{kind:?}"),
		program: Some(ProgramRef { id: program.id, document: program.document }),
		enrolment: Some(enrolment),
		course: None,
		issued_at: 0,
		issued_on: Some(educhain_verifier::dates::today()),
		status: StatusView::Valid,
		history: Vec::new(),
		facts: None,
	}))
}

impl Preflight {
	/// Refuses `document`, read from `path`, (unless `--unchecked`) where it contradicts what
	/// issuing it as `kind` to `holder` for `enrolment` records. An enrolment that is not the
	/// holder's is left to the chain, which refuses it with its own error.
	pub async fn check(self, ctx: &Ctx<'_>, path: &Path, document: &Value, holder: &AccountId, enrolment: u64, kind: CredentialKind) -> Result<(), Error> {
		if self.unchecked {
			return Ok(());
		}
		let Some(expected) = expected(ctx, holder, enrolment, kind).await? else { return Ok(()) };
		let failed = educhain_verifier::preflight(document, &expected);
		if failed.is_empty() {
			return Ok(());
		}
		let lines: Vec<String> = failed.iter().map(|c| format!("  [FAIL] {}: {}", c.name, c.detail)).collect();
		let said = format!("{}: a verifier would find it NOT VALID once issued, so it was not sent:\n{}\n(--unchecked sends it anyway)", path.display(), lines.join("\n"));
		Err(said.into())
	}
}
