//! The educhain runtime with `spec_version` one higher than the real one.
//!
//! Natively this crate only exposes `WASM_BINARY`; compiled to WASM it is the runtime itself.

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

#[cfg(target_arch = "wasm32")]
pub use educhain_runtime::*;
