//! Talking to the node: connecting, submitting a transaction and waiting for it, decoding a
//! failure into the pallet's error name and documentation, and raw JSON-RPC reads.

use serde_json::Value;
use subxt::{
	client::OnlineClientAtBlockImpl,
	config::DefaultExtrinsicParamsBuilder,
	dynamic::{self, Value as ScaleValue},
	error::{DispatchError, TransactionEventsError},
	rpcs::{rpc_params, RpcClient},
	transactions::{DefaultParams, Payload, TransactionProgress, TransactionStatus},
	utils::{AccountId32, MultiSignature},
	Metadata, OnlineClient, SubstrateConfig,
};
use subxt::ext::scale_value::{Composite, Primitive, ValueDef};
use subxt_signer::sr25519::Keypair;

/// A connection to one node.
pub struct Chain {
	/// subxt's client, with the metadata it fetched.
	pub api: OnlineClient<SubstrateConfig>,
	/// The raw JSON-RPC client, for educhain's own methods.
	pub rpc: RpcClient,
}

/// A submitted transaction, before it lands.
pub type Progress = TransactionProgress<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>;

/// Where a transaction ended up.
#[derive(Debug, Clone)]
pub struct Landed {
	/// The block hash, `0x`-hex.
	pub block: String,
	/// The transaction's hash.
	pub transaction: String,
	/// The events it emitted, as `Pallet.Event`.
	pub events: Vec<String>,
	/// The integer fields of each event (ids, counts), in order: `(event, field, value)`.
	pub numbers: Vec<(String, String, u128)>,
}

impl Landed {
	/// Field `field` of the first event `event` (`Pallet.Event`), for example the id that a
	/// creating call assigned.
	pub fn number(&self, event: &str, field: &str) -> Option<u128> {
		self.numbers.iter().find(|(e, f, _)| e == event && f == field).map(|(_, _, n)| *n)
	}
}

/// Why a transaction did not take effect, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
	/// `pallet.Error` for a pallet's error, else the dispatch error's name.
	pub error: String,
	/// The error's documentation.
	pub docs: String,
}

impl std::fmt::Display for Failure {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		if self.docs.is_empty() {
			write!(f, "{}", self.error)
		} else {
			write!(f, "{}: {}", self.error, self.docs)
		}
	}
}

fn failure(error: impl Into<String>) -> Failure {
	Failure { error: error.into(), docs: String::new() }
}

/// The pallet error behind `e`, as `pallet.Error` (pallet name in lower camel case) and docs.
fn explain(e: &DispatchError) -> Failure {
	if let DispatchError::Module(m) = e {
		if let Ok(d) = m.details() {
			let pallet = d.pallet.name();
			let pallet = pallet[..1].to_lowercase() + &pallet[1..];
			let docs = d.variant.docs.join(" ").trim().to_string();
			return Failure { error: format!("{pallet}.{}", d.variant.name), docs };
		}
	}
	failure(e.to_string())
}

/// Why the pool refused a transaction of `pallet`, from the node's message: a custom code is
/// that pallet's error with that index (the registry's `authorize` codes), and a bad signer is
/// an account the admission rules do not let in.
fn refusal(metadata: &Metadata, pallet: &str, message: &str) -> Failure {
	let code = message
		.to_lowercase()
		.split("custom error: ")
		.nth(1)
		.and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next().and_then(|n| n.parse::<u8>().ok()));
	if let Some(variant) = code.and_then(|c| metadata.pallet_by_name(pallet)?.error_variant_by_index(c)) {
		let name = pallet[..1].to_lowercase() + &pallet[1..];
		return Failure { error: format!("{name}.{}", variant.name), docs: variant.docs.join(" ").trim().to_string() };
	}
	if message.contains("Invalid signing address") || message.to_lowercase().contains("bad signer") {
		return Failure {
			error: "admission.NotAdmitted".into(),
			docs: "The signer is not a member institution, a lecturer or an enrolled learner, so the pool refuses its transactions.".into(),
		};
	}
	failure(format!("refused: {message}"))
}

