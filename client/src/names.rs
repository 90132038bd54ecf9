//! Names and documentation of the runtime's events and errors, read from the type information
//! the runtime is compiled with (the same that its metadata is built from).

use crate::{constants, Failure};
use codec::{Decode, Encode};
use educhain_runtime::{RuntimeError, RuntimeEvent};
use scale_info::{form::MetaForm, TypeDef, TypeDefPrimitive, TypeInfo, Variant};
use sp_runtime::DispatchError;

/// The variants of an enum's type information (none for a type that is not an enum).
fn variants(info: scale_info::Type<MetaForm>) -> Vec<Variant<MetaForm>> {
	match info.type_def {
		TypeDef::Variant(v) => v.variants,
		_ => Vec::new(),
	}
}

/// Pallet `pallet` (by index) of the outer enum `Outer`, and the variant `index` of its inner
/// enum: `(pallet name, variant)`.
fn lookup<Outer: TypeInfo + 'static>(pallet: u8, index: u8) -> Option<(&'static str, Variant<MetaForm>)> {
	let outer = variants(Outer::type_info()).into_iter().find(|v| v.index == pallet)?;
	let inner = outer.fields.first()?.ty.type_info();
	let variant = variants(inner).into_iter().find(|v| v.index == index)?;
	Some((outer.name, variant))
}

/// `Pallet` as it leads a name: lower camel case (`flLedger`).
fn lower_camel(name: &str) -> String {
	let mut chars = name.chars();
	chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

fn docs(variant: &Variant<MetaForm>) -> String {
	variant.docs.join(" ").trim().to_string()
}

/// An event's name, `Pallet.Event` (`Registry.Applied`).
pub fn event_name(event: &RuntimeEvent) -> String {
	let bytes = event.encode();
	match bytes.get(..2).and_then(|b| lookup::<RuntimeEvent>(b[0], b[1])) {
		Some((pallet, variant)) => format!("{pallet}.{}", variant.name),
		None => format!("{event:?}"),
	}
}

/// Error `error` of the pallet at `pallet_index`, as `pallet.Error` with its documentation, in
/// which the values the error carries (`data`, its bytes after the index) and the pallet's
/// constants stand for their names.
fn pallet_error(pallet_index: u8, error: u8, data: &[u8]) -> Option<Failure> {
	let (pallet, variant) = lookup::<RuntimeError>(pallet_index, error)?;
	let docs = constants::said(pallet, with_values(docs(&variant), &values(&variant, data)));
	Some(Failure::said(format!("{}.{}", lower_camel(pallet), variant.name)).with_docs(docs))
}

/// The named fields of `variant` decoded from `data`: a module error has 3 bytes for them, so
/// only small whole numbers and booleans fit, and only those are read.
fn values(variant: &Variant<MetaForm>, mut data: &[u8]) -> Vec<(&'static str, String)> {
	let mut values = Vec::new();
	for field in &variant.fields {
		let value = match field.ty.type_info().type_def {
			TypeDef::Primitive(TypeDefPrimitive::U8) => u8::decode(&mut data).map(|v| v.to_string()),
			TypeDef::Primitive(TypeDefPrimitive::U16) => u16::decode(&mut data).map(|v| v.to_string()),
			TypeDef::Primitive(TypeDefPrimitive::Bool) => bool::decode(&mut data).map(|v| v.to_string()),
			_ => break,
		};
		let (Some(name), Ok(value)) = (field.name, value) else { break };
		values.push((name, value));
	}
	values
}

/// `docs` with each of `values` in the place of its name: "The learner's coins are `missing`
/// short" becomes "… are 20 short". A value the docs do not name is added after them.
fn with_values(docs: String, values: &[(&str, String)]) -> String {
	values.iter().fold(docs, |said, (name, value)| {
		let named = format!("`{name}`");
		match said.contains(&named) {
			true => said.replace(&named, value),
			false => format!("{said} ({name}: {value})"),
		}
	})
}

/// What `BadOrigin` means to the one who signed.
const BAD_ORIGIN: &str = "The signer may not make this call: it is for another role (the ministry, an institution, a lecturer); the command's help says whose it is.";

/// Why a call failed in its block: the pallet's error with its documentation, or the dispatch
/// error's own description.
pub fn dispatch_failure(dispatch: DispatchError) -> Failure {
	let named = match dispatch {
		DispatchError::Module(m) => pallet_error(m.index, m.error[0], &m.error[1..]),
		// Said by FRAME with no docs in the metadata; the commonest mistake of a signer.
		DispatchError::BadOrigin => Some(Failure::said("BadOrigin").with_docs(BAD_ORIGIN.into())),
		_ => None,
	};
	let mut failure = named.unwrap_or_else(|| Failure::said(format!("{dispatch:?}")));
	failure.runtime = RuntimeError::from_dispatch_error(dispatch);
	failure.dispatch = Some(dispatch);
	failure
}

/// Why the pool refused the extrinsic `xt` (whose call starts with the pallet index) as the
/// node put it in `message`: a custom validity code is the error of the call's pallet with that
/// index (the pallets' `authorize` and extension codes use them); a bad signer is an account
/// the admission rules do not let in.
pub fn refusal(call_pallet: Option<u8>, message: &str) -> Failure {
	let lower = message.to_lowercase();
	let code = lower
		.split("custom error: ")
		.nth(1)
		.and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse::<u8>().ok());
	if let Some(failure) = code.zip(call_pallet).and_then(|(code, pallet)| pallet_error(pallet, code, &[])) {
		return failure;
	}
	if lower.contains("invalid signing address") || lower.contains("bad signer") {
		let docs = "The signer is not a member institution, a lecturer or an enrolled learner, so the pool refuses its transactions.";
		return Failure::said("admission.NotAdmitted").with_docs(docs.into());
	}
	Failure::said(message.to_string())
}

