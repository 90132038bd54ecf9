//! [`Client`]: a connection to one node, and the reads every tool needs.

use crate::{Error, Result, Transport};
use educhain_runtime::Header;
use codec::Decode;
use jsonrpsee::core::{
	client::{ClientT, Subscription, SubscriptionClientT},
	params::ArrayParams,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sp_core::{storage::StorageChangeSet, Bytes, H256};
use std::time::Duration;

/// A connection to one educhain node.
pub struct Client {
	transport: Transport,
}

impl Client {
	/// Connect to `url` (`ws://…` or `http://…`), once.
	pub async fn connect(url: &str) -> Result<Client> {
		let transport =
			Transport::connect(url).await.map_err(|reason| Error::Connect { url: url.into(), reason })?;
		Ok(Client { transport })
	}

	/// Start a light client for the network of `chain_spec` (a raw chain spec, as JSON), with
	/// `peers` added to its boot nodes, from `database` (a saved [`Client::light_database`], or
	/// ""), and wait up to `limit` until it has synced.
	pub async fn light(chain_spec: &str, peers: &[String], database: &str, limit: Duration) -> Result<Client> {
		let failed = |reason| Error::Connect { url: "the light client".into(), reason };
		let spec = crate::light::with_boot_nodes(chain_spec, peers).map_err(failed)?;
		let light = crate::light::start(&spec, database, limit).await.map_err(failed)?;
		Ok(Client { transport: Transport::Light(Box::new(light)) })
	}

	/// The light client's finalized state, to start from next time; `None` for a node.
	pub async fn light_database(&self) -> Result<Option<String>> {
		let Transport::Light(light) = &self.transport else { return Ok(None) };
		light.database().await.map(Some).map_err(Error::Decode)
	}

	/// Connect to `url`, retrying every half second until the node answers or `limit` passes:
	/// for a node that is still starting. A URL with a scheme the client does not speak fails at once.
	pub async fn connect_within(url: &str, limit: Duration) -> Result<Client> {
		let deadline = tokio::time::Instant::now() + limit;
		loop {
			match Client::connect(url).await {
				Ok(client) => return Ok(client),
				Err(e) if !Transport::speaks(url) || tokio::time::Instant::now() > deadline => return Err(e),
				Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
			}
		}
	}

	/// The transport, on which the typed domain methods of [`crate::api`] are called.
	pub fn rpc(&self) -> &Transport {
		&self.transport
	}

	/// Call JSON-RPC method `method` with positional `params`.
	pub async fn call<R: DeserializeOwned>(&self, method: &str, params: Vec<Value>) -> Result<R> {
		let mut p = ArrayParams::new();
		for v in params {
			p.insert(v).map_err(|e| Error::Decode(format!("{method} parameter: {e}")))?;
		}
		self.transport.request(method, p).await.map_err(|error| Error::Rpc { method: method.into(), error })
	}

	/// The hash of block `number` on the node's best chain, if it has one.
	pub async fn block_hash(&self, number: u32) -> Result<Option<H256>> {
		self.call("chain_getBlockHash", vec![number.into()]).await
	}

	/// The genesis hash.
	pub async fn genesis_hash(&self) -> Result<H256> {
		self.block_hash(0).await?.ok_or_else(|| Error::Decode("the node has no block 0".into()))
	}

	/// The header of block `at` (the best block if `None`).
	pub async fn header(&self, at: Option<H256>) -> Result<Header> {
		let header: Option<Header> = self.call("chain_getHeader", vec![hash_param(at)]).await?;
		match (header, at) {
			(Some(header), _) => Ok(header),
			(None, Some(hash)) => Err(Error::NoBlock(hash)),
			(None, None) => Err(Error::Decode("the node gave no best block".into())),
		}
	}

	/// The best block's number.
	pub async fn best_number(&self) -> Result<u32> {
		Ok(self.header(None).await?.number)
	}

	/// The finalized head's hash.
	pub async fn finalized_hash(&self) -> Result<H256> {
		self.call("chain_getFinalizedHead", vec![]).await
	}

	/// The finalized head's number.
	pub async fn finalized_number(&self) -> Result<u32> {
		Ok(self.header(Some(self.finalized_hash().await?)).await?.number)
	}

	/// The encoded extrinsics of block `hash`.
	pub async fn block_extrinsics(&self, hash: H256) -> Result<Vec<Vec<u8>>> {
		let block: Option<SignedBlock> = self.call("chain_getBlock", vec![hash_param(Some(hash))]).await?;
		let block = block.ok_or(Error::NoBlock(hash))?;
		Ok(block.block.extrinsics.into_iter().map(|x| x.0).collect())
	}

	/// The raw storage value under `key` at block `at` (the best block if `None`).
	pub async fn storage(&self, key: &[u8], at: Option<H256>) -> Result<Option<Vec<u8>>> {
		let key = format!("0x{}", hex::encode(key));
		let value: Option<Bytes> = self.call("state_getStorage", vec![key.into(), hash_param(at)]).await?;
		Ok(value.map(|b| b.0))
	}

	/// Every key under `prefix` with its value, at block `at` (the best block if `None`), in
	/// key order: `state_getKeysPaged` a thousand at a time, each page read with
	/// `state_queryStorageAt`.
	pub async fn storage_pairs(&self, prefix: &[u8], at: Option<H256>) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
		const PAGE: usize = 1_000;
		let (prefix, mut pairs) = (Value::from(format!("0x{}", hex::encode(prefix))), Vec::new());
		let mut after = Value::Null;
		loop {
			let params = vec![prefix.clone(), PAGE.into(), after, hash_param(at)];
			let keys: Vec<Bytes> = self.call("state_getKeysPaged", params).await?;
			let listed = serde_json::to_value(&keys).map_err(|e| Error::Decode(e.to_string()))?;
			let sets: Vec<StorageChangeSet<H256>> = self.call("state_queryStorageAt", vec![listed, hash_param(at)]).await?;
			for (key, value) in sets.into_iter().flat_map(|set| set.changes) {
				let value = value.ok_or_else(|| Error::Decode(format!("listed key 0x{} has no value", hex::encode(&key.0))))?;
				pairs.push((key.0, value.0));
			}
			match keys.last() {
				Some(last) if keys.len() == PAGE => after = format!("0x{}", hex::encode(&last.0)).into(),
				_ => break,
			}
		}
		pairs.sort();
		Ok(pairs)
	}

	/// The storage value under `key` at `at`, decoded as `T`.
	pub async fn storage_decoded<T: Decode>(&self, key: &[u8], at: Option<H256>) -> Result<Option<T>> {
		let Some(bytes) = self.storage(key, at).await? else { return Ok(None) };
		T::decode(&mut &bytes[..]).map(Some).map_err(|e| Error::Decode(format!("storage 0x{}: {e}", hex::encode(key))))
	}

	/// Call runtime API function `function` (`Api_method`) with the SCALE-encoded `args` at
	/// block `at` (the best block if `None`), decoding its answer as `T`.
	pub async fn runtime_call<T: Decode>(&self, function: &str, args: &[u8], at: Option<H256>) -> Result<T> {
		let params = vec![function.into(), format!("0x{}", hex::encode(args)).into(), hash_param(at)];
		let answer: Bytes = self.call("state_call", params).await?;
		T::decode(&mut &answer[..]).map_err(|e| Error::Decode(format!("{function}: {e}")))
	}

	/// Each new best head as the node announces it, or each newly finalized one (`ws://` only).
	pub async fn heads(&self, finalized: bool) -> Result<Subscription<Header>> {
		let kind = if finalized { "FinalizedHeads" } else { "NewHeads" };
		let (method, unsubscribe) = (format!("chain_subscribe{kind}"), format!("chain_unsubscribe{kind}"));
		let subscribed = self.transport.subscribe(&method, ArrayParams::new(), &unsubscribe).await;
		subscribed.map_err(|error| Error::Rpc { method, error })
	}

	/// The runtime version at block `at` (the best block if `None`).
	pub async fn runtime_version(&self, at: Option<H256>) -> Result<sp_version::RuntimeVersion> {
		self.call("state_getRuntimeVersion", vec![hash_param(at)]).await
	}
}

