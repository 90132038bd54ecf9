//! What any metadata-driven client sees, with no educhain types: subxt reading the pallets,
//! every storage entry and a block's events from the runtime's metadata alone. It shows that a
//! standard client needs nothing else (`docs/rpc.md`, "Standard clients"); the rest of this
//! crate uses the runtime's own types instead.

use crate::{Error, Result};
use serde::Serialize;
use sp_core::H256;
use std::collections::BTreeMap;
use subxt::{
	client::OnlineClientAtBlock,
	dynamic::Value,
	ext::scale_value::Composite,
	OnlineClient, SubstrateConfig,
};

/// A pallet and how many items of each kind it has.
#[derive(Clone, Debug, Serialize)]
pub struct PalletSummary {
	/// Its name.
	pub name: String,
	/// Its index.
	pub index: u8,
	/// Calls.
	pub calls: usize,
	/// Storage items.
	pub storage: usize,
	/// Events.
	pub events: usize,
	/// Errors.
	pub errors: usize,
	/// Constants.
	pub constants: usize,
}

/// One storage entry, decoded.
#[derive(Clone, Debug, Serialize)]
pub struct StorageValue {
	/// Its key's parts, decoded (a hashed part as its hash); none for a plain value.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub key: Option<String>,
	/// Its value.
	pub value: String,
}

/// One event, decoded.
#[derive(Clone, Debug, Serialize)]
pub struct EventSummary {
	/// `Pallet.Event`.
	pub event: String,
	/// Its fields.
	pub fields: String,
}

/// A metadata-driven view of one node.
pub struct Metadata {
	api: OnlineClient<SubstrateConfig>,
}

fn failed<E: std::fmt::Display>(what: &str) -> impl Fn(E) -> Error + '_ {
	move |e| Error::Decode(format!("{what}: {e}"))
}

fn count<T>(items: Option<&[T]>) -> usize {
	items.map_or(0, <[T]>::len)
}

impl Metadata {
	/// Connect to `url` and fetch its metadata.
	pub async fn connect(url: &str) -> Result<Metadata> {
		let api = OnlineClient::<SubstrateConfig>::from_insecure_url(url)
			.await
			.map_err(|e| Error::Connect { url: url.into(), reason: e.to_string() })?;
		Ok(Metadata { api })
	}

	async fn at(&self, block: Option<H256>) -> Result<OnlineClientAtBlock<SubstrateConfig>> {
		match block {
			Some(hash) => self.api.at_block(subxt::utils::H256(hash.0)).await.map_err(|e| Error::Decode(format!("block {hash:?}: {e}"))),
			None => self.api.at_current_block().await.map_err(|e| Error::Decode(format!("the best block: {e}"))),
		}
	}

	/// The runtime's pallets.
	pub async fn pallets(&self) -> Result<Vec<PalletSummary>> {
		let at = self.at(None).await?;
		Ok(at
			.metadata_ref()
			.pallets()
			.map(|p| PalletSummary {
				name: p.name().into(),
				index: p.call_index(),
				calls: count(p.call_variants()),
				storage: p.storage().map_or(0, |s| s.entries().len()),
				events: count(p.event_variants()),
				errors: count(p.error_variants()),
				constants: p.constants().len(),
			})
			.collect())
	}

	/// Every storage entry of `pallet` at the best block, by item.
	pub async fn storage(&self, pallet: &str) -> Result<BTreeMap<String, Vec<StorageValue>>> {
		let at = self.at(None).await?;
		let storage = at.storage();
		let entries: Vec<_> = storage.entries().filter(|e| e.pallet_name() == pallet).collect();
		if entries.is_empty() {
			return Err(Error::Decode(format!("the runtime has no pallet {pallet} with storage")));
		}
		let mut items = BTreeMap::new();
		for e in entries {
			let name = format!("{pallet}.{}", e.entry_name());
			let entry = e.entry().map_err(failed(&name))?;
			let mut values = Vec::new();
			if entry.is_plain() {
				if let Some(v) = entry.try_fetch(Vec::new()).await.map_err(failed(&name))? {
					let value = v.decode().map_err(failed(&name))?.remove_context();
					values.push(StorageValue { key: None, value: value.to_string() });
				}
			} else {
				let mut all = entry.iter(Vec::new()).await.map_err(failed(&name))?;
				while let Some(kv) = all.next().await {
					let kv = kv.map_err(failed(&name))?;
					let key = kv.key().map_err(failed(&name))?;
					let parts: Vec<String> = key
						.parts()
						.map(|p| match p.decode_as::<Value<()>>() {
							Ok(Some(v)) => v.to_string(),
							// A hashed key part (not reversible): its hash.
							_ => format!("0x{}", hex::encode(p.hash_bytes())),
						})
						.collect();
					let value = kv.value().decode().map_err(failed(&name))?.remove_context();
					values.push(StorageValue { key: Some(parts.join(", ")), value: value.to_string() });
				}
			}
			items.insert(e.entry_name().to_string(), values);
		}
		Ok(items)
	}

	/// The events of block `block` (the best block if `None`).
	pub async fn events(&self, block: Option<H256>) -> Result<Vec<EventSummary>> {
		let at = self.at(block).await?;
		let events = at.events().fetch().await.map_err(failed("the block's events"))?;
		let mut list = Vec::new();
		for ev in events.iter() {
			let ev = ev.map_err(failed("an event"))?;
			let fields = ev.decode_fields_unchecked_as::<Composite<()>>().map_err(failed("an event's fields"))?;
			list.push(EventSummary { event: format!("{}.{}", ev.pallet_name(), ev.event_name()), fields: fields.to_string() });
		}
		Ok(list)
	}
}
