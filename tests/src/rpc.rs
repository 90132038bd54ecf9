//! [`Rpc`]: the client, with the shorthand tests use. A test fails on the spot when a read
//! that must work does not, so these helpers panic, naming what failed; the client itself
//! returns errors.

use educhain_client::Client;
use jsonrpsee::core::{client::ClientT, params::ArrayParams, ClientError};
use serde_json::Value;
use std::time::Duration;

pub use educhain_client::TxOutcome;

/// A connection to one node.
pub struct Rpc {
	/// The client.
	pub client: Client,
}

impl std::ops::Deref for Rpc {
	type Target = Client;

	fn deref(&self) -> &Client {
		&self.client
	}
}

impl Rpc {
	/// Connect, retrying until the node answers or `limit` passes.
	pub async fn try_connect(url: &str, limit: Duration) -> Option<Rpc> {
		Client::connect_within(url, limit).await.ok().map(|client| Rpc { client })
	}

	/// Call `method`, returning the node's error as it is.
	pub async fn call(&self, method: &str, args: Vec<Value>) -> Result<Value, ClientError> {
		let mut params = ArrayParams::new();
		for v in args {
			params.insert(v).map_err(|e| ClientError::Custom(e.to_string()))?;
		}
		self.client.rpc().request(method, params).await
	}

	/// Call `method`, panicking on error.
	pub async fn must(&self, method: &str, args: Vec<Value>) -> Value {
		self.call(method, args).await.unwrap_or_else(|e| panic!("{method} failed: {e}"))
	}

	/// The best block number.
	pub async fn best_number(&self) -> u32 {
		self.client.best_number().await.expect("the best block number")
	}

	/// The finalized block number.
	pub async fn finalized_number(&self) -> u32 {
		self.client.finalized_number().await.expect("the finalized block number")
	}

	/// The hash of block `number` on the best chain, `0x`-hex, if there is one.
	pub async fn block_hash(&self, number: u32) -> Option<String> {
		self.client.block_hash(number).await.expect("chain_getBlockHash").map(|h| format!("{h:?}"))
	}

	/// The raw storage value under `key` at the best block.
	pub async fn storage(&self, key: &[u8]) -> Option<Vec<u8>> {
		self.client.storage(key, None).await.expect("state_getStorage")
	}

	/// `author_submitExtrinsic`, returning the node's error as it is.
	pub async fn submit(&self, xt: &[u8]) -> Result<Value, ClientError> {
		self.call("author_submitExtrinsic", vec![format!("0x{}", hex::encode(xt)).into()]).await
	}

	/// Wait until the block that is best now is finalized: what a light client reads from.
	pub async fn finalize_best(&self, limit: Duration) {
		let best = self.best_number().await;
		crate::wait_for(&format!("block {best} finalized"), limit, || async {
			(self.finalized_number().await >= best).then_some(())
		})
		.await
	}

	/// Wait until the best block is at least `number`.
	pub async fn wait_for_block(&self, number: u32, limit: Duration) {
		crate::wait_for(&format!("block {number}"), limit, || async {
			(self.best_number().await >= number).then_some(())
		})
		.await
	}
}
