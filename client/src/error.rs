//! What can go wrong talking to a node, as values.

use educhain_runtime::RuntimeError;
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
		error: jsonrpsee::core::ClientError,
	},
	/// The node answered something this client cannot read.
	Decode(String),
	/// The node has no such block (a hash it never saw, or pruned).
	NoBlock(sp_core::H256),
	/// `what` did not happen within its time limit.
	Timeout(String),
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
			Error::Rpc { method, error } => write!(f, "{method}: {error}"),
			Error::Decode(what) => write!(f, "unreadable answer: {what}"),
			Error::NoBlock(hash) => write!(f, "the node has no block {hash:?}"),
			Error::Timeout(what) => write!(f, "timed out: {what}"),
			Error::Key(why) => write!(f, "key: {why}"),
			Error::Refused(why) => write!(f, "refused: {why}"),
			Error::Failed(why) => write!(f, "failed: {why}"),
		}
	}
}

impl std::error::Error for Error {}

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
