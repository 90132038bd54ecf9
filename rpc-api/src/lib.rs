//! # educhain's JSON-RPC contract
//!
//! Every domain method the node adds to Substrate's standard ones is declared here once, with
//! its parameters and its response type: the node implements the generated `…RpcServer`
//! traits, and clients call the generated `…RpcClient` traits, so a renamed or retyped field
//! breaks the build of both instead of a user's program.
//!
//! On the wire: accounts are SS58 strings, digests `0x`-hex, field names camelCase, enum
//! states their names, fixed-point values exact decimal strings ([`Decimal`]). `docs/rpc.md`
//! documents each method for people.

#![warn(missing_docs)]

pub mod coins;
pub mod credentials;
mod decimal;
pub mod did;
pub mod fl;
pub mod multikey;
pub mod registry;
pub mod transcripts;

pub use decimal::Decimal;
pub use jsonrpsee::{core::RpcResult, types::ErrorObjectOwned};

/// An account on the wire: its SS58 form.
pub type AccountId = sp_core::crypto::AccountId32;
/// A block hash or digest on the wire: `0x`-hex.
pub type Hash = sp_core::H256;
/// A block number.
pub type BlockNumber = u32;

/// The JSON-RPC error code of a failed runtime API call.
pub const RUNTIME_API_FAILED: i32 = 1;

/// The error a method returns when the runtime API behind it fails.
pub fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME_API_FAILED, "runtime API call failed", Some(e.to_string()))
}

/// An enum's variant name, as the wire carries states and kinds.
pub(crate) fn name(value: &impl std::fmt::Debug) -> String {
	let text = format!("{value:?}");
	// A variant with fields prints them after its name; the name is what is sent.
	text.split([' ', '(', '{']).next().unwrap_or_default().to_string()
}
