//! The metadata that standard clients (polkadot.js apps, subxt) read documents every call,
//! event, error, storage item and constant of the educhain pallets: no custom type definitions
//! and no guessing what an item means.

use crate::Runtime;
use frame_support::__private::{
	metadata_ir::PalletMetadataIR,
	scale_info::{meta_type, MetaType, TypeDef},
};

/// The education-specific pallets.
const EDUCHAIN: [&str; 7] = ["Ministry", "Admission", "Registry", "Transcripts", "Credentials", "Coins", "FlLedger"];

/// `(variant, has docs)` for each variant of the enum `ty`.
fn variants(ty: &MetaType) -> Vec<(&'static str, bool)> {
	match ty.type_info().type_def {
		TypeDef::Variant(v) => v.variants.iter().map(|v| (v.name, v.docs.iter().any(|d| !d.trim().is_empty()))).collect(),
		other => panic!("{:?} is not an enum: {other:?}", ty.type_info().path),
	}
}

/// Everything of `pallet` that has no documentation, as `Pallet.kind.Item`.
fn undocumented(pallet: &PalletMetadataIR) -> Vec<String> {
	let mut missing = Vec::new();
	let mut check = |kind: &str, name: &str, documented: bool| {
		if !documented {
			missing.push(format!("{}.{kind}.{name}", pallet.name));
		}
	};
	let has = |docs: &[&'static str]| docs.iter().any(|d| !d.trim().is_empty());
	check("pallet", "", has(&pallet.docs));
	for (kind, ty) in [
		("call", pallet.calls.as_ref().map(|c| &c.ty)),
		("event", pallet.event.as_ref().map(|e| &e.ty)),
		("error", pallet.error.as_ref().map(|e| &e.ty)),
	] {
		for (name, documented) in ty.map(variants).unwrap_or_default() {
			check(kind, name, documented);
		}
	}
	for entry in pallet.storage.iter().flat_map(|s| &s.entries) {
		check("storage", entry.name, has(&entry.docs));
	}
	for constant in &pallet.constants {
		check("constant", constant.name, has(&constant.docs));
	}
	missing
}

#[test]
fn every_educhain_pallet_item_is_documented_in_the_metadata() {
	let metadata = Runtime::metadata_ir();
	let mut missing = Vec::new();
	for name in EDUCHAIN {
		let pallet = metadata.pallets.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no pallet {name}"));
		missing.extend(undocumented(pallet));
	}
	assert!(missing.is_empty(), "undocumented in the metadata: {missing:#?}");
}

#[test]
fn the_check_finds_an_undocumented_variant() {
	/// An enum with one documented variant, its docs kept as the pallet macros keep theirs.
	#[derive(frame_support::__private::scale_info::TypeInfo)]
	#[scale_info(crate = frame_support::__private::scale_info, capture_docs = "always")]
	#[allow(dead_code)]
	enum Sample {
		/// Documented.
		Documented,
		Bare,
	}
	assert_eq!(variants(&meta_type::<Sample>()), vec![("Documented", true), ("Bare", false)]);
}

#[test]
fn metadata_v15_and_later_are_offered() {
	let versions = Runtime::metadata_versions();
	assert!(versions.contains(&15) && versions.contains(&16), "{versions:?}");
	assert!(Runtime::metadata_at_version(15).is_some());
}
