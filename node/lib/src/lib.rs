//! The educhain node, but for what its binary (`node/`) adds: see [`Build`].

#![warn(missing_docs)]

mod audit;
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

pub use command::{main, run, Build};
pub use sc_cli::Result;
