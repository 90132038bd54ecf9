//! `credentials_verify`: everything a verifier needs about a credential, by the digest of its
//! document, read through the runtime's `CredentialsApi`.

use super::registry::runtime_error;
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_credentials::{api::CredentialsApi, Attests, CredentialStatus, Verification};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use std::sync::Arc;

/// The credentials JSON-RPC methods.
#[rpc(server, namespace = "credentials")]
pub trait CredentialsRpc {
	/// The record behind credential `id` (the SHA-256 of its document's JCS form): `found`,
	/// issuer, holder, kind, what it attests (program with its document digest and enrolment,
	/// or course with its document digest), issue block and day, status (with reason and block
	/// when revoked), whether the issuer was active at issue and is now, the status history,
	/// and the transcript facts.
	#[method(name = "verify")]
	fn verify(&self, id: Hash, at: Option<Hash>) -> RpcResult<Value>;
}

/// Serves [`CredentialsRpcServer`] from a client.
pub struct Credentials<C> {
	client: Arc<C>,
}

impl<C> Credentials<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

fn verification_json(id: Hash, v: &Verification<AccountId, Hash, BlockNumber>) -> Value {
	let Some(c) = &v.credential else { return json!({ "id": id, "found": false }) };
	let status = match c.status {
		CredentialStatus::Valid => json!({ "state": "valid" }),
		CredentialStatus::Revoked { reason, at } => json!({ "state": "revoked", "reason": reason, "block": at }),
	};
	let (program, enrolment, course) = match c.attests {
		Attests::Program { program, document, enrolment } =>
			(json!({ "id": program, "document": document }), json!(enrolment), Value::Null),
		Attests::Course { course, document } => (Value::Null, Value::Null, json!({ "id": course, "document": document })),
	};
	json!({
		"id": id,
		"found": true,
		"issuer": c.issuer.to_ss58check(),
		"issuerActiveAtIssue": c.issuer_active_at_issue,
		"issuerActiveNow": v.issuer_active_now,
		"holder": c.holder.to_ss58check(),
		"kind": format!("{:?}", c.kind),
		"program": program,
		"enrolment": enrolment,
		"course": course,
		"issuedAt": c.issued,
		"issuedOn": c.issued_on,
		"status": status,
		"history": v.history.iter().map(|h| json!({
			"revoked": h.revoked,
			"reason": h.reason,
			"by": h.by.to_ss58check(),
			"block": h.at,
		})).collect::<Vec<_>>(),
		"facts": c.facts.as_ref().map(|f| json!({
			"credits": f.credits,
			"creditsRequired": f.credits_required,
			"classes": f.classes,
			"start": f.start,
			"recorded": f.recorded,
			"imported": f.imported,
			"end": f.until,
			"minDays": f.min_days,
			"maxDays": f.max_days,
		})),
	})
}

impl<C> CredentialsRpcServer for Credentials<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CredentialsApi<Block, AccountId, Hash, BlockNumber>,
{
	fn verify(&self, id: Hash, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let v = self.client.runtime_api().verify(at, id).map_err(runtime_error)?;
		Ok(verification_json(id, &v))
	}
}
