//! A minimal runtime for the admission pallet's unit tests.

use crate as pallet_admission;
use frame_support::{derive_impl, traits::Contains};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Admission: pallet_admission,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The only member in tests.
pub const MEMBER: u64 = 1;
/// An account that is not a member.
pub const STRANGER: u64 = 2;

pub struct Members;
impl Contains<u64> for Members {
	fn contains(who: &u64) -> bool {
		*who == MEMBER
	}
}

/// `remark_with_event` plays the open call in tests.
pub struct OpenCalls;
impl Contains<RuntimeCall> for OpenCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::System(frame_system::Call::remark_with_event { .. }))
	}
}

impl pallet_admission::Config for Test {
	type Members = Members;
	type OpenCalls = OpenCalls;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	frame_system::GenesisConfig::<Test>::default().build_storage().unwrap().into()
}