impl Chain {
	/// Connect to `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Chain, String> {
		let rpc = RpcClient::from_insecure_url(url).await.map_err(|e| format!("connecting to {url}: {e}"))?;
		let api = OnlineClient::<SubstrateConfig>::from_rpc_client(rpc.clone())
			.await
			.map_err(|e| format!("reading the chain at {url}: {e}"))?;
		Ok(Chain { api, rpc })
	}

	/// Call the JSON-RPC method `method`.
	pub async fn call(&self, method: &str, params: Vec<Value>) -> Result<Value, String> {
		let mut p = rpc_params![];
		for v in params {
			p.push(v).map_err(|e| e.to_string())?;
		}
		self.rpc.request(method, p).await.map_err(|e| format!("{method}: {e}"))
	}

	/// Sign `call` with `signer`, submit it, and wait until it is in a block (or finalized),
	/// succeeding only if its call did.
	pub async fn submit<C: Payload>(&self, call: &C, signer: &Keypair, finalized: bool) -> Result<Landed, Failure> {
		self.follow(self.send(call, signer).await?, call.pallet_name(), finalized).await
	}

	/// Sign `call` with `signer` and hand it to the pool, without waiting.
	pub async fn send<C: Payload>(&self, call: &C, signer: &Keypair) -> Result<Progress, Failure> {
		let at = self.api.at_current_block().await.map_err(|e| failure(e.to_string()))?;
		// The next nonce counting the pool: the client's own read is at the finalized block, which
		// lags behind a transaction just included.
		let nonce = self.next_nonce(&signer.public_key().to_account_id()).await?;
		let params = DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new().nonce(nonce).build();
		at.transactions()
			.sign_and_submit_then_watch(call, signer, params)
			.await
			.map_err(|e| refusal(at.metadata_ref(), call.pallet_name(), &format!("{e:?}")))
	}

	/// Why the pool refused a transaction of `pallet` with `message`.
	async fn refused(&self, pallet: &str, message: &str) -> Failure {
		match self.api.at_current_block().await {
			Ok(at) => refusal(at.metadata_ref(), pallet, message),
			Err(_) => failure(format!("refused: {message}")),
		}
	}

	/// `who`'s next nonce, counting its transactions in the pool.
	async fn next_nonce(&self, who: &AccountId32) -> Result<u64, Failure> {
		let next = self.call("system_accountNextIndex", vec![who.to_string().into()]).await.map_err(failure)?;
		next.as_u64().ok_or_else(|| failure(format!("system_accountNextIndex gave {next}")))
	}

	/// Apply to join as a `kind` institution (`University`, `College`, `School` or `Other`,
	/// the pallet's `InstitutionKind` in order) with `profile`, as `candidate`. The
	/// application is a general transaction: the candidate is not yet a member and signs the
	/// application inside the call, which the registry checks before the pool takes it.
	pub async fn apply(&self, candidate: &Keypair, kind: &str, profile: [u8; 32], finalized: bool) -> Result<Landed, Failure> {
		const KINDS: [&str; 4] = ["University", "College", "School", "Other"];
		let index = KINDS.iter().position(|k| *k == kind).ok_or_else(|| failure(format!("unknown kind {kind}")))?;
		let account = candidate.public_key().to_account_id();
		let at = self.api.at_current_block().await.map_err(|e| failure(e.to_string()))?;
		let nonces = dynamic::storage::<(AccountId32,), u32>("Registry", "ApplicationNonces");
		let nonce_failure = |e: String| failure(format!("reading the application nonce: {e}"));
		let stored = at.storage().fetch(nonces, (account.clone(),)).await.map_err(|e| nonce_failure(e.to_string()))?;
		let nonce = stored.decode().map_err(|e| nonce_failure(e.to_string()))?;
		// `ApplicationPayload`, SCALE-encoded: context, genesis, candidate, kind, profile, nonce.
		let mut message = b"educhain/registry/apply\0".to_vec();
		message.extend_from_slice(self.api.genesis_hash().as_bytes());
		message.extend_from_slice(&account.0);
		message.push(index as u8);
		message.extend_from_slice(&profile);
		message.extend_from_slice(&nonce.to_le_bytes());
		let signature = candidate.sign(&message);
		let call = dynamic::tx(
			"Registry",
			"apply",
			(
				account.clone(),
				ScaleValue::unnamed_variant(kind, []),
				ScaleValue::from_bytes(profile),
				ScaleValue::unnamed_variant("Sr25519", [ScaleValue::from_bytes(signature.0)]),
			),
		);
		let txs = at.transactions();
		let mut general = txs
			.create_v5_signable(&call, &account, DefaultParams::default_params())
			.await
			.map_err(|e| failure(format!("building the application: {e}")))?;
		// A general transaction carries no signature of its own: the runtime has no
		// signature-verifying extension, so this one is dropped when encoding.
		let unsigned = MultiSignature::Sr25519([0; 64]);
		let submittable = general
			.sign_with_account_and_signature(&account, &unsigned)
			.map_err(|e| failure(format!("building the application: {e}")))?;
		let progress =
			submittable.submit_and_watch().await.map_err(|e| refusal(at.metadata_ref(), "Registry", &format!("{e:?}")))?;
		self.follow(progress, "Registry", finalized).await
	}

	/// Follow `progress`, a transaction of `pallet`, until it is in a block (or finalized), then
	/// check it.
	pub async fn follow<C>(
		&self,
		mut progress: TransactionProgress<SubstrateConfig, C>,
		pallet: &str,
		finalized: bool,
	) -> Result<Landed, Failure>
	where
		C: subxt::client::OnlineClientAtBlockT<SubstrateConfig>,
	{
		let in_block = loop {
			match progress.next().await {
				Some(Ok(TransactionStatus::InBestBlock(b))) if !finalized => break b,
				Some(Ok(TransactionStatus::InFinalizedBlock(b))) => break b,
				Some(Ok(
					TransactionStatus::Error { message } |
					TransactionStatus::Invalid { message } |
					TransactionStatus::Dropped { message },
				)) => return Err(self.refused(pallet, &message).await),
				Some(Ok(_)) => continue,
				Some(Err(e)) => return Err(failure(format!("watching: {e}"))),
				None => return Err(failure("the node stopped reporting on the transaction")),
			}
		};
		let events = in_block.wait_for_success().await.map_err(|e| match &e {
			TransactionEventsError::ExtrinsicFailed(d) => explain(d),
			other => failure(other.to_string()),
		})?;
		let (mut names, mut numbers) = (Vec::new(), Vec::new());
		for ev in events.iter().filter_map(Result::ok) {
			let name = format!("{}.{}", ev.pallet_name(), ev.event_name());
			if let Ok(Composite::Named(fields)) = ev.decode_fields_unchecked_as::<Composite<()>>() {
				for (field, value) in fields {
					if let ValueDef::Primitive(Primitive::U128(n)) = value.value {
						numbers.push((name.clone(), field, n));
					}
				}
			}
			names.push(name);
		}
		Ok(Landed {
			block: format!("{:?}", in_block.block_hash()),
			transaction: format!("{:?}", in_block.extrinsic_hash()),
			events: names,
			numbers,
		})
	}
}

