//! Signing a credential document before it is anchored (`docs/credentials.md`): the status
//! pointer is added, then an `eddsa-rdfc-2022` proof and optionally an `eddsa-jcs-2022` one,
//! with an assertion key the chain lists as the issuer's now.

use crate::context::{write_json, Ctx, Error};
use educhain_client::api::did::{did_of, DidRpcClient};
use educhain_client::vc::{key, multikey, proof};
use educhain_verifier::document::Format;
use serde_json::{json, Value};
use sp_core::Pair;
use std::path::{Path, PathBuf};

/// How to sign: the key file, whether to add the JCS proof, and where the result goes.
#[derive(clap::Args, Clone)]
pub struct Signing {
	/// Sign with the assertion key in this keystore file (see `keys new-assertion-key`).
	#[arg(long = "sign", value_name = "KEY_FILE")]
	pub key: Option<PathBuf>,
	/// Add an `eddsa-jcs-2022` proof besides the `eddsa-rdfc-2022` one.
	#[arg(long, requires = "key")]
	pub jcs: bool,
	/// Where the signed document goes: a file (issue) or a directory (issue-batch).
	#[arg(long, requires = "key")]
	pub out: Option<PathBuf>,
}

/// `document`, read from `path`: signed as `signing` says and written where it says, or as it
/// is when not signing. Returns its credential id.
pub async fn prepare(ctx: &Ctx<'_>, path: &Path, mut document: Value, signing: &Signing, out: Option<&Path>) -> Result<[u8; 32], Error> {
	let id = sp_core::H256(crate::digests::credential_of(path, &document)?);
	let Some(key_file) = &signing.key else { return Ok(id.0) };
	let out = out.ok_or_else(|| "--sign needs --out: where the signed document goes".to_string())?;
	if Format::of(&document) != Some(Format::OpenBadge) {
		return Err(format!("{}: only Open Badges 3.0 documents are signed (docs/credentials.md)", path.display()).into());
	}
	let pair = key::load(key_file)?;
	let issuer = did_of(&ctx.signer()?.account());
	let method = multikey::method_id(&issuer, &pair.public().0);
	let current = ctx.client.rpc().resolve(issuer.clone(), None).await?.is_some_and(|d| d.is_current(&method));
	if !current {
		return Err(format!("{method} is not a current assertion key of {issuer}: register it with `registry add-key`").into());
	}
	let genesis = format!("{:?}", ctx.client.genesis_hash().await?);
	document["credentialStatus"] = json!({"type": "EduchainCredentialStatus", "credentialId": id, "genesisHash": genesis});
	let suites: &[proof::Suite] = if signing.jcs { &[proof::Suite::Rdfc, proof::Suite::Jcs] } else { &[proof::Suite::Rdfc] };
	proof::sign(&mut document, &pair, &method, &now(), suites).await?;
	write_json(out, &document)?;
	Ok(id.0)
}

/// Now, as an RFC 3339 UTC date-time to the second.
pub(crate) fn now() -> String {
	educhain_verifier::dates::date_time(educhain_verifier::dates::now())
}
