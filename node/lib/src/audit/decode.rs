//! A block's events and extrinsics, decoded with the metadata of the runtime that produced them.
//!
//! A chain that upgraded its runtime holds events and extrinsics in older layouts than this
//! node's types (a field dropped from an event, a call's arguments changed). Block N was executed
//! by the code in its parent's state, so the parent's metadata describes both, and the state
//! after N too (a migration runs in the block after the upgrade's). frame-decode and scale-value
//! decode by that metadata; the report then reads events by pallet, name and field names.

use crate::service::FullClient;
use codec::Decode;
use frame_decode::extrinsics::decode_extrinsic;
use frame_metadata::{v15::RuntimeMetadataV15, RuntimeMetadata, RuntimeMetadataPrefixed};
use scale_value::{Composite, Value, ValueDef};
use sp_api::{Metadata, ProvideRuntimeApi};
use sp_core::H256;
use std::{collections::BTreeMap, sync::Arc};

/// Metadata by runtime version: it changes only with an upgrade.
#[derive(Default)]
pub struct Metadatas(BTreeMap<u32, Arc<RuntimeMetadataV15>>);

impl Metadatas {
	/// The metadata of the runtime in the state at `at`, whose `spec_version` is `spec`.
	pub fn at(&mut self, client: &FullClient, at: H256, spec: u32) -> Result<Arc<RuntimeMetadataV15>, String> {
		if let Some(known) = self.0.get(&spec) {
			return Ok(known.clone());
		}
		let opaque = client
			.runtime_api()
			.metadata_at_version(at, 15)
			.map_err(|e| format!("the metadata of spec_version {spec}: {e}"))?
			.ok_or_else(|| format!("spec_version {spec} has no metadata version 15"))?;
		let metadata = match RuntimeMetadataPrefixed::decode(&mut &opaque[..]).map(|m| m.1) {
			Ok(RuntimeMetadata::V15(m)) => Arc::new(m),
			Ok(_) => return Err(format!("spec_version {spec}: metadata version 15 was asked for, another came")),
			Err(e) => return Err(format!("spec_version {spec}: its metadata does not decode: {e}")),
		};
		self.0.insert(spec, metadata.clone());
		Ok(metadata)
	}
}

/// One event: its pallet, its name, and its fields by name.
#[derive(Debug)]
pub struct Event {
	/// The pallet, as `construct_runtime!` names it (`Registry`).
	pub pallet: String,
	/// The event (`Admitted`).
	pub name: String,
	fields: Vec<(String, Value)>,
}

/// The events in `System::Events`'s value `bytes`.
pub fn events(bytes: &[u8], metadata: &RuntimeMetadataV15) -> Result<Vec<Event>, String> {
	let visitor = scale_value::scale::ValueVisitor::new();
	let value = frame_decode::storage::decode_storage_value("System", "Events", &mut &bytes[..], metadata, &metadata.types, visitor)
		.map_err(|e| format!("its events do not decode with its runtime's metadata: {e}"))?
		.remove_context();
	values(&value).ok_or("the events are not a list")?.iter().map(event).collect()
}

/// A record's event (`RuntimeEvent::Pallet(pallet::Event::Name { .. })`).
fn event(record: &Value) -> Result<Event, String> {
	let outer = field(record, "event").and_then(variant).ok_or("an event record without an event")?;
	let inner = outer.values.values().next().and_then(variant).ok_or("an event outside any pallet")?;
	let fields = match &inner.values {
		Composite::Named(fields) => fields.clone(),
		Composite::Unnamed(values) => values.iter().enumerate().map(|(i, v)| (i.to_string(), v.clone())).collect(),
	};
	Ok(Event { pallet: outer.name.clone(), name: inner.name.clone(), fields })
}

/// The pallet of each extrinsic (each with its length prefix, as blocks encode them).
pub fn pallets<'a>(extrinsics: impl Iterator<Item = &'a [u8]>, metadata: &RuntimeMetadataV15) -> Vec<String> {
	extrinsics
		.map(|mut bytes| match decode_extrinsic(&mut bytes, metadata, &metadata.types) {
			Ok(xt) => xt.pallet_name().to_string(),
			Err(_) => "undecodable".to_string(),
		})
		.collect()
}

impl Event {
	fn get(&self, name: &str) -> Result<&Value, String> {
		let found = self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v);
		found.ok_or_else(|| format!("{}.{} has no field `{name}`", self.pallet, self.name))
	}

	fn wrong(&self, name: &str, what: &str) -> String {
		format!("{}.{}'s `{name}` is not {what}", self.pallet, self.name)
	}

	/// An account field.
	pub fn account(&self, name: &str) -> Result<educhain_runtime::AccountId, String> {
		let bytes = bytes(self.get(name)?).and_then(|b| <[u8; 32]>::try_from(b).ok());
		bytes.map(Into::into).ok_or_else(|| self.wrong(name, "an account"))
	}

	/// A 32-byte hash field.
	pub fn hash(&self, name: &str) -> Result<H256, String> {
		let bytes = bytes(self.get(name)?).and_then(|b| <[u8; 32]>::try_from(b).ok());
		bytes.map(H256).ok_or_else(|| self.wrong(name, "a hash"))
	}

	/// An unsigned number field, or a newtype around one (`FixedU128`'s inner value).
	pub fn number(&self, name: &str) -> Result<u128, String> {
		let mut value = self.get(name)?;
		while let Some([inner]) = values(value) {
			value = inner;
		}
		value.as_u128().ok_or_else(|| self.wrong(name, "a number"))
	}

	/// A `u32` field.
	pub fn u32(&self, name: &str) -> Result<u32, String> {
		u32::try_from(self.number(name)?).map_err(|_| self.wrong(name, "a u32"))
	}

	/// A `u64` field.
	pub fn u64(&self, name: &str) -> Result<u64, String> {
		u64::try_from(self.number(name)?).map_err(|_| self.wrong(name, "a u64"))
	}

	/// A `bool` field.
	pub fn bool(&self, name: &str) -> Result<bool, String> {
		self.get(name)?.as_bool().ok_or_else(|| self.wrong(name, "a bool"))
	}

	/// The variant's name of an enum field (`Degree`).
	pub fn variant(&self, name: &str) -> Result<&str, String> {
		variant(self.get(name)?).map(|v| v.name.as_str()).ok_or_else(|| self.wrong(name, "an enum"))
	}
}

fn field<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
	match &value.value {
		ValueDef::Composite(Composite::Named(fields)) => fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
		_ => None,
	}
}

fn variant(value: &Value) -> Option<&scale_value::Variant<()>> {
	match &value.value {
		ValueDef::Variant(v) => Some(v),
		_ => None,
	}
}

fn values(value: &Value) -> Option<&[Value]> {
	match &value.value {
		ValueDef::Composite(Composite::Unnamed(values)) => Some(values),
		_ => None,
	}
}

/// The bytes of a byte array, through any newtypes around it (`AccountId32([u8; 32])`).
fn bytes(value: &Value) -> Option<Vec<u8>> {
	let values = values(value)?;
	if let [inner] = values {
		if inner.as_u128().is_none() {
			return bytes(inner);
		}
	}
	values.iter().map(|v| v.as_u128().and_then(|n| u8::try_from(n).ok())).collect()
}
