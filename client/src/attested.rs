//! What a verifier reads from the chain, and what each answer rests on: the light client's
//! proofs against a finalized block, or a node's word.
//!
//! Through a node, the reads are the domain methods (`credentials_verify`, `credentials_held`,
//! `did_resolve`, `transcripts_transcript`, `transcripts_class`). Through the light client, they are the runtime API calls behind those methods
//! (`CredentialsApi_verify`, `CredentialsApi_held`, `RegistryApi_institution`,
//! `RegistryApi_assertion_keys`, `TranscriptsApi_transcript`, `TranscriptsApi_class`), executed
//! by the light client on call proofs, and shaped into the same typed answers.

use crate::{
	api::{
		credentials::{CredentialsRpcClient, HeldPage, VerifyResponse},
		did::{did_of, DidDocument, DidRpcClient},
		transcripts::{ClassId, ClassInfo, ClassView, EnrolmentTranscript, EnrolmentView, TranscriptsRpcClient},
	},
	Client, Error, Result,
};
use codec::Encode;
use educhain_runtime::{AccountId, BlockNumber, Hash};
use pallet_credentials::{api::HELD_PAGE, Verification};
use pallet_registry::{AssertionKey, Institution};
use sp_core::H256;
use std::time::Duration;

/// Whose word the reads are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trust {
	/// Nobody's: the light client checked every answer by proofs against a finalized block.
	LightClient,
	/// The node at this URL, believed as it answers.
	Node(String),
	/// Nobody's but the chain spec's, offline: a receipt's proofs, finalized by authority set
	/// `set`, whose chain of changes was checked from the spec's genesis set, or from the
	/// `checkpoint` set the verifier gave and trusts.
	Receipt {
		/// The authority set that finalized the receipt's block.
		set: u64,
		/// The set the verifier trusted as its starting point, if not the genesis set.
		checkpoint: Option<u64>,
	},
}

/// The block the reads were made at, and whose word they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Basis {
	/// The block's number.
	pub number: BlockNumber,
	/// The block's hash.
	pub hash: H256,
	/// Whose word the reads are.
	pub trust: Trust,
}

impl std::fmt::Display for Basis {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		write!(f, "block #{} ({:?}), ", self.number, self.hash)?;
		match &self.trust {
			Trust::LightClient => write!(f, "finalized, verified by light client"),
			Trust::Node(url) => write!(f, "trusting {url}"),
			Trust::Receipt { set, checkpoint } => {
				write!(f, "finalized by authority set {set} (proven from ")?;
				match checkpoint {
					None => write!(f, "the chain spec's genesis set")?,
					Some(pin) => write!(f, "checkpoint set {pin}, which you trust")?,
				}
				write!(f, "), verified offline from a receipt")
			},
		}
	}
}

/// A source of the reads a verifier makes.
pub struct Reader {
	client: Client,
	trust: Trust,
}

impl Reader {
	/// Reads believed from the node at `url`.
	pub async fn node(url: &str) -> Result<Reader> {
		Ok(Reader { client: Client::connect(url).await?, trust: Trust::Node(url.into()) })
	}

	/// Reads checked by a light client for the network of `chain_spec`, started from `database`
	/// (see [`Client::light`]). A saved state that does not sync within a quarter of `limit`
	/// (another chain with the same genesis: a dev chain started again) is dropped, and the light
	/// client starts from genesis.
	pub async fn light(chain_spec: &str, peers: &[String], database: &str, limit: Duration) -> Result<Reader> {
		let client = match database {
			"" => Client::light(chain_spec, peers, "", limit).await?,
			saved => match Client::light(chain_spec, peers, saved, limit / 4).await {
				Ok(client) => client,
				Err(_) => Client::light(chain_spec, peers, "", limit).await?,
			},
		};
		Ok(Reader { client, trust: Trust::LightClient })
	}

	/// The light client's finalized state, to start from next time; `None` through a node.
	pub async fn database(&self) -> Result<Option<String>> {
		self.client.light_database().await
	}

