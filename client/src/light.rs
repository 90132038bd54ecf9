//! The light client as a transport. smoldot follows the chain from its chain spec over libp2p:
//! it checks each finalized block's GRANDPA justification against the authority set, and every
//! storage read and runtime call against a Merkle proof of that block's state. It answers the
//! standard JSON-RPC methods it supports (`chain_getFinalizedHead`, `chain_getHeader`,
//! `state_call`, …); the node's own domain methods are not among them.
//!
//! Its finalized state can be saved ([`Light::database`]) and given back at the next start, so
//! that a later start syncs from there instead of from genesis.

use serde_json::{value::RawValue, Value};
use smoldot_light::{platform::DefaultPlatform, AddChainConfig, AddChainConfigJsonRpc, ChainId, JsonRpcResponses};
use std::{num::NonZero, sync::Arc, time::Duration};
use tokio::sync::Mutex;

/// How many requests may wait; requests go one at a time, so few ever do.
const MAX_PENDING: NonZero<u32> = NonZero::<u32>::MIN.saturating_add(63);

/// The smoldot client, its one chain, and where that chain's answers arrive.
struct Inner {
	client: smoldot_light::Client<Arc<DefaultPlatform>>,
	chain: ChainId,
	responses: JsonRpcResponses<Arc<DefaultPlatform>>,
	next_id: u64,
}

/// A running light client. Requests go one at a time.
pub struct Light {
	inner: Mutex<Inner>,
}

/// Why a request to the light client failed.
#[derive(Debug)]
pub enum LightError {
	/// The light client answered with this JSON-RPC error object.
	Call(Box<RawValue>),
	/// It could not take or answer the request.
	Failed(String),
}

impl Light {
	/// Call `method` with `params` (a JSON array or object, or none); the result. smoldot has
	/// been seen never to answer a request (once in a CI run, the walkthrough's verify waited
	/// 15 minutes while a fresh process answered in 9 s), so an answer that takes longer than
	/// [`ANSWER_LIMIT`] is asked for again, up to [`ATTEMPTS`] times, and then is an error. So is
	/// an answer that smoldot calls worth retrying ([`transient`]).
	pub async fn request(&self, method: &str, params: Option<Box<RawValue>>) -> Result<Box<RawValue>, LightError> {
		let mut inner = self.inner.lock().await;
		let params = params.map_or_else(|| "[]".to_string(), |p| p.get().to_string());
		let mut last = None;
		for _ in 0..ATTEMPTS {
			let id = inner.next_id;
			inner.next_id += 1;
			let request = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":{},"params":{params}}}"#, Value::from(method));
			let chain = inner.chain;
			inner.client.json_rpc_request(request, chain).map_err(|e| LightError::Failed(e.to_string()))?;
			match tokio::time::timeout(ANSWER_LIMIT, answer_to(&mut inner, id, method)).await {
				Ok(Err(LightError::Call(error))) if transient(&error) => last = Some(error),
				Ok(answer) => return answer,
				Err(_) => {},
			}
		}
		Err(last.map_or_else(
			|| LightError::Failed(format!("{method}: no answer from the light client in {ATTEMPTS} tries of {ANSWER_LIMIT:?}")),
			LightError::Call,
		))
	}

	/// The light client's finalized state, to give back to [`start`] next time.
	pub async fn database(&self) -> Result<String, String> {
		let saved = self.request("chainHead_unstable_finalizedDatabase", None).await.map_err(|e| format!("{e:?}"))?;
		serde_json::from_str(saved.get()).map_err(|e| e.to_string())
	}
}

/// How long the light client may take to answer one request before it is asked again.
const ANSWER_LIMIT: Duration = Duration::from_secs(20);
/// How many times a request is sent before it fails.
const ATTEMPTS: u32 = 3;

/// Whether `error` is one that smoldot itself says a retry may cure: the peer it asked for a
/// runtime call's proof did not give one it could use (the page retries it too).
fn transient(error: &RawValue) -> bool {
	error.get().contains("Error trying to access the storage required for the runtime call")
}

/// The answer to request `id`; answers to earlier, abandoned tries and notifications are skipped.
async fn answer_to(inner: &mut Inner, id: u64, method: &str) -> Result<Box<RawValue>, LightError> {
	loop {
		let text = inner.responses.next().await.ok_or_else(|| LightError::Failed("the light client stopped".into()))?;
		let answer: Answer = serde_json::from_str(&text).map_err(|e| LightError::Failed(format!("{method}: {e}")))?;
		if answer.id.as_ref().and_then(Value::as_u64) != Some(id) {
			continue;
		}
		return match (answer.result, answer.error) {
			(Some(result), _) => Ok(result),
			(None, Some(error)) => Err(LightError::Call(error)),
			(None, None) => Err(LightError::Failed(format!("{method}: an answer with neither result nor error"))),
		};
	}
}

