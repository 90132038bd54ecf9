//! # educhain client
//!
//! The one library through which educhain's Rust tools (the CLI, the verifier, the FL client,
//! the load tool and the end-to-end tests) talk to a node:
//!
//! - [`Client`] connects over `ws://` or `http://` through one [`Transport`], reads blocks and
//!   storage, and calls the domain methods through the typed contract of [`educhain_rpc_api`]
//!   (`use educhain_client::api::registry::RegistryRpcClient`, then `client.rpc().members(None)`);
//! - [`Signer`] holds an sr25519 key from a dev name, secret URI, mnemonic or polkadot.js
//!   keystore file;
//! - [`Client::sign_and_submit`] and [`Client::submit`] hand a transaction to the pool, follow
//!   it to its block (or finality), and check that its call succeeded there, returning its
//!   events, or the pallet error with its documentation ([`names`]);
//! - [`Client::light`] runs a light client instead, and [`attested`] reads what a verifier
//!   needs, saying what the answer rests on (the light client's proofs, or a trusted node);
//! - [`receipt`] makes and checks offline receipts: a credential's record with the storage and
//!   finality proofs that prove it, checked from the chain spec's authority set ([`finality`]);
//! - [`vc`] makes and checks the Data Integrity proofs of credential documents;
//! - [`files`] writes what the tools keep for their users whole, never torn by a crash.
//!
//! Nothing here panics on bad input or a failing node: every fallible step returns [`Error`].

#![warn(missing_docs)]

pub mod attested;
mod client;
mod constants;
pub mod error;
pub mod finality;
pub mod light;
#[cfg(feature = "metadata")]
pub mod metadata;
pub mod names;
pub mod receipt;
mod signer;
mod transport;
pub mod tx;
pub mod vc;
mod watch;

pub use client::Client;
pub use educhain_files as files;
pub use educhain_rpc_api as api;
pub use error::{Error, Failure, Result};
pub use signer::Signer;
pub use transport::Transport;
pub use tx::{Landed, Wait};
pub use watch::{TxOutcome, Watch};
