//! `registry`: institutions, applications, votes, ministry decisions, session keys and
//! lecturers.

use crate::chain::{account, ss58, variant};
use crate::context::{Ctx, Error, Output};
use crate::digests::hex32;
use clap::Subcommand;
use serde_json::Value;
use subxt::{dynamic, utils::AccountId32};

#[derive(Subcommand)]
pub enum Registry {
	/// Apply to join (as the candidate institution, the signer).
	Apply {
		/// University, College, School or Other.
		#[arg(long, value_parser = ["University", "College", "School", "Other"])]
		kind: String,
		/// Digest of the institution's off-chain profile (32 bytes, 0x-hex).
		#[arg(long, value_parser = hex32)]
		profile: [u8; 32],
	},
	/// An institution's record.
	Institution { account: AccountId32 },
	/// Every institution that is or was a member.
	Members,
	/// Open applications, with their tallies.
	Applications,
	/// Open motions to suspend, reinstate or remove members.
	Motions,
	/// An institution's lecturers.
	Lecturers { institution: AccountId32 },
	/// Vote on an application or motion about `subject` (as a member institution).
	Vote {
		subject: AccountId32,
		/// aye or nay.
		#[arg(value_parser = ["aye", "nay"])]
		vote: String,
	},
	/// Admit an applicant (as the ministry).
	Approve { subject: AccountId32 },
	/// Refuse an applicant (as the ministry).
	Reject { subject: AccountId32 },
	/// Suspend, reinstate or remove a member: at once as the ministry, or as a motion that the
	/// other members vote on.
	Propose {
		subject: AccountId32,
		#[arg(value_parser = ["Suspend", "Reinstate", "Remove"])]
		action: String,
	},
	/// Make new session keys on the node at --url (the signer's own node: the method is
	/// unsafe, so local only) and register them for the signer, which becomes an authority
	/// from the session after next. Run it again to rotate the keys.
	SetKeys,
	/// Appoint a lecturer (as an institution).
	GrantLecturer { lecturer: AccountId32 },
	/// Withdraw a lecturer's appointment (as an institution).
	RevokeLecturer { lecturer: AccountId32 },
}

fn institution_line(i: &Value) -> String {
	format!(
		"{} {} {} (joined at block {})",
		i["account"].as_str().unwrap_or("?"),
		i["kind"].as_str().unwrap_or("?"),
		i["status"].as_str().unwrap_or("?"),
		i["joined"]
	)
}

fn proposal_line(p: &Value) -> String {
	format!(
		"{} {}: {} ayes, {} nays of {} (needs {}), expires at block {}",
		p["action"].as_str().unwrap_or("?"),
		p["subject"].as_str().unwrap_or("?"),
		p["ayes"],
		p["nays"],
		p["electorate"],
		p["threshold"],
		p["expires"]
	)
}

/// Run a `registry` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Registry) -> Result<Output, Error> {
	let tx = |call: &str, subject: &AccountId32| dynamic::tx("Registry", call, vec![account(subject)]);
	Ok(match command {
		Registry::Apply { kind, profile } => {
			let done = ctx.chain.apply(&ctx.signer()?, kind, *profile, ctx.global.finalized).await?;
			Output::landed("applied", done)
		},
		Registry::Institution { account: a } => {
			let v = ctx.call("registry_institution", vec![ss58(a)]).await?;
			let human = if v.is_null() { format!("{a} never applied") } else { institution_line(&v) };
			Output { json: v, human }
		},
		Registry::Members => Output::list(ctx.call("registry_members", vec![]).await?, institution_line),
		Registry::Applications => Output::list(ctx.call("registry_applications", vec![]).await?, proposal_line),
		Registry::Motions => Output::list(ctx.call("registry_motions", vec![]).await?, proposal_line),
		Registry::Lecturers { institution } => Output::list(ctx.call("registry_lecturers", vec![ss58(institution)]).await?, |l| {
			l.as_str().unwrap_or("?").to_string()
		}),
		Registry::Vote { subject, vote } => {
			let call = dynamic::tx("Registry", "vote", vec![account(subject), dynamic::Value::bool(vote == "aye")]);
			ctx.send("voted", &call).await?
		},
		Registry::Approve { subject } => ctx.send("approved", &tx("approve", subject)).await?,
		Registry::Reject { subject } => ctx.send("rejected", &tx("reject", subject)).await?,
		Registry::Propose { subject, action } => {
			let call = dynamic::tx("Registry", "propose", vec![account(subject), variant(action)]);
			ctx.send("proposed", &call).await?
		},
		Registry::SetKeys => set_keys(ctx).await?,
		Registry::GrantLecturer { lecturer } => ctx.send("appointed", &tx("grant_lecturer", lecturer)).await?,
		Registry::RevokeLecturer { lecturer } => ctx.send("withdrawn", &tx("revoke_lecturer", lecturer)).await?,
	})
}

/// `author_rotateKeysWithOwner` on the node, then `session.set_keys` with its keys and proof of
/// possession.
async fn set_keys(ctx: &Ctx<'_>) -> Result<Output, Error> {
	let owner = ctx.signer()?.public_key().to_account_id();
	let made = ctx.call("author_rotateKeysWithOwner", vec![format!("0x{}", hex::encode(owner.0)).into()]).await?;
	let field = |name: &str| -> Result<Vec<u8>, Error> {
		let text = made[name].as_str().ok_or_else(|| format!("author_rotateKeysWithOwner gave no {name}: {made}"))?;
		Ok(hex::decode(text.trim_start_matches("0x")).map_err(|e| format!("{name}: {e}"))?)
	};
	let (keys, proof) = (field("keys")?, field("proof")?);
	let keys_value = ctx.chain.decode_arg("Session", "set_keys", 0, &keys).await?;
	let call = dynamic::tx("Session", "set_keys", vec![keys_value, dynamic::Value::from_bytes(&proof)]);
	Ok(ctx.send("session keys registered", &call).await?.with("keys", format!("0x{}", hex::encode(&keys)).into()))
}
