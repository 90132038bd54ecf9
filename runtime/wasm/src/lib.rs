//! The educhain runtime's WASM, built by `build.rs` from `runtime/`: `WASM_BINARY` is the code a
//! dev or local chain spec carries. The node embeds it only with its `runtime-wasm` feature (on by
//! default); `scripts/run-dev.sh` leaves it out when the committed `chain-specs/dev.json` was built
//! from the same sources.

include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