/// An account as a call argument.
pub fn account(a: &AccountId32) -> ScaleValue {
	ScaleValue::from_bytes(a.0)
}

/// An account as a JSON-RPC parameter (SS58).
pub fn ss58(a: &AccountId32) -> Value {
	Value::String(a.to_string())
}

/// A 32-byte digest as a call argument.
pub fn digest(d: &[u8; 32]) -> ScaleValue {
	ScaleValue::from_bytes(d)
}

/// An unsigned integer as a call argument.
pub fn uint(n: impl Into<u128>) -> ScaleValue {
	ScaleValue::u128(n.into())
}

/// A field-less enum variant as a call argument.
pub fn variant(name: &str) -> ScaleValue {
	ScaleValue::unnamed_variant(name, [])
}

impl Chain {
	/// The constant `pallet.name`, an integer (for example a batch limit).
	pub async fn constant(&self, pallet: &str, name: &str) -> Result<u64, String> {
		let at = self.api.at_current_block().await.map_err(|e| e.to_string())?;
		at.constants().entry(dynamic::constant::<u64>(pallet, name)).map_err(|e| format!("{pallet}.{name}: {e}"))
	}

	/// `bytes`, the SCALE encoding of argument `arg` of `pallet.call`, as a value of its type:
	/// for arguments the node hands out encoded, such as session keys.
	pub async fn decode_arg(&self, pallet: &str, call: &str, arg: usize, bytes: &[u8]) -> Result<ScaleValue, String> {
		let at = self.api.at_current_block().await.map_err(|e| e.to_string())?;
		let metadata = at.metadata_ref();
		let field = metadata
			.pallet_by_name(pallet)
			.and_then(|p| p.call_variant_by_name(call))
			.and_then(|v| v.fields.get(arg))
			.ok_or_else(|| format!("the runtime has no argument {arg} of {pallet}.{call}"))?;
		let value = subxt::ext::scale_value::scale::decode_as_type(&mut &bytes[..], field.ty.id, metadata.types())
			.map_err(|e| format!("decoding {pallet}.{call} argument {arg}: {e}"))?;
		Ok(value.remove_context())
	}
}
