//! The pallets' constants (`MaxStartAhead`, `MaxRoster`, …) as the runtime's metadata declares
//! them, so that an error's documentation can say the limit it names instead of its name.

use codec::Decode;
use educhain_runtime::Runtime;
use frame_metadata::RuntimeMetadata;
use scale_info::{PortableRegistry, TypeDef, TypeDefPrimitive};
use std::sync::OnceLock;

/// One constant: its pallet, its name and its value written out.
struct Constant {
	pallet: String,
	name: String,
	value: String,
}

/// Every whole-number constant of every pallet, read once from the metadata the runtime is
/// compiled with (the same as its error documentation).
fn all() -> &'static [Constant] {
	static ALL: OnceLock<Vec<Constant>> = OnceLock::new();
	ALL.get_or_init(|| {
		let RuntimeMetadata::V14(meta) = Runtime::metadata().1 else { return Vec::new() };
		let mut all = Vec::new();
		for pallet in &meta.pallets {
			for c in &pallet.constants {
				if let Some(value) = number(&meta.types, c.ty.id, &c.value) {
					all.push(Constant { pallet: pallet.name.clone(), name: c.name.clone(), value });
				}
			}
		}
		all
	})
}

/// `value` written out, if type `ty` is an unsigned whole number (the limits error docs name).
fn number(types: &PortableRegistry, ty: u32, mut value: &[u8]) -> Option<String> {
	let TypeDef::Primitive(primitive) = &types.resolve(ty)?.type_def else { return None };
	let written = match primitive {
		TypeDefPrimitive::U8 => u8::decode(&mut value).ok()?.to_string(),
		TypeDefPrimitive::U16 => u16::decode(&mut value).ok()?.to_string(),
		TypeDefPrimitive::U32 => u32::decode(&mut value).ok()?.to_string(),
		TypeDefPrimitive::U64 => u64::decode(&mut value).ok()?.to_string(),
		TypeDefPrimitive::U128 => u128::decode(&mut value).ok()?.to_string(),
		_ => return None,
	};
	Some(written)
}

/// `docs` of an error of `pallet` with each of its constants named in backticks (`` `MaxRoster` ``)
/// replaced by the constant's value.
pub(crate) fn said(pallet: &str, docs: String) -> String {
	all().iter().filter(|c| c.pallet == pallet).fold(docs, |said, c| said.replace(&format!("`{}`", c.name), &c.value))
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::Get;

	#[test]
	fn a_constant_named_in_docs_is_replaced_by_its_value() {
		let limit: u32 = <Runtime as pallet_registry::Config>::MaxLecturers::get();
		let docs = said("Registry", "Has `MaxLecturers` lecturers; `Unknown` stays.".into());
		assert_eq!(docs, format!("Has {limit} lecturers; `Unknown` stays."));
		assert_eq!(said("Credentials", "`MaxLecturers`".into()), "`MaxLecturers`", "another pallet's constant");
	}
}
