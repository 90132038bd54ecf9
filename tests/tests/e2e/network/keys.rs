//! Keys: session keys and the node key are on disk for the node's user only, and an authority
//! rotates its session keys on the local network as the README says (`educhain-cli registry
//! set-keys` against its own node), after which it authors and finalizes with the new ones, and a
//! receipt proves finality through that authority-set change.

use codec::Decode;
use educhain_e2e::{
	chain::{aura_authorities, block_author, grandpa_authorities},
	cli::json,
	network::{local_raw_spec, LocalNetwork},
	node::Node,
	rpc::Rpc,
	wait_for,
};
use educhain_client::receipt;
use educhain_runtime::SessionKeys;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::Bob;
use std::{os::unix::fs::PermissionsExt, path::Path, time::Duration};

const LIMIT: Duration = Duration::from_secs(120);

/// Every folder named `name` under `root`.
fn folders(root: &Path, name: &str) -> Vec<std::path::PathBuf> {
	let mut found = Vec::new();
	for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
		let path = entry.path();
		if path.is_dir() {
			if path.file_name().is_some_and(|n| n == name) {
				found.push(path.clone());
			}
			found.extend(folders(&path, name));
		}
	}
	found
}

/// The permission bits of `path`.
fn mode(path: &Path) -> u32 {
	std::fs::metadata(path).expect("exists").permissions().mode() & 0o777
}

/// Assert that `dir` and every file in it are the owner's alone; the number of files.
fn private(dir: &Path) -> usize {
	assert_eq!(mode(dir), 0o700, "{}", dir.display());
	let files: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
	for file in &files {
		assert_eq!(mode(file), 0o600, "{}", file.display());
	}
	files.len()
}

#[tokio::test(flavor = "multi_thread")]
async fn session_keys_rotate_on_the_local_network_and_keys_stay_private() {
	let _gate = educhain_e2e::together();
	// A node that was given no node key makes one, for its user only.
	let dir = tempfile::tempdir().unwrap();
	let (dev, _) = Node::dev(dir.path()).await;
	let network = folders(&dev.base_path, "network");
	assert_eq!(network.len(), 1, "{network:?}");
	assert_eq!(private(&network[0]), 1, "the node key");
	drop(dev);

	let mut net = LocalNetwork::start().await;
	let mut rpcs = Vec::new();
	for i in 0..4 {
		rpcs.push(net.rpc(i).await);
	}
	let all: Vec<&Rpc> = rpcs.iter().collect();
	LocalNetwork::wait_finalized(&all, 2, LIMIT).await;
	let old_aura: sp_consensus_aura::sr25519::AuthorityId = Bob.public().into();
	assert!(aura_authorities(&rpcs[0], None).await.contains(&old_aura));

	// Bob rotates: his node makes new keys, and his account registers them.
	let set = json(&net.nodes[1].rpc_url(), &["--signer", "//Bob", "registry", "set-keys"]);
	let keys = hex::decode(set["keys"].as_str().expect("keys").trim_start_matches("0x")).unwrap();
	let keys = SessionKeys::decode(&mut &keys[..]).expect("session keys");
	assert_ne!(keys.aura, old_aura, "new keys");

	// The new keys are in Bob's keystore on disk, for his user only.
	let keystore = folders(&net.nodes[1].base_path, "keystore");
	assert_eq!(keystore.len(), 1, "{keystore:?}");
	assert_eq!(private(&keystore[0]), 2, "Bob's new Aura and GRANDPA keys");

	// From the session after next, the new keys are the authorities' and the old ones gone.
	let rotated_at = wait_for("Bob's new keys to take over", 2 * LIMIT, || async {
		let aura = aura_authorities(&rpcs[0], None).await;
		(aura.contains(&keys.aura) && !aura.contains(&old_aura)).then_some(())?;
		grandpa_authorities(&rpcs[0]).await.contains(&keys.grandpa).then_some(())?;
		Some(rpcs[0].best_number().await)
	})
	.await;
	let authored = wait_for("a block by Bob's new key", LIMIT, || async {
		for n in rotated_at + 1..=rpcs[0].best_number().await {
			if block_author(&rpcs[0], n).await == keys.aura {
				return Some(n);
			}
		}
		None
	})
	.await;

	// Finality now needs Bob's new GRANDPA key: with Dave down, 3 of 4 are left only if Bob's
	// votes count.
	net.nodes[3].kill();
	let three = [&rpcs[0], &rpcs[1], &rpcs[2]];
	let finalized = rpcs[0].finalized_number().await.max(authored);
	LocalNetwork::wait_finalized(&three, finalized + 3, LIMIT).await;

	// A receipt made now proves its block final from the chain spec's genesis set, through the
	// set change of Bob's rotation; without that change it proves nothing.
	let spec = std::fs::read_to_string(local_raw_spec()).unwrap();
	let (genesis, pin) = receipt::pinned_by(&spec).unwrap();
	assert_eq!(rpcs[0].client.block_hash(0).await.unwrap(), Some(genesis), "the genesis hash, from the spec alone");
	let made = receipt::make(&rpcs[0].client, H256::repeat_byte(7), LIMIT).await.expect("a receipt");
	assert!(!made.set_changes.is_empty(), "Bob's rotation changed the authority set");
	let proven = receipt::check(&made, &pin).expect("proven through the changes");
	assert_eq!((proven.set, made.authority_set.id), (made.set_changes.len() as u64, proven.set), "the set relied on");
	assert!(!proven.credential.found, "no such credential, proven absent");
	let mut skipped = made.clone();
	skipped.set_changes.remove(0);
	// The next change's justification is then checked against the genesis set, which did not
	// make it: refused for a signature made in another set or, when the set that made it holds
	// Bob's new key (which depends on where the rotation fell among sessions), for a voter
	// outside the genesis set.
	let e = receipt::check(&skipped, &pin).expect_err("a change left out");
	assert!(e.contains("not valid in set 0") || e.contains("a precommit by a key outside authority set 0"), "{e}");
}
