//! What can go wrong talking to a node, as values.

use educhain_runtime::RuntimeError;
use jsonrpsee::core::ClientError;
use sp_runtime::DispatchError;

/// A result of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a call or transaction did not produce what was asked.
#[derive(Debug)]
pub enum Error {
	/// No connection to `url`.
	Connect {
		/// The URL tried.
		url: String,
		/// Why it failed.
		reason: String,
	},
	/// JSON-RPC method `method` failed: the node's error, or the transport's.
	Rpc {
		/// The method called.
		method: String,
		/// The node's error, or the transport's.
		error: ClientError,
	},
	/// The node answered something this client cannot read.
	Decode(String),
	/// The node has no such block (a hash it never saw, or pruned).
	NoBlock(sp_core::H256),
	/// `what` did not happen within its time limit.
	Timeout(String),
	/// A transaction the pool accepted did not settle within its limit: it may still land, which
	/// its sender must know before sending it again.
	Unsettled {
		/// What did not happen in time.
		why: String,
		/// The transaction's hash, to look for it by ([`crate::Client::find_transaction`]).
		hash: sp_core::H256,
		/// The block to look from: the best one before it was sent, less one.
		from: u32,
	},
	/// A key could not be loaded or made.
	Key(String),
	/// The pool refused the transaction, or dropped it unincluded.
	Refused(Failure),
	/// It is in a block, but its call failed.
	Failed(Failure),
}

impl std::fmt::Display for Error {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Error::Connect { url, reason } => write!(f, "cannot reach {url}: {reason}"),
			Error::Rpc { method, error } => write!(f, "{method}: {}", said(error)),
			Error::Decode(what) => write!(f, "unreadable answer: {what}"),
			Error::NoBlock(hash) => write!(f, "the node has no block {hash:?}"),
			Error::Timeout(what) => write!(f, "timed out: {what}"),
			Error::Unsettled { why, hash, from } => write!(
				f,
				"timed out: {why}; the pool accepted it, so it may still land: look for transaction {hash:?} in the blocks from #{from} before sending it again"
			),
			Error::Key(why) => write!(f, "key: {why}"),
			Error::Refused(why) => write!(f, "refused: {why}"),
			Error::Failed(why) => write!(f, "failed: {why}"),
		}
	}
}

impl std::error::Error for Error {}

/// What a JSON-RPC failure says, in words: the node's error as its message and data
/// (`Invalid params: not a did:educhain DID: …`; jsonrpsee shows the object in Debug form), any
/// other as the transport says it.
pub fn said(error: &ClientError) -> String {
	let ClientError::Call(object) = error else { return error.to_string() };
	let Some(data) = object.data() else { return object.message().to_string() };
	// The node's data is mostly a JSON string, shown without its quotes.
	let data = serde_json::from_str::<String>(data.get()).unwrap_or_else(|_| data.get().to_string());
	format!("{}: {data}", object.message())
}

impl Error {
	/// The transaction's failure, when it was refused or failed.
	pub fn failure(&self) -> Option<&Failure> {
		match self {
			Error::Refused(f) | Error::Failed(f) => Some(f),
			_ => None,
		}
	}
}

/// Why a transaction did not take effect, in words and, when it is one, as the runtime's error.
#[derive(Debug)]
pub struct Failure {
	/// `pallet.Error` (pallet in lower camel case) for a pallet's error, else what the node
	/// or dispatch said.
	pub error: String,
	/// The error's documentation, from the runtime's metadata.
	pub docs: String,
	/// The runtime's own error, when the call failed in a block with a pallet error.
	pub runtime: Option<RuntimeError>,
	/// The dispatch error, when the call failed in a block.
	pub dispatch: Option<DispatchError>,
}

impl Failure {
	/// A failure known only by what the node said.
	pub fn said(what: impl Into<String>) -> Self {
		Failure { error: what.into(), docs: String::new(), runtime: None, dispatch: None }
	}
}

impl std::fmt::Display for Failure {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self.docs.is_empty() {
			true => write!(f, "{}", self.error),
			false => write!(f, "{}: {}", self.error, self.docs),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use jsonrpsee::types::ErrorObjectOwned;

	#[test]
	fn a_nodes_error_is_said_in_words_not_in_debug_form() {
		let did = ErrorObjectOwned::owned(-32602, "Invalid params", Some("not a did:educhain DID: did:x"));
		assert_eq!(said(&ClientError::Call(did)), "Invalid params: not a did:educhain DID: did:x");
		let structured = ErrorObjectOwned::owned(1, "runtime API call failed", Some(serde_json::json!({"at": 3})));
		assert_eq!(said(&ClientError::Call(structured)), r#"runtime API call failed: {"at":3}"#);
		let bare = ErrorObjectOwned::owned::<()>(-32601, "Method not found", None);
		let error = Error::Rpc { method: "did_resolve".into(), error: ClientError::Call(bare) };
		assert_eq!(error.to_string(), "did_resolve: Method not found");
		assert_eq!(said(&ClientError::Custom("gone".into())), "Custom error: gone", "the transport says it as before");
	}
}