/// A hash as an optional JSON-RPC parameter.
fn hash_param(at: Option<H256>) -> Value {
	at.map_or(Value::Null, |h| format!("{h:?}").into())
}

/// A block as `chain_getBlock` answers, its extrinsics still encoded, with its justifications.
#[derive(serde::Deserialize)]
pub(crate) struct SignedBlock {
	pub(crate) block: Block,
	/// Each finality engine's justification of the block, if the node stored one.
	pub(crate) justifications: Option<Vec<([u8; 4], Vec<u8>)>>,
}

#[derive(serde::Deserialize)]
pub(crate) struct Block {
	pub(crate) header: Header,
	extrinsics: Vec<Bytes>,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[tokio::test]
	async fn a_bad_url_or_no_node_is_an_error() {
		assert!(matches!(Client::connect("ftp://127.0.0.1:1").await, Err(Error::Connect { .. })));
		// Port 1 on loopback: nothing listens there.
		assert!(matches!(Client::connect("ws://127.0.0.1:1").await, Err(Error::Connect { .. })));
		let http = Client::connect("http://127.0.0.1:1").await.expect("HTTP connects lazily");
		assert!(matches!(http.best_number().await, Err(Error::Rpc { .. })));
	}

	#[tokio::test]
	async fn a_url_no_retry_can_mend_fails_at_once() {
		let started = std::time::Instant::now();
		let connected = Client::connect_within("not-a-url", Duration::from_secs(30)).await;
		assert!(matches!(connected, Err(Error::Connect { .. })));
		assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
	}
}
