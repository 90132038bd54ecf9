//! Receipts: a credential's record, proven with no network at all.
//!
//! A receipt holds a finalized header with its GRANDPA justification, the header and
//! justification of every authority-set change from genesis to it, and a storage proof against
//! that header's state root of everything verification reads: the credential record and its
//! status history, and the issuer's registry record and assertion keys. [`check`] verifies the
//! justifications from a pinned authority set (the genesis set in the chain spec, or a
//! checkpoint), then runs the runtime's own verification code natively on the proven storage
//! alone, so its answers are the ones `credentials_verify` and `did_resolve` give.

use crate::{
	api::{
		credentials::VerifyResponse,
		did::{did_of, DidDocument},
	},
	finality::{self, AuthoritySet},
	Client, Error, Result,
};
use codec::{Decode, Encode};
use educhain_runtime::{AccountId, Header, Runtime};
use jsonrpsee::core::client::SubscriptionClientT;
use serde::{Deserialize, Serialize};
use sp_core::{Bytes, H256};
use sp_runtime::traits::BlakeTwo256;
use std::time::Duration;

/// The receipt format this code writes and reads.
pub const FORMAT: &str = "educhain-receipt/1";

/// A header (SCALE) and the GRANDPA justification (SCALE) that proves it final.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Justified {
	/// The header.
	pub header: Bytes,
	/// Its justification.
	pub justification: Bytes,
}

/// What `educhain-cli credentials receipt` writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
	/// [`FORMAT`].
	pub format: String,
	/// The chain's genesis hash, as the node that made the receipt stated it.
	pub genesis_hash: H256,
	/// The credential id the proof is about.
	pub credential_id: H256,
	/// The credential's issuer, when the chain has the credential.
	pub issuer: Option<AccountId>,
	/// Every authority-set change from genesis to `block`, oldest first.
	pub set_changes: Vec<Justified>,
	/// The finalized block the proof is against.
	pub block: Justified,
	/// The authority set whose justification finalizes `block`: what the receipt relies on.
	pub authority_set: AuthoritySet,
	/// The storage proof's trie nodes.
	pub proof: Vec<Bytes>,
}

/// What a receipt proves.
#[derive(Clone, Debug)]
pub struct Proven {
	/// The block's number.
	pub number: u32,
	/// The block's hash.
	pub hash: H256,
	/// The id of the authority set that finalized it.
	pub set: u64,
	/// The credential's record, as `credentials_verify` gives it.
	pub credential: VerifyResponse,
	/// The issuer's DID document, as `did_resolve` gives it.
	pub did: Option<DidDocument>,
}

/// The storage keys verification reads for credential `id` issued by `issuer`.
fn keys(id: H256, issuer: Option<&AccountId>) -> Vec<Vec<u8>> {
	let mut keys = vec![
		pallet_credentials::Credentials::<Runtime>::hashed_key_for(id),
		pallet_credentials::History::<Runtime>::hashed_key_for(id),
	];
	if let Some(issuer) = issuer {
		keys.push(pallet_registry::Institutions::<Runtime>::hashed_key_for(issuer));
		keys.push(pallet_registry::AssertionKeys::<Runtime>::hashed_key_for(issuer));
	}
	keys
}

/// Make the receipt of credential `id` from the node `client` talks to, at the next block it
/// justifies (waiting up to `limit`). Nothing the node says is believed: [`check`] will prove it.
pub async fn make(client: &Client, id: H256, limit: Duration) -> Result<Receipt> {
	let genesis_hash = client.genesis_hash().await?;
	let (header, justification) = match client.rpc() {
		crate::transport::Transport::Http(_) => next_stored(client, limit).await?,
		_ => next_justified(client, limit).await?,
	};
	let at = Some(header.hash());
	let verification: pallet_credentials::Verification<AccountId, H256, u32> =
		client.runtime_call("CredentialsApi_verify", &id.encode(), at).await?;
	let issuer = verification.credential.map(|c| c.issuer);
	let keys: Vec<String> = keys(id, issuer.as_ref()).iter().map(|k| format!("0x{}", hex::encode(k))).collect();
	let read: ReadProof = client.call("state_getReadProof", vec![keys.into(), format!("{:?}", header.hash()).into()]).await?;
	let set_changes = set_changes(client, &header).await?;
	// The set that voted on the block: as its parent's state has it (a block that changes the
	// set is still finalized by the set before).
	let authority_set = authority_set(client, header.parent_hash).await?;
	let block = Justified { header: header.encode().into(), justification: justification.into() };
	let proof = read.proof;
	Ok(Receipt { format: FORMAT.into(), genesis_hash, credential_id: id, issuer, set_changes, block, authority_set, proof })
}