/// One JSON-RPC answer.
#[derive(serde::Deserialize)]
struct Answer {
	id: Option<Value>,
	result: Option<Box<RawValue>>,
	error: Option<Box<RawValue>>,
}

/// Peer addresses for the light client from the node at `url`: `system_localListenAddresses`.
/// Only addresses come from that node; nothing it says about blocks or state is used.
pub async fn peers_of(url: &str) -> Result<Vec<String>, String> {
	let client = crate::Client::connect(url).await.map_err(|e| e.to_string())?;
	client.call("system_localListenAddresses", vec![]).await.map_err(|e| e.to_string())
}

/// `chain_spec` (JSON) with `peers` added to its boot nodes. A plain spec, whose genesis the
/// light client would have to build, is refused with the command that makes the raw one.
pub fn with_boot_nodes(chain_spec: &str, peers: &[String]) -> Result<String, String> {
	let mut spec: Value = serde_json::from_str(chain_spec).map_err(|e| format!("the chain spec is not JSON: {e}"))?;
	let object = spec.as_object_mut().ok_or("the chain spec is not a JSON object")?;
	let genesis = object.get("genesis").and_then(Value::as_object);
	if !genesis.is_some_and(|g| g.contains_key("raw") || g.contains_key("stateRootHash")) {
		return Err(PLAIN_SPEC.into());
	}
	let listed = object.entry("bootNodes").or_insert_with(|| Value::Array(Vec::new()));
	let listed = listed.as_array_mut().ok_or("the chain spec's bootNodes is not a list")?;
	listed.extend(peers.iter().cloned().map(Value::String));
	Ok(spec.to_string())
}

/// Why a chain spec without a raw genesis is refused.
pub const PLAIN_SPEC: &str = "the chain spec is not raw (its genesis is not storage): give the raw one, \
	`educhain-node build-spec --chain SPEC --raw > raw.json`";

/// Start a light client for `chain_spec` (a raw chain spec, as JSON) from `database` (what
/// [`Light::database`] gave before, or ""), and wait, up to `limit`, until it has caught up: it
/// has a peer, and its finalized block has reached the best block its peers announced when it
/// first saw them. Without that last step a record finalized a moment ago could be missed, and a
/// credential revoked a moment ago read as valid: warp sync stops at the last justification, and
/// the blocks after it are finalized only when the next GRANDPA commit arrives.
pub async fn start(chain_spec: &str, database: &str, limit: Duration) -> Result<Light, String> {
	let platform = DefaultPlatform::new(env!("CARGO_PKG_NAME").into(), env!("CARGO_PKG_VERSION").into());
	let mut client = smoldot_light::Client::new(platform);
	let json_rpc = AddChainConfigJsonRpc::Enabled { max_pending_requests: MAX_PENDING, max_subscriptions: 16 };
	let config = AddChainConfig {
		user_data: (),
		specification: chain_spec,
		database_content: database,
		potential_relay_chains: std::iter::empty(),
		json_rpc,
		statement_protocol_config: None,
	};
	let added = client.add_chain(config).map_err(|e| format!("the light client refused the chain spec: {e}"))?;
	let responses = added.json_rpc_responses.ok_or("the light client offers no JSON-RPC")?;
	let light = Light { inner: Mutex::new(Inner { client, chain: added.chain_id, responses, next_id: 0 }) };
	// The limit bounds the whole wait, a request that smoldot is slow to answer included.
	let (mut target, mut last) = (None, Err("it has not answered yet".to_string()));
	let caught_up = tokio::time::timeout(limit, async {
		loop {
			last = progress(&light).await;
			if let Ok(Progress::Synced { finalized, peers_best }) = last {
				let target = *target.get_or_insert(peers_best);
				if finalized > 0 && finalized >= target {
					return;
				}
			}
			tokio::time::sleep(Duration::from_millis(100)).await;
		}
	});
	if caught_up.await.is_ok() {
		return Ok(light);
	}
	Err(match (last, target) {
		(Ok(Progress::Synced { finalized, .. }), Some(target)) => format!(
			"the light client did not catch up within {limit:?}: its finalized block is #{finalized}, its peers \
			 announced #{target}; is finality stalled?"
		),
		(Ok(Progress::NoPeer), _) => format!("the light client did not sync within {limit:?}: it found no peer"),
		(Ok(_), _) => format!("the light client did not sync within {limit:?}: still syncing (a longer limit may do)"),
		(Err(e), _) => format!("the light client did not sync within {limit:?}: {e}"),
	})
}