impl Failure {
	/// This failure with documentation `docs`.
	pub fn with_docs(mut self, docs: String) -> Self {
		self.docs = docs;
		self
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use educhain_runtime::{Runtime, RuntimeCall};

	/// The registry's index in the runtime, as calls and errors carry it.
	fn registry_index() -> u8 {
		let call = RuntimeCall::Registry(pallet_registry::Call::approve { subject: [0; 32].into() });
		call.encode()[0]
	}

	#[test]
	fn events_are_named_by_pallet_and_variant() {
		let event = RuntimeEvent::Registry(pallet_registry::Event::Admitted { institution: [1; 32].into() });
		assert_eq!(event_name(&event), "Registry.Admitted");
	}

	#[test]
	fn a_pallet_error_in_a_block_is_named_with_its_documentation() {
		let dispatch: DispatchError = pallet_registry::Error::<Runtime>::NoSuchProposal.into();
		let failure = dispatch_failure(dispatch);
		assert_eq!(failure.error, "registry.NoSuchProposal");
		assert_eq!(failure.docs, "There is no open proposal about this account.");
		assert!(matches!(failure.runtime, Some(RuntimeError::Registry(pallet_registry::Error::NoSuchProposal))));
		assert_eq!(failure.dispatch, Some(dispatch));
	}

	#[test]
	fn the_values_an_error_carries_are_said_in_its_documentation() {
		// pallet_coins' BelowThreshold { missing: 20 }, built from the type information as a block
		// carries it (this crate does not link pallet_coins itself).
		let outer = variants(RuntimeError::type_info()).into_iter().find(|v| v.name == "Coins").expect("the runtime has Coins");
		let inner = variants(outer.fields[0].ty.type_info()).into_iter().find(|v| v.name == "BelowThreshold").expect("a coins error");
		let module = sp_runtime::ModuleError { index: outer.index, error: [inner.index, 20, 0, 0], message: None };
		let failure = dispatch_failure(DispatchError::Module(module));
		assert_eq!(failure.error, "coins.BelowThreshold");
		assert_eq!(failure.docs, "The learner's coins are 20 short of the course's threshold.");
		let unnamed = with_values("Too few coins.".into(), &values(&inner, &[20, 0, 0]));
		assert_eq!(unnamed, "Too few coins. (missing: 20)");
		assert!(values(&inner, &[]).is_empty(), "a refusal code carries no values");
	}

	#[test]
	fn the_limits_an_error_names_are_said_as_numbers() {
		let outer = variants(RuntimeError::type_info()).into_iter().find(|v| v.name == "Transcripts").expect("the runtime has Transcripts");
		let inner = variants(outer.fields[0].ty.type_info()).into_iter().find(|v| v.name == "StartTooFarAhead").expect("a transcripts error");
		let failure = pallet_error(outer.index, inner.index, &[]).expect("a known error");
		assert_eq!(failure.docs, "A live enrolment may start at most 366 days after today.");
		// A minimum set per chain spec travels in the error itself.
		let outer = variants(RuntimeError::type_info()).into_iter().find(|v| v.name == "Registry").expect("the runtime has Registry");
		let inner = variants(outer.fields[0].ty.type_info()).into_iter().find(|v| v.name == "TooFewAuthorities").expect("a registry error");
		let failure = pallet_error(outer.index, inner.index, &3u16.to_le_bytes()).expect("a known error");
		assert_eq!(failure.docs, "The change would leave fewer than 3 authorities, the chain's minimum.");
	}

	#[test]
	fn every_limit_named_in_error_docs_is_said_as_a_number() {
		let mut left = std::collections::BTreeSet::new();
		for outer in variants(RuntimeError::type_info()) {
			for inner in variants(outer.fields[0].ty.type_info()) {
				let docs = pallet_error(outer.index, inner.index, &[]).expect("a known error").docs;
				let fields: Vec<_> = inner.fields.iter().filter_map(|f| f.name).collect();
				let limit = |name: &&str| name.starts_with("Max") || name.starts_with("Min") || name.contains('_') && name.to_uppercase() == *name;
				let named = docs.split('`').skip(1).step_by(2).filter(limit).filter(|name| !fields.contains(name));
				left.extend(named.map(|name| format!("{}.{name}", outer.name)));
			}
		}
		assert!(left.is_empty(), "limits named but not said: {left:?}");
	}

	#[test]
	fn a_call_from_the_wrong_role_says_so() {
		let failure = dispatch_failure(DispatchError::BadOrigin);
		assert_eq!((failure.error.as_str(), failure.docs.as_str()), ("BadOrigin", BAD_ORIGIN));
		assert_eq!(failure.dispatch, Some(DispatchError::BadOrigin));
	}

	#[test]
	fn a_refusal_code_is_the_error_of_the_calls_pallet() {
		let index = pallet_registry::Error::<Runtime>::AlreadyApplying.encode()[0];
		let message = format!("Invalid Transaction: Custom error: {index}");
		let failure = refusal(Some(registry_index()), &message);
		assert_eq!(failure.error, "registry.AlreadyApplying");
		assert_eq!(failure.docs, "The account already has an open application.");
	}

	#[test]
	fn other_refusals_keep_the_nodes_words() {
		let stranger = refusal(Some(registry_index()), "Transaction has a bad signature: Invalid signing address");
		assert_eq!(stranger.error, "admission.NotAdmitted");
		let other = refusal(None, "Transaction is outdated");
		assert_eq!(other.error, "Transaction is outdated");
		assert!(other.docs.is_empty() && other.runtime.is_none());
	}
}