/// The GRANDPA authority set as block `at`'s state records it.
pub async fn authority_set(client: &Client, at: H256) -> Result<AuthoritySet> {
	let id = client.runtime_call("GrandpaApi_current_set_id", &[], Some(at)).await?;
	Ok(AuthoritySet { id, authorities: client.runtime_call("GrandpaApi_grandpa_authorities", &[], Some(at)).await? })
}

/// `state_getReadProof`'s answer.
#[derive(Deserialize)]
struct ReadProof {
	proof: Vec<Bytes>,
}

/// The next justification the node's GRANDPA voter makes, with the header it justifies. A
/// subscription that ends (the connection closed, say as the node restarted) is made again, as
/// the transport connects again, within `limit`.
async fn next_justified(client: &Client, limit: Duration) -> Result<(Header, Vec<u8>)> {
	let method = "grandpa_subscribeJustifications";
	let deadline = tokio::time::Instant::now() + limit;
	let late = || Error::Timeout(format!("a justification within {limit:?}"));
	let justification = loop {
		let subscribed = client.rpc().subscribe::<Bytes, _>(method, jsonrpsee::rpc_params![], "grandpa_unsubscribeJustifications");
		let mut stream = match subscribed.await {
			Ok(stream) => stream,
			Err(error) => {
				let error = Error::Rpc { method: method.into(), error };
				if !crate::watch::unanswered(&error) || tokio::time::Instant::now() > deadline {
					return Err(error);
				}
				client.answering_by(deadline).await?;
				continue;
			},
		};
		if let Some(next) = tokio::time::timeout_at(deadline, stream.next()).await.map_err(|_| late())? {
			break next.map_err(|e| Error::Decode(format!("a justification notification: {e}")))?;
		}
	};
	let j = sp_consensus_grandpa::GrandpaJustification::<Header>::decode(&mut &justification[..])
		.map_err(|e| Error::Decode(format!("a justification: {e}")))?;
	Ok((client.header(Some(j.commit.target_hash)).await?, justification.0))
}

/// Over HTTP, which has no subscriptions: the first justification the node stores for a block
/// finalized after the request (it keeps one every 16 blocks and one at each set change:
/// `node/lib/src/service.rs`), read with its block, within `limit`. A node that stops answering
/// meanwhile (restarting, say) is waited for.
async fn next_stored(client: &Client, limit: Duration) -> Result<(Header, Vec<u8>)> {
	let deadline = tokio::time::Instant::now() + limit;
	let mut next = client.finalized_number().await? + 1;
	loop {
		match stored_from(client, &mut next).await {
			Ok(Some(found)) => return Ok(found),
			Ok(None) if tokio::time::Instant::now() > deadline => {
				return Err(Error::Timeout(format!("a block the node keeps a justification of, within {limit:?}")))
			},
			Ok(None) => tokio::time::sleep(crate::watch::POLL).await,
			Err(e) if crate::watch::unanswered(&e) && tokio::time::Instant::now() <= deadline => client.answering_by(deadline).await?,
			Err(e) => return Err(e),
		}
	}
}

/// The first finalized block from number `*next` on that has a stored justification, with it;
/// `*next` moves past those read without one.
async fn stored_from(client: &Client, next: &mut u32) -> Result<Option<(Header, Vec<u8>)>> {
	let finalized = client.finalized_number().await?;
	while *next <= finalized {
		let hash = canonical(client, *next).await?;
		if let (header, Some(justification)) = kept(client, hash).await? {
			return Ok(Some((header, justification)));
		}
		*next += 1;
	}
	Ok(None)
}

/// The blocks before `header` that change the authority set, each with its justification: the
/// chain of sets from genesis to the one that finalizes `header` (a change in `header` itself
/// takes effect after it).
async fn set_changes(client: &Client, header: &Header) -> Result<Vec<Justified>> {
	let set_id: u64 = client.runtime_call("GrandpaApi_current_set_id", &[], Some(header.parent_hash)).await?;
	let mut changes = Vec::new();
	for number in 1..header.number {
		if changes.len() as u64 == set_id {
			break;
		}
		let hash = canonical(client, number).await?;
		let changed = client.header(Some(hash)).await?;
		if finality::scheduled_change(&changed).map_err(Error::Decode)?.is_some() {
			let justification = kept(client, hash)
				.await?
				.1
				.ok_or_else(|| Error::Decode(format!("block {hash:?} changes the authority set but has no justification")))?;
			changes.push(Justified { header: changed.encode().into(), justification: justification.into() });
		}
	}
	Ok(changes)
}

/// The hash of block `number`, which is final or before the block the receipt is for: the node
/// must have it.
async fn canonical(client: &Client, number: u32) -> Result<H256> {
	client.block_hash(number).await?.ok_or_else(|| Error::Decode(format!("no block #{number}")))
}

