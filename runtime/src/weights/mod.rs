//! Weights of the polkadot-sdk code the runtime uses, measured on this runtime by
//! `scripts/weights.sh` (the educhain pallets keep theirs in their own `weights.rs`).

pub mod frame_system_extensions;
