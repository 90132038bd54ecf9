//! Federated learning with differential privacy over the educhain ledger (DFL-DP).
//!
//! Each participant trains the [`model`] on its own shard of the [`data`], clips its change to
//! norm S and adds Gaussian noise ([`update`]), and publishes the noisy model on chain
//! ([`ledger`]). It then reads everyone's updates back from the block bodies, checks them
//! against their digests, and aggregates them: by FedAvg, and by its personalized,
//! correlation-weighted average, whose digest and weights it records. An [`audit`] recomputes
//! a recorded aggregate from the chain alone. [`run`] drives n participants and measures them.

pub mod audit;
pub mod data;
pub mod ledger;
pub mod model;
pub mod run;
pub mod update;