/// Block `hash`'s header, and the GRANDPA justification the node stored with it if it kept one.
async fn kept(client: &Client, hash: H256) -> Result<(Header, Option<Vec<u8>>)> {
	let block: Option<crate::client::SignedBlock> = client.call("chain_getBlock", vec![format!("{hash:?}").into()]).await?;
	let block = block.ok_or(Error::NoBlock(hash))?;
	let mut found = block.justifications.into_iter().flatten();
	Ok((block.block.header, found.find(|(engine, _)| *engine == sp_consensus_grandpa::GRANDPA_ENGINE_ID).map(|(_, j)| j)))
}

/// What a raw chain spec pins: the genesis hash (computed from its genesis storage) and the
/// genesis authority set (`Grandpa.Authorities`).
pub fn pinned_by(chain_spec: &str) -> std::result::Result<(H256, AuthoritySet), String> {
	use sp_runtime::{traits::{Hash, Header as _}, StateVersion};
	let spec: serde_json::Value = serde_json::from_str(chain_spec).map_err(|e| format!("the chain spec is not JSON: {e}"))?;
	let top = spec["genesis"]["raw"]["top"].as_object().ok_or(crate::light::PLAIN_SPEC)?;
	let unhex = |s: &str| hex::decode(s.trim_start_matches("0x")).map_err(|e| format!("the chain spec's genesis storage: {e}"));
	let mut pairs = Vec::new();
	for (key, value) in top {
		pairs.push((unhex(key)?, unhex(value.as_str().ok_or("a genesis storage value is not a string")?)?));
	}
	// The runtime's state version is 1 (`system_version`), from genesis.
	let state_root = BlakeTwo256::trie_root(pairs.clone(), StateVersion::V1);
	let extrinsics_root = BlakeTwo256::trie_root(Vec::new(), StateVersion::V1);
	let genesis = Header::new(0, extrinsics_root, state_root, H256::zero(), Default::default()).hash();
	let key = frame_support::storage::storage_prefix(b"Grandpa", b"Authorities").to_vec();
	let authorities = pairs.iter().find(|(k, _)| *k == key).ok_or("the chain spec pins no GRANDPA authorities")?;
	let authorities = Decode::decode(&mut &authorities.1[..]).map_err(|e| format!("the genesis authorities: {e}"))?;
	Ok((genesis, AuthoritySet { id: 0, authorities }))
}

/// Check `receipt` from `pin` (the genesis set, or a checkpoint's set): each set change after
/// the pin and the block's finality, then the storage proof, then verification itself on the
/// proven storage. An error says what failed to prove.
pub fn check(receipt: &Receipt, pin: &AuthoritySet) -> std::result::Result<Proven, String> {
	if receipt.format != FORMAT {
		return Err(format!("not a receipt of format {FORMAT}"));
	}
	let mut set = pin.clone();
	for change in receipt.set_changes.iter().skip(pin.id as usize) {
		let header = decode_header(&change.header)?;
		let next = finality::scheduled_change(&header)?.ok_or_else(|| format!("block #{} changes no authority set", header.number))?;
		finality::check(&header, &change.justification, &set)?;
		set = AuthoritySet { id: set.id + 1, authorities: next };
	}
	let header = decode_header(&receipt.block.header)?;
	finality::check(&header, &receipt.block.justification, &set)?;
	if set != receipt.authority_set {
		return Err(format!("the receipt relies on authority set {}, the proofs lead to set {}", receipt.authority_set.id, set.id));
	}
	let (credential, did) = run_on_proof(receipt, header.state_root)?;
	Ok(Proven { number: header.number, hash: header.hash(), set: set.id, credential, did })
}

fn decode_header(bytes: &[u8]) -> std::result::Result<Header, String> {
	Header::decode(&mut &bytes[..]).map_err(|e| format!("not a header: {e}"))
}

