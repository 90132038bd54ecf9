//! Configuration of every pallet in the runtime.
//!
//! - [`system`]: block limits and frame-system.
//! - [`consensus`]: timestamp, Aura, GRANDPA and session (authority rotation).
//! - [`educhain`]: the education-specific pallets.

mod consensus;
mod educhain;
mod system;

pub use consensus::SessionPeriod;
pub use system::{RuntimeBlockLength, RuntimeBlockWeights};
