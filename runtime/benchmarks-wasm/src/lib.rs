//! The educhain runtime with `runtime-benchmarks`: natively only `WASM_BINARY` (empty unless
//! built with `EDUCHAIN_BENCH_WASM=1`), compiled to WASM the runtime itself.

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

#[cfg(target_arch = "wasm32")]
pub use educhain_runtime::*;