/// The runtime's verification of the receipt's credential, run natively on the proven storage
/// alone: a key the proof does not cover is an error, never a silent absence.
fn run_on_proof(receipt: &Receipt, root: H256) -> std::result::Result<(VerifyResponse, Option<DidDocument>), String> {
	use sp_state_machine::{create_proof_check_backend, read_proof_check, Ext, OverlayedChanges, StorageProof};
	let proof = || StorageProof::new(receipt.proof.iter().map(|n| n.0.clone()));
	let keys = keys(receipt.credential_id, receipt.issuer.as_ref());
	read_proof_check::<BlakeTwo256, _>(root, proof(), &keys)
		.map_err(|e| format!("the storage proof does not match the block's state root: {e}"))?;
	let backend = create_proof_check_backend::<BlakeTwo256>(root, proof()).map_err(|e| format!("the storage proof: {e}"))?;
	let mut overlay = OverlayedChanges::default();
	let mut ext = Ext::new(&mut overlay, &backend, None);
	let id = receipt.credential_id;
	let run = || {
		let v = pallet_credentials::Pallet::<Runtime>::verify(id);
		let issuer = v.credential.as_ref().map(|c| c.issuer.clone());
		let did = issuer.as_ref().and_then(|who| {
			let institution = pallet_registry::Pallet::<Runtime>::institution(who)?;
			Some(DidDocument::new(did_of(who), &institution.status, pallet_registry::Pallet::<Runtime>::assertion_keys(who)))
		});
		(issuer, VerifyResponse::new(id, v), did)
	};
	let (issuer, credential, did) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
		sp_externalities::set_and_run_with_externalities(&mut ext, run)
	}))
	.map_err(|_| "the storage proof does not cover what verification reads".to_string())?;
	if issuer != receipt.issuer {
		return Err("the receipt names another issuer than the proven record".into());
	}
	Ok((credential, did))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::watch::tests::{header, restart, serve};
	use jsonrpsee::{core::SubscriptionResult, server::SubscriptionMessage, RpcModule};

	/// A node whose justification subscription sends `sends`, if any, and then nothing.
	fn justifying(sends: Option<Bytes>) -> RpcModule<Option<Bytes>> {
		let mut node = RpcModule::new(sends);
		node.register_method("chain_getHeader", |_, _, _| Some(header(5))).expect("registers");
		let names = ("grandpa_subscribeJustifications", "grandpa_justifications", "grandpa_unsubscribeJustifications");
		node.register_subscription(names.0, names.1, names.2, |_, pending, sends, _| async move {
			let sink = pending.accept().await?;
			if let Some(justification) = sends.as_ref() {
				sink.send(SubscriptionMessage::from_json(justification)?).await?;
			}
			std::future::pending::<SubscriptionResult>().await
		})
		.expect("registers");
		node
	}

	/// A node that keeps justifications of blocks 3 and 8 and finalizes one more block, from
	/// block 3, each time it is asked for its finalized head.
	fn storing() -> RpcModule<std::sync::atomic::AtomicU64> {
		use std::sync::atomic::Ordering::SeqCst;
		let mut node = RpcModule::new(std::sync::atomic::AtomicU64::new(3));
		node.register_method("chain_getFinalizedHead", |_, finalized, _| Some(H256::from_low_u64_be(finalized.fetch_add(1, SeqCst))))
			.expect("registers");
		node.register_method("chain_getBlockHash", |p, finalized, _| {
			let number: u64 = p.one().expect("a block number");
			(number <= finalized.load(SeqCst)).then(|| H256::from_low_u64_be(number))
		})
		.expect("registers");
		node.register_method("chain_getHeader", |p, finalized, _| {
			let at: Option<H256> = p.one().expect("a hash or null");
			Some(header(at.map_or(finalized.load(SeqCst), |h| h.to_low_u64_be())))
		})
		.expect("registers");
		node.register_method("chain_getBlock", |p, _, _| {
			let number = p.one::<H256>().expect("a hash").to_low_u64_be();
			let kept = [3, 8].contains(&number).then(|| vec![(sp_consensus_grandpa::GRANDPA_ENGINE_ID, vec![number as u8; 3])]);
			serde_json::json!({"block": {"header": header(number), "extrinsics": []}, "justifications": kept})
		})
		.expect("registers");
		node
	}

	#[tokio::test]
	async fn over_http_the_receipt_waits_for_the_next_justification_the_node_keeps_through_a_restart() {
		let (server, addr) = serve(storing(), "127.0.0.1:0").await;
		let client = Client::connect(&format!("http://{addr}")).await.expect("the mock node answers");
		let (kept, after) = tokio::join!(next_stored(&client, Duration::from_secs(20)), restart(server, addr, storing()));
		after.stop().expect("the mock node stops");
		let (header, justification) = kept.expect("the justification of block 8");
		// Block 3's was kept before the request, so it is not the one.
		assert_eq!((header.number, justification), (8, vec![8; 3]));
	}

	#[tokio::test]
	async fn a_justification_awaited_while_the_node_restarts_comes_once_it_is_back() {
		// A justification of block 5 with no precommits: round, target hash and number, and
		// two empty lists.
		let justification = Bytes((1u64, H256::repeat_byte(5), 5u32, Vec::<()>::new(), Vec::<()>::new()).encode());
		let (server, addr) = serve(justifying(None), "127.0.0.1:0").await;
		let client = Client::connect(&format!("ws://{addr}")).await.expect("the mock node answers");
		let back = restart(server, addr, justifying(Some(justification.clone())));
		let (justified, after) = tokio::join!(next_justified(&client, Duration::from_secs(20)), back);
		after.stop().expect("the mock node stops");
		let (header, justified) = justified.expect("a justification from the node once it is back");
		assert_eq!((header.number, justified), (5, justification.0));
	}
}