/// How far the light client has come.
enum Progress {
	/// It has no peer that said its best block.
	NoPeer,
	/// It has peers and is syncing.
	Syncing,
	/// It is no longer syncing: its finalized block number, and the highest best block number
	/// its peers announced.
	Synced { finalized: u64, peers_best: u64 },
}

/// The light client's [`Progress`].
async fn progress(light: &Light) -> Result<Progress, String> {
	// Peers first: smoldot answers `system_health` only once it has its runtime ready, which
	// without a peer took 25 to 30 s, past any short limit.
	let listed: Value = ask(light, "system_peers", Value::Array(Vec::new())).await?;
	let best_of = |peer: &Value| peer.get("bestNumber").and_then(Value::as_u64);
	let Some(peers_best) = listed.as_array().and_then(|all| all.iter().filter_map(best_of).max()) else {
		return Ok(Progress::NoPeer);
	};
	let health: Value = ask(light, "system_health", Value::Array(Vec::new())).await?;
	if health.get("isSyncing").and_then(Value::as_bool) != Some(false) {
		return Ok(Progress::Syncing);
	}
	let finalized: Value = ask(light, "chain_getFinalizedHead", Value::Array(Vec::new())).await?;
	let header: Value = ask(light, "chain_getHeader", Value::Array(vec![finalized])).await?;
	let number = header.get("number").and_then(Value::as_str).ok_or("chain_getHeader: no number")?;
	let finalized = u64::from_str_radix(number.trim_start_matches("0x"), 16).map_err(|e| format!("chain_getHeader: {e}"))?;
	Ok(Progress::Synced { finalized, peers_best })
}

/// One request to the light client, its answer as JSON.
async fn ask(light: &Light, method: &str, params: Value) -> Result<Value, String> {
	let params = serde_json::value::to_raw_value(&params).map_err(|e| e.to_string())?;
	let answer = light.request(method, Some(params)).await.map_err(|e| format!("{method}: {e:?}"))?;
	serde_json::from_str(answer.get()).map_err(|e| format!("{method}: {e}"))
}

#[cfg(test)]
mod tests {
	use super::{transient, with_boot_nodes, PLAIN_SPEC};
	use serde_json::{json, value::RawValue, Value};

	fn error(text: &str) -> Box<RawValue> {
		RawValue::from_string(text.to_string()).unwrap()
	}

	#[test]
	fn only_smoldots_storage_access_error_is_asked_again() {
		// As smoldot's `state_call` words it when no peer gave a usable call proof.
		let inaccessible = r#"{"code":-32000,"message":"Error trying to access the storage required for the runtime call"}"#;
		assert!(transient(&error(inaccessible)));
		// A runtime that fails, or a method smoldot lacks, would fail the same way again.
		assert!(!transient(&error(r#"{"code":-32000,"message":"Error during the execution of the runtime: trap"}"#)));
		assert!(!transient(&error(r#"{"code":-32601,"message":"Method not found"}"#)));
	}

	#[test]
	fn peers_join_the_boot_nodes_of_a_raw_spec_and_a_plain_spec_is_refused() {
		let raw = json!({"bootNodes": ["/ip4/10.0.0.1/tcp/30333/p2p/A"], "genesis": {"raw": {"top": {}}}});
		let joined: Value = serde_json::from_str(&with_boot_nodes(&raw.to_string(), &["/ip4/127.0.0.1/tcp/1/p2p/B".into()]).unwrap()).unwrap();
		assert_eq!(joined["bootNodes"], json!(["/ip4/10.0.0.1/tcp/30333/p2p/A", "/ip4/127.0.0.1/tcp/1/p2p/B"]));
		let plain = json!({"bootNodes": [], "genesis": {"runtimeGenesis": {"code": "0x00", "patch": {}}}});
		assert_eq!(with_boot_nodes(&plain.to_string(), &[]), Err(PLAIN_SPEC.to_string()));
		assert!(PLAIN_SPEC.contains("build-spec --chain SPEC --raw"));
	}
}
