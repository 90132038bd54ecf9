//! Chain specifications: `dev`, `local`, and a real ministry's network from a template file.

use educhain_runtime::{
	genesis_config_presets::{educhain_genesis, GenesisAuthority, GenesisInstitution, GenesisNetwork},
	AccountId, BlockNumber, Hash,
};
use pallet_registry::InstitutionKind;
use sc_service::{ChainType, Properties};
use serde::Deserialize;
use sp_core::{crypto::Ss58Codec, ed25519, sr25519};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use std::path::Path;

/// educhain's chain spec type: no client extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// File names ending like this are ministry templates, not full chain specs.
pub const TEMPLATE_SUFFIX: &str = ".template.json";

/// The runtime's code for the specs built here (`dev`, `local`, a ministry template): the WASM the
/// node binary was built with, if any ([`crate::Build::runtime_wasm`]).
fn wasm(code: Option<&'static [u8]>) -> Result<&'static [u8], String> {
	code.ok_or_else(|| {
		"this node was built without the runtime's WASM (the `runtime-wasm` feature, or \
		 SKIP_WASM_BUILD), so it has no built-in chain specs: pass --chain with a chain spec file, \
		 such as chain-specs/dev.json or chain-specs/local-raw.json"
			.to_string()
	})
}

fn properties() -> Properties {
	let mut p = Properties::new();
	// No token: clients show no balance; SS58 prefix 42 (generic Substrate).
	p.insert("ss58Format".into(), 42.into());
	p
}

/// One node, one authority (Alice, who is also the ministry). Starts producing at once.
pub fn development_chain_spec(code: Option<&'static [u8]>) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm(code)?, None)
		.with_name("educhain development")
		.with_id("educhain_dev")
		.with_chain_type(ChainType::Development)
		.with_protocol_id("educhain-dev")
		.with_genesis_config_preset_name(DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// The ministry (Alice) and three universities (Bob, Charlie, Dave): four authorities.
pub fn local_chain_spec(code: Option<&'static [u8]>) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm(code)?, None)
		.with_name("educhain local testnet")
		.with_id("educhain_local")
		.with_chain_type(ChainType::Local)
		.with_protocol_id("educhain-local")
		.with_genesis_config_preset_name(LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// A real ministry's network description; see `chain-specs/ministry.template.json`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MinistryTemplate {
	#[serde(default, rename = "_comment")]
	_comment: Vec<String>,
	name: String,
	id: String,
	protocol_id: String,
	#[serde(default)]
	boot_nodes: Vec<String>,
	ministry: Vec<String>,
	#[serde(default)]
	institutions: Vec<TemplateInstitution>,
	authorities: Vec<TemplateAuthority>,
	session_length: BlockNumber,
	min_authorities: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateInstitution {
	account: String,
	kind: InstitutionKind,
	profile: Hash,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateAuthority {
	account: String,
	aura: String,
	grandpa: String,
}

fn ss58<T: Ss58Codec>(field: &str, value: &str) -> Result<T, String> {
	T::from_ss58check(value).map_err(|e| format!("{field}: {value:?} is not a valid SS58 key ({e:?})"))
}

/// Build a live chain spec from a ministry template file.
pub fn ministry_chain_spec(path: &Path, code: Option<&'static [u8]>) -> Result<ChainSpec, String> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| format!("cannot read ministry template {}: {e}", path.display()))?;
	let t: MinistryTemplate = serde_json::from_str(&text)
		.map_err(|e| format!("ministry template {}: {e}", path.display()))?;
	let ministry = t
		.ministry
		.iter()
		.enumerate()
		.map(|(i, a)| ss58::<AccountId>(&format!("ministry[{i}]"), a))
		.collect::<Result<Vec<_>, _>>()?;
	let authorities = t
		.authorities
		.iter()
		.enumerate()
		.map(|(i, a)| {
			Ok(GenesisAuthority {
				account: ss58(&format!("authorities[{i}].account"), &a.account)?,
				aura: ss58::<sr25519::Public>(&format!("authorities[{i}].aura"), &a.aura)?.into(),
				grandpa: ss58::<ed25519::Public>(&format!("authorities[{i}].grandpa"), &a.grandpa)?
					.into(),
			})
		})
		.collect::<Result<Vec<_>, String>>()?;
	let institutions = t
		.institutions
		.iter()
		.enumerate()
		.map(|(i, inst)| {
			Ok(GenesisInstitution {
				account: ss58(&format!("institutions[{i}].account"), &inst.account)?,
				kind: inst.kind,
				profile: inst.profile,
			})
		})
		.collect::<Result<Vec<_>, String>>()?;
	let network = GenesisNetwork {
		ministry,
		institutions,
		authorities,
		session_length: t.session_length,
		min_authorities: t.min_authorities,
	};
	network.validate().map_err(|e| format!("ministry template {}: {e}", path.display()))?;
	let boot_nodes = t
		.boot_nodes
		.iter()
		.map(|b| b.parse().map_err(|e| format!("bootNodes: {b:?}: {e}")))
		.collect::<Result<Vec<_>, String>>()?;
	Ok(ChainSpec::builder(wasm(code)?, None)
		.with_name(&t.name)
		.with_id(&t.id)
		.with_chain_type(ChainType::Live)
		.with_protocol_id(&t.protocol_id)
		.with_boot_nodes(boot_nodes)
		.with_genesis_config_patch(educhain_genesis(network))
		.with_properties(properties())
		.build())
}

/// Resolve `--chain`: `dev`, `local`, a ministry template, or a chain spec file.
/// `code` is the runtime's WASM for the specs built here.
pub fn load(id: &str, code: Option<&'static [u8]>) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development_chain_spec(code)?),
		"" | "local" => Box::new(local_chain_spec(code)?),
		path if path.ends_with(TEMPLATE_SUFFIX) =>
			Box::new(ministry_chain_spec(Path::new(path), code)?),
		path => Box::new(ChainSpec::from_json_file(path.into())?),
	})
}
