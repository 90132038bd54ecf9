//! `registry`: institutions, applications, votes, ministry decisions, session keys and
//! lecturers.

use crate::context::{named, Ctx, Error, Output};
use crate::digests::hex32;
use crate::summary;
use clap::Subcommand;
use educhain_client::api::registry::RegistryRpcClient;
use educhain_runtime::{AccountId, RuntimeCall};
use pallet_registry::{Action, Call, InstitutionKind};
use sp_core::Pair;

#[derive(Subcommand)]
pub enum Registry {
	/// Apply to join (as the candidate institution, the signer).
	Apply {
		/// University, College, School or Other.
		#[arg(long, value_parser = kind)]
		kind: InstitutionKind,
		/// Digest of the institution's off-chain profile (32 bytes, 0x-hex).
		#[arg(long, value_parser = hex32)]
		profile: [u8; 32],
	},
	/// An institution's record.
	Institution {
		/// The institution (SS58 address).
		account: AccountId,
	},
	/// Every institution that is or was a member.
	Members,
	/// Open applications, with their tallies.
	Applications,
	/// Open motions to suspend, reinstate or remove members.
	Motions,
	/// An institution's lecturers.
	Lecturers {
		/// The institution (SS58 address).
		institution: AccountId,
	},
	/// Vote on an application or motion about `subject` (as a member institution).
	Vote {
		/// The applicant or member the proposal is about (SS58 address).
		subject: AccountId,
		/// aye or nay.
		#[arg(value_parser = ["aye", "nay"])]
		vote: String,
	},
	/// Admit an applicant (as the ministry).
	Approve {
		/// The applicant (SS58 address).
		subject: AccountId,
	},
	/// Refuse an applicant (as the ministry).
	Reject {
		/// The applicant (SS58 address).
		subject: AccountId,
	},
	/// Suspend, reinstate or remove a member: at once as the ministry, or as a motion that the
	/// other members vote on.
	Propose {
		/// The member (SS58 address).
		subject: AccountId,
		/// Suspend, Reinstate or Remove.
		#[arg(value_parser = action)]
		action: Action,
	},
	/// Make new session keys on the node at --url (the signer's own node: the method is
	/// unsafe, so local only) and register them for the signer, which becomes an authority
	/// from the session after next. Run it again to rotate the keys.
	SetKeys,
	/// Appoint a lecturer (as an institution).
	GrantLecturer {
		/// The lecturer (SS58 address).
		lecturer: AccountId,
	},
	/// Withdraw a lecturer's appointment (as an institution).
	RevokeLecturer {
		/// The lecturer (SS58 address).
		lecturer: AccountId,
	},
	/// Register an Ed25519 assertion key that signs the signer's credentials from now on (as
	/// an institution): a keystore file, or a public key `z6Mk…`.
	AddKey {
		/// The key: `z6Mk…`, or a keystore file from `keys new-assertion-key`.
		#[arg(value_parser = public_key)]
		key: [u8; 32],
	},
	/// Replace the current assertion key OLD with NEW (as an institution); credentials issued
	/// with OLD until now stay verifiable.
	RotateKey {
		/// The current key: `z6Mk…`, or its keystore file.
		#[arg(value_parser = public_key)]
		old: [u8; 32],
		/// The key that replaces it: `z6Mk…`, or its keystore file.
		#[arg(value_parser = public_key)]
		new: [u8; 32],
	},
	/// Revoke an institution's assertion key from now on (as the institution or the ministry).
	RevokeKey {
		/// The institution whose key it is (SS58 address).
		institution: AccountId,
		/// The key: `z6Mk…`, or its keystore file.
		#[arg(value_parser = public_key)]
		key: [u8; 32],
	},
}

/// An Ed25519 public key: `z6Mk…` (Multikey), or the path of a keystore file holding the key.
fn public_key(text: &str) -> Result<[u8; 32], String> {
	if text.starts_with('z') {
		return educhain_client::vc::multikey::decode(text);
	}
	Ok(educhain_client::vc::key::load(std::path::Path::new(text))?.public().0)
}