	/// The block to read at: the light client's latest finalized block, or the node's best.
	/// A transaction included but not yet final is not seen through the light client.
	pub async fn basis(&self) -> Result<Basis> {
		let hash = match self.trust {
			Trust::Node(_) => self.client.call("chain_getBlockHash", vec![]).await?,
			_ => self.client.finalized_hash().await?,
		};
		let number = self.client.header(Some(hash)).await?.number;
		Ok(Basis { number, hash, trust: self.trust.clone() })
	}

	/// The chain's genesis hash.
	pub async fn genesis(&self) -> Result<H256> {
		self.client.genesis_hash().await
	}

	/// What the chain holds about credential `id` at `at`.
	pub async fn credential(&self, id: H256, at: &Basis) -> Result<VerifyResponse> {
		if let Trust::Node(_) = self.trust {
			return self.client.rpc().verify(id, Some(at.hash)).await.map_err(rpc("credentials_verify"));
		}
		let v: Verification<AccountId, Hash, BlockNumber> =
			self.client.runtime_call("CredentialsApi_verify", &id.encode(), Some(at.hash)).await?;
		Ok(VerifyResponse::new(id, v))
	}

	/// One page of the credentials `holder` holds at `at`, after `after` (see
	/// `credentials_held`).
	pub async fn held(&self, holder: &AccountId, after: Option<H256>, at: &Basis) -> Result<HeldPage> {
		if let Trust::Node(_) = self.trust {
			let page = self.client.rpc().held(holder.clone(), after, Some(at.hash)).await;
			return page.map_err(rpc("credentials_held"));
		}
		let args = (holder, after, HELD_PAGE).encode();
		let listed: Vec<(Hash, Verification<AccountId, Hash, BlockNumber>)> =
			self.client.runtime_call("CredentialsApi_held", &args, Some(at.hash)).await?;
		Ok(HeldPage::new(holder.clone(), listed))
	}

	/// Institution `issuer`'s DID document at `at`, if it is in the registry.
	pub async fn did(&self, issuer: &AccountId, at: &Basis) -> Result<Option<DidDocument>> {
		if let Trust::Node(_) = self.trust {
			return self.client.rpc().resolve(did_of(issuer), Some(at.hash)).await.map_err(rpc("did_resolve"));
		}
		let (args, at) = (issuer.encode(), Some(at.hash));
		let institution: Option<Institution<Hash, BlockNumber>> =
			self.client.runtime_call("RegistryApi_institution", &args, at).await?;
		let Some(institution) = institution else { return Ok(None) };
		let keys: Vec<AssertionKey<BlockNumber>> = self.client.runtime_call("RegistryApi_assertion_keys", &args, at).await?;
		Ok(Some(DidDocument::new(did_of(issuer), &institution.status, keys)))
	}
}

impl Reader {
	/// Learner `learner`'s transcript at `at`: pass or fail and the record digest of each grade.
	pub async fn transcript(&self, learner: &AccountId, at: &Basis) -> Result<Vec<EnrolmentView>> {
		if let Trust::Node(_) = self.trust {
			let answer = self.client.rpc().transcript(learner.clone(), Some(at.hash)).await;
			return answer.map_err(rpc("transcripts_transcript"));
		}
		let t: Vec<EnrolmentTranscript<AccountId, Hash, BlockNumber>> =
			self.client.runtime_call("TranscriptsApi_transcript", &learner.encode(), Some(at.hash)).await?;
		Ok(t.iter().map(EnrolmentView::from).collect())
	}

	/// Class `class` at `at`, with its pass mark and scale, if it exists.
	pub async fn class(&self, class: ClassId, at: &Basis) -> Result<Option<ClassInfo>> {
		if let Trust::Node(_) = self.trust {
			return self.client.rpc().class(class, Some(at.hash)).await.map_err(rpc("transcripts_class"));
		}
		let c: Option<ClassView<AccountId, Hash>> =
			self.client.runtime_call("TranscriptsApi_class", &class.encode(), Some(at.hash)).await?;
		Ok(c.map(|c| ClassInfo::new(class, &c)))
	}
}

/// A typed domain method's failure as this crate's error.
fn rpc(method: &'static str) -> impl Fn(jsonrpsee::core::ClientError) -> Error {
	move |error| Error::Rpc { method: method.into(), error }
}
