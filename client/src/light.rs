//! The light client as a transport. smoldot (through subxt's small `subxt-lightclient` wrapper)
//! follows the chain from its chain spec over libp2p: it checks each finalized block's GRANDPA
//! justification against the authority set, and every storage read and runtime call against a
//! Merkle proof of that block's state. It answers the standard JSON-RPC methods it supports
//! (`chain_getFinalizedHead`, `chain_getHeader`, `state_call`, `state_getStorage`, …); the
//! node's own domain methods are not among them.

use serde_json::Value;
use std::time::Duration;
use subxt_lightclient::{LightClient, LightClientRpc};

/// A running light client and its JSON-RPC handle.
pub struct Light {
	/// Kept so that the client lives as long as the transport.
	_client: LightClient,
	/// Where requests go.
	pub(crate) rpc: LightClientRpc,
}

/// Peer addresses for the light client from the node at `url`: `system_localListenAddresses`.
/// Only addresses come from that node; nothing it says about blocks or state is used.
pub async fn peers_of(url: &str) -> Result<Vec<String>, String> {
	let client = crate::Client::connect(url).await.map_err(|e| e.to_string())?;
	client.call("system_localListenAddresses", vec![]).await.map_err(|e| e.to_string())
}

/// `chain_spec` (JSON) with `peers` added to its boot nodes.
pub fn with_boot_nodes(chain_spec: &str, peers: &[String]) -> Result<String, String> {
	let mut spec: Value = serde_json::from_str(chain_spec).map_err(|e| format!("the chain spec is not JSON: {e}"))?;
	let object = spec.as_object_mut().ok_or("the chain spec is not a JSON object")?;
	let listed = object.entry("bootNodes").or_insert_with(|| Value::Array(Vec::new()));
	let listed = listed.as_array_mut().ok_or("the chain spec's bootNodes is not a list")?;
	listed.extend(peers.iter().cloned().map(Value::String));
	Ok(spec.to_string())
}

/// Start a light client for `chain_spec` (a raw chain spec, as JSON) and wait, up to `limit`,
/// until it has a peer and has synced to a finalized block past genesis.
pub async fn start(chain_spec: &str, limit: Duration) -> Result<Light, String> {
	let (client, rpc) =
		LightClient::relay_chain(chain_spec).map_err(|e| format!("the light client refused the chain spec: {e}"))?;
	let light = Light { _client: client, rpc };
	let deadline = tokio::time::Instant::now() + limit;
	loop {
		match synced(&light.rpc).await {
			Ok(true) => return Ok(light),
			Ok(false) | Err(_) if tokio::time::Instant::now() < deadline =>
				tokio::time::sleep(Duration::from_millis(200)).await,
			Ok(false) => return Err(format!("the light client did not sync within {limit:?}: no peer, or no finalized block")),
			Err(e) => return Err(format!("the light client did not sync within {limit:?}: {e}")),
		}
	}
}

/// Whether the light client has a peer, is not catching up, and has finalized past genesis.
async fn synced(rpc: &LightClientRpc) -> Result<bool, String> {
	let health: Value = ask(rpc, "system_health", Value::Array(Vec::new())).await?;
	let peers = health.get("peers").and_then(Value::as_u64).unwrap_or(0);
	if peers == 0 || health.get("isSyncing").and_then(Value::as_bool) != Some(false) {
		return Ok(false);
	}
	let finalized: Value = ask(rpc, "chain_getFinalizedHead", Value::Array(Vec::new())).await?;
	let header: Value = ask(rpc, "chain_getHeader", Value::Array(vec![finalized])).await?;
	Ok(header.get("number").and_then(Value::as_str).is_some_and(|n| n != "0x0"))
}

/// One request to the light client, its answer as JSON.
async fn ask(rpc: &LightClientRpc, method: &str, params: Value) -> Result<Value, String> {
	let params = serde_json::value::to_raw_value(&params).map_err(|e| e.to_string())?;
	let answer = rpc.request(method.into(), Some(params)).await.map_err(|e| format!("{method}: {e}"))?;
	serde_json::from_str(answer.get()).map_err(|e| format!("{method}: {e}"))
}