/// An institution kind by name.
fn kind(name: &str) -> Result<InstitutionKind, String> {
	use InstitutionKind::*;
	named([University, College, School, Other], name)
}

/// A motion's action by name (admitting is an application's, not a motion's).
fn action(name: &str) -> Result<Action, String> {
	use Action::*;
	named([Suspend, Reinstate, Remove], name)
}

fn registry(call: Call<educhain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::Registry(call)
}

/// Run a `registry` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Registry) -> Result<Output, Error> {
	let rpc = ctx.client.rpc();
	Ok(match command {
		Registry::Apply { kind, profile } => {
			let landed = ctx.client.apply(&ctx.signer()?, *kind, (*profile).into(), ctx.wait()).await?;
			Output::landed("applied", &landed)
		},
		Registry::Institution { account: a } => {
			let v = rpc.institution(a.clone(), None).await?;
			let human = v.as_ref().map_or(format!("{a} never applied"), summary::institution);
			Output::described(&v, human)?
		},
		Registry::Members => Output::list(&rpc.members(None).await?, summary::institution)?,
		Registry::Applications => Output::list(&rpc.applications(None).await?, summary::proposal)?,
		Registry::Motions => Output::list(&rpc.motions(None).await?, summary::proposal)?,
		Registry::Lecturers { institution } =>
			Output::list(&rpc.lecturers(institution.clone(), None).await?, |l| l.to_string())?,
		Registry::Vote { subject, vote } =>
			ctx.send("voted", registry(Call::vote { subject: subject.clone(), aye: vote == "aye" })).await?,
		Registry::Approve { subject } => ctx.send("approved", registry(Call::approve { subject: subject.clone() })).await?,
		Registry::Reject { subject } => ctx.send("rejected", registry(Call::reject { subject: subject.clone() })).await?,
		Registry::Propose { subject, action } =>
			ctx.send("proposed", registry(Call::propose { subject: subject.clone(), action: *action })).await?,
		Registry::SetKeys => set_keys(ctx).await?,
		Registry::GrantLecturer { lecturer } =>
			ctx.send("appointed", registry(Call::grant_lecturer { lecturer: lecturer.clone() })).await?,
		Registry::RevokeLecturer { lecturer } =>
			ctx.send("withdrawn", registry(Call::revoke_lecturer { lecturer: lecturer.clone() })).await?,
		Registry::AddKey { key } => ctx.send("key added", registry(Call::add_assertion_key { key: *key })).await?,
		Registry::RotateKey { old, new } =>
			ctx.send("key rotated", registry(Call::rotate_assertion_key { old: *old, new: *new })).await?,
		Registry::RevokeKey { institution, key } => {
			let call = Call::revoke_assertion_key { institution: institution.clone(), key: *key };
			ctx.send("key revoked", registry(call)).await?
		},
	})
}

/// The session keys and proof of possession `author_rotateKeysWithOwner` returns.
#[derive(serde::Deserialize)]
struct MadeKeys {
	keys: sp_core::Bytes,
	proof: sp_core::Bytes,
}

/// `author_rotateKeysWithOwner` on the node, then `session.set_keys` with its keys and proof of
/// possession.
async fn set_keys(ctx: &Ctx<'_>) -> Result<Output, Error> {
	let owner = ctx.signer()?.account();
	let made: MadeKeys = ctx.client.call("author_rotateKeysWithOwner", vec![format!("0x{}", hex::encode(&owner)).into()]).await?;
	let keys = <educhain_runtime::SessionKeys as codec::Decode>::decode(&mut &made.keys[..])
		.map_err(|e| format!("the node's session keys do not fit this runtime: {e}"))?;
	let call = RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof: made.proof.0 });
	Ok(ctx.send("session keys registered", call).await?.with("keys", format!("0x{}", hex::encode(&made.keys.0)).into()))
}
