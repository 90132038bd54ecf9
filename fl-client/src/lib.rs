//! Federated learning with differential privacy over the educhain ledger (DFL-DP).
//!
//! Each participant makes a private change to the [`model`] on its own shard of the [`data`]
//! (one DP-SGD step: each sample's step clipped to S, summed and divided by the m it registered
//! on chain, so that one sample moves it by at most 2S/m, as [`sensitivity`] measures), adds
//! the Gaussian noise the ledger requires for that m ([`update`]), and publishes the noisy model on chain
//! ([`ledger`]). It then reads everyone's updates back from the block bodies, checks them
//! against their digests, and aggregates them: by FedAvg, and by its personalized,
//! correlation-weighted average, whose digest and weights it records. An [`audit`] recomputes
//! a recorded aggregate from the chain alone. [`run`] drives n participants and measures them;
//! [`sweep`] makes the accuracy and privacy figures.

#![warn(missing_docs)]

pub mod audit;
pub mod data;
pub mod ledger;
pub mod model;
pub mod run;
#[cfg(test)]
mod sensitivity;
pub mod sweep;
pub mod update;
