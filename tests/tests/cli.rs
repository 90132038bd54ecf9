//! `educhain-cli` against a dev node: keys, registry reads, an application and a ministry
//! decision, lecturers, reads of the other pallets, `--finalized`, `--json`, and failures decoded into the pallet's error and its documentation
//! with exit code 1 (bad input exits 2).

use educhain_e2e::node::{workspace_binary, Node};
use serde_json::Value;
use sp_core::crypto::Ss58Codec;
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave};
use std::process::{Command, Output};

/// Run the CLI against `url` with `args`.
fn cli(url: &str, args: &[&str]) -> Output {
	Command::new(workspace_binary("educhain-cli")).arg("--url").arg(url).args(args).output().expect("educhain-cli runs")
}

fn stdout(out: &Output) -> String {
	String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Run with `--json`, expecting success; the JSON printed.
fn json(url: &str, args: &[&str]) -> Value {
	let out = cli(url, &[&["--json"], args].concat());
	assert!(out.status.success(), "{args:?}: {}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
	serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {}", stdout(&out)))
}

#[test]
fn keys_are_generated_and_inspected_without_a_node() {
	let url = "ws://127.0.0.1:9";
	let bob = json(url, &["keys", "inspect", "//Bob"]);
	assert_eq!(bob["account"], Bob.to_account_id().to_ss58check());
	assert_eq!(bob["public"], format!("0x{}", hex::encode(Bob.public().0)));
	let new = json(url, &["keys", "generate"]);
	let phrase = new["mnemonic"].as_str().unwrap();
	assert_eq!(phrase.split(' ').count(), 12);
	assert_eq!(json(url, &["keys", "inspect", phrase])["account"], new["account"]);
	assert_ne!(new["account"], bob["account"]);
	// A bad key is a usage error.
	let out = cli(url, &["keys", "inspect", "not a key"]);
	assert_eq!(out.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_registry_from_the_command_line() {
	let dir = tempfile::tempdir().unwrap();
	let (node, _rpc) = Node::dev(dir.path()).await;
	let url = node.rpc_url();
	let (bob, charlie, dave) =
		(Bob.to_account_id().to_ss58check(), Charlie.to_account_id().to_ss58check(), Dave.to_account_id().to_ss58check());

	let members = json(&url, &["registry", "members"]);
	assert!(members.as_array().unwrap().iter().any(|m| m["account"] == bob && m["status"] == "Active"), "{members}");
	let human = stdout(&cli(&url, &["registry", "institution", &bob]));
	assert!(human.contains("University Active"), "{human}");

	// Charlie applies and the ministry admits it, both from the command line; the approval
	// waits for finality.
	let profile = format!("0x{}", "03".repeat(32));
	let applied = json(&url, &["--signer", "//Charlie", "registry", "apply", "--kind", "College", "--profile", &profile]);
	assert!(applied["events"].to_string().contains("Registry."), "{applied}");
	let open = json(&url, &["registry", "applications"]);
	assert_eq!(open[0]["subject"], charlie, "{open}");
	assert_eq!(json(&url, &["registry", "institution", &charlie])["kind"], "College");
	// A second application while the first is open is refused by the registry.
	let out = cli(&url, &["--signer", "//Charlie", "registry", "apply", "--kind", "College", "--profile", &profile]);
	assert_ne!(out.status.code(), Some(0));
	let done = json(&url, &["--finalized", "--signer", "//Alice", "registry", "approve", &charlie]);
	assert_eq!(done["ok"], true);
	assert!(done["events"].as_array().unwrap().iter().any(|e| e.as_str().unwrap().starts_with("Registry.")), "{done}");
	assert_eq!(json(&url, &["registry", "institution", &charlie])["status"], "Active");

	// Charlie appoints Dave; the lecturers list shows it.
	json(&url, &["--signer", "//Charlie", "registry", "grant-lecturer", &dave]);
	assert_eq!(json(&url, &["registry", "lecturers", &charlie]), serde_json::json!([dave]));

	// Failures name the pallet error and its documentation, and exit 1.
	let out = cli(&url, &["--signer", "//Bob", "registry", "vote", &dave, "aye"]);
	assert_eq!(out.status.code(), Some(1));
	let said = String::from_utf8_lossy(&out.stderr);
	assert!(said.contains("registry.NoSuchProposal: There is no open proposal about this account."), "{said}");
	let out = cli(&url, &["--json", "--signer", "//Charlie", "registry", "revoke-lecturer", &bob]);
	assert_eq!(out.status.code(), Some(1));
	let failed: Value = serde_json::from_str(&stdout(&out)).unwrap();
	assert_eq!(failed["error"], "registry.NotLecturer");
	assert_eq!(failed["docs"], "The account is not a lecturer of this institution.");
	// The ministry's call by someone else is refused by origin.
	let out = cli(&url, &["--signer", "//Bob", "registry", "approve", &dave]);
	assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));

	// Reads of the other pallets pass the node's answer through.
	assert_eq!(json(&url, &["transcripts", "transcript", &charlie]), serde_json::json!([]));
	assert_eq!(json(&url, &["transcripts", "programs", &bob]), serde_json::json!([]));
	assert_eq!(stdout(&cli(&url, &["transcripts", "class", "0"])).trim(), "none");
	let zero = format!("0x{}", "00".repeat(32));
	assert_eq!(json(&url, &["credentials", "show", &zero])["found"], false);
	assert!(json(&url, &["coins", "course", "0"]).is_null());
	assert_eq!(json(&url, &["coins", "balances", &dave]), serde_json::json!([]));
	assert!(json(&url, &["fl", "task", "0"]).is_null());
	assert!(json(&url, &["fl", "budget", "0", &bob]).is_null());

	// Usage errors exit 2: no signer, a bad address, a bad credential id, no node.
	assert_eq!(cli(&url, &["registry", "approve", &dave]).status.code(), Some(2));
	assert_eq!(cli(&url, &["registry", "institution", "nobody"]).status.code(), Some(2));
	assert_eq!(cli(&url, &["credentials", "show", "xyz"]).status.code(), Some(2));
	assert_eq!(cli("ws://127.0.0.1:9", &["registry", "members"]).status.code(), Some(2));
}
