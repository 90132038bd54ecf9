//! The pallets whose weights the benchmark CLI generates.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_ministry, Ministry]
	[pallet_admission, Admission]
	[pallet_registry, Registry]
	[pallet_transcripts, Transcripts]
	[pallet_credentials, Credentials]
	[pallet_coins, Coins]
	[pallet_fl_ledger, FlLedger]
);

pub(crate) use {add_benchmarks, list_benchmarks};
