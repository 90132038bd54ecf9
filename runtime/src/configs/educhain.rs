//! The education-specific pallets.

use crate::{Ministry, Runtime, RuntimeEvent};
use frame_support::traits::{ConstU32, Nothing};

impl pallet_ministry::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MaxAccounts = ConstU32<16>;
	type WeightInfo = pallet_ministry::weights::SubstrateWeight<Runtime>;
}

impl pallet_admission::Config for Runtime {
	// Later issues extend this with institutions, lecturers and learners.
	type Members = Ministry;
	// No open calls yet; the registry's `apply` will be the first.
	type OpenCalls = Nothing;
	type WeightInfo = pallet_admission::weights::SubstrateWeight<Runtime>;
}
