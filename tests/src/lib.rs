//! Harness for educhain's end-to-end tests.
//!
//! Every test starts real `educhain-node` processes on loopback with free ports and temporary
//! base paths, talks to them over JSON-RPC, bounds every wait, and kills every process it started
//! (on drop, so also when a test fails).

pub mod chain;
pub mod cli;
pub mod http;
pub mod network;
pub mod node;
pub mod tally;

pub use educhain_client::{rpc, wait_for};

/// The DID a credential document names `who` by: `did:educhain:<SS58 address>`.
pub fn did(who: sp_keyring::Sr25519Keyring) -> String {
	use sp_core::crypto::Ss58Codec;
	format!("did:educhain:{}", who.to_account_id().to_ss58check())
}
