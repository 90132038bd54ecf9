//! Weights of the polkadot-sdk code the runtime uses, measured on this runtime by
//! `scripts/benchmark.sh` (the educhain pallets keep theirs in their own `weights.rs`).

pub mod frame_system_extensions;
