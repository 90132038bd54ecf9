//! `chain`: what any metadata-driven client sees, with no educhain-specific types: the pallets
//! and their calls, storage, events, errors and constants; every storage entry of a pallet,
//! decoded; and a block's events, decoded. It shows that a standard client needs nothing but
//! the runtime's metadata (see `docs/rpc.md`, "Standard clients").

use crate::context::{Ctx, Error, Output};
use clap::Subcommand;
use serde_json::{json, Value};
use subxt::{dynamic::Value as ScaleValue, ext::scale_value::Composite};

#[derive(Subcommand)]
pub enum Inspect {
	/// The runtime's pallets with the number of calls, storage items, events, errors and
	/// constants each has.
	Pallets,
	/// Every storage entry of a pallet, each key and value decoded from the metadata.
	Storage { pallet: String },
	/// The events of the best block, or of block HASH, decoded from the metadata.
	Events { block: Option<String> },
}

fn count<T>(items: Option<&[T]>) -> usize {
	items.map_or(0, <[T]>::len)
}

/// Run a `chain` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Inspect) -> Result<Output, Error> {
	let fail = |e: String| Error::Usage(e);
	let at = match command {
		Inspect::Events { block: Some(hash) } => {
			let hash: subxt::utils::H256 = hash.parse().map_err(|_| fail(format!("{hash}: not a block hash")))?;
			ctx.chain.api.at_block(hash).await
		},
		_ => ctx.chain.api.at_current_block().await,
	}
	.map_err(|e| fail(e.to_string()))?;
	Ok(match command {
		Inspect::Pallets => {
			let pallets: Vec<Value> = at
				.metadata_ref()
				.pallets()
				.map(|p| {
					json!({
						"name": p.name(),
						"index": p.call_index(),
						"calls": count(p.call_variants()),
						"storage": p.storage().map_or(0, |s| s.entries().len()),
						"events": count(p.event_variants()),
						"errors": count(p.error_variants()),
						"constants": p.constants().len(),
					})
				})
				.collect();
			Output::list(Value::Array(pallets), |p| {
				format!(
					"{} ({}): {} calls, {} storage items, {} events, {} errors, {} constants",
					p["name"].as_str().unwrap_or("?"),
					p["index"],
					p["calls"],
					p["storage"],
					p["events"],
					p["errors"],
					p["constants"]
				)
			})
		},
		Inspect::Storage { pallet } => {
			let storage = at.storage();
			let mut items = serde_json::Map::new();
			let entries: Vec<_> = storage.entries().filter(|e| e.pallet_name() == pallet).collect();
			if entries.is_empty() {
				return Err(fail(format!("the runtime has no pallet {pallet} with storage")));
			}
			for e in entries {
				let entry = e.entry().map_err(|e| fail(e.to_string()))?;
				let mut values = Vec::new();
				let decoded = |v: Result<ScaleValue<()>, String>, key: Option<String>| -> Result<Value, Error> {
					let v = v.map_err(|err| fail(format!("{pallet}.{}: {err}", e.entry_name())))?;
					Ok(match key {
						Some(k) => json!({"key": k, "value": v.to_string()}),
						None => json!({"value": v.to_string()}),
					})
				};
				if entry.is_plain() {
					if let Some(v) = entry.try_fetch(Vec::new()).await.map_err(|e| fail(e.to_string()))? {
						values.push(decoded(v.decode().map(ScaleValue::remove_context).map_err(|e| e.to_string()), None)?);
					}
				} else {
					let mut all = entry.iter(Vec::new()).await.map_err(|e| fail(e.to_string()))?;
					while let Some(kv) = all.next().await {
						let kv = kv.map_err(|e| fail(e.to_string()))?;
						let key = kv.key().map_err(|e| fail(e.to_string()))?;
						let parts: Vec<String> = key
							.parts()
							.map(|p| match p.decode_as::<ScaleValue<()>>() {
								Ok(Some(v)) => v.to_string(),
								// A hashed key part (not reversible): its hash.
								_ => format!("0x{}", hex::encode(p.hash_bytes())),
							})
							.collect();
						let value = kv.value().decode().map(ScaleValue::remove_context).map_err(|e| e.to_string());
						values.push(decoded(value, Some(parts.join(", ")))?);
					}
				}
				items.insert(e.entry_name().to_string(), Value::Array(values));
			}
			let human = items
				.iter()
				.map(|(name, values)| {
					let lines: Vec<String> = values
						.as_array()
						.into_iter()
						.flatten()
						.map(|v| match v["key"].as_str() {
							Some(k) => format!("  {k} => {}", v["value"].as_str().unwrap_or("?")),
							None => format!("  {}", v["value"].as_str().unwrap_or("?")),
						})
						.collect();
					format!("{pallet}.{name}: {} entries\n{}", lines.len(), lines.join("\n"))
				})
				.collect::<Vec<_>>()
				.join("\n");
			Output { json: Value::Object(items), human }
		},
		Inspect::Events { .. } => {
			let events = at.events().fetch().await.map_err(|e| fail(e.to_string()))?;
			let mut list = Vec::new();
			for ev in events.iter() {
				let ev = ev.map_err(|e| fail(e.to_string()))?;
				let fields = ev.decode_fields_unchecked_as::<Composite<()>>().map_err(|e| fail(e.to_string()))?;
				list.push(json!({"event": format!("{}.{}", ev.pallet_name(), ev.event_name()), "fields": fields.to_string()}));
			}
			Output::list(Value::Array(list), |e| {
				format!("{} {}", e["event"].as_str().unwrap_or("?"), e["fields"].as_str().unwrap_or(""))
			})
		},
	})
}
