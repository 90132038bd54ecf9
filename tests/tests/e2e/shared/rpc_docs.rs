//! `docs/rpc.md` against a dev node: every educhain method the node serves is documented and
//! every documented one is served; the standard methods it lists exist; every `curl` example
//! works (sent over HTTP, as curl would); and the error codes in its table are the ones the
//! node returns.

use educhain_e2e::node::Node;
use jsonrpsee::{
	core::{client::ClientT, params::ArrayParams, ClientError},
	http_client::HttpClientBuilder,
};
use serde_json::Value;
use std::collections::BTreeSet;

/// The namespaces of educhain's own methods.
const EDUCHAIN: [&str; 6] = ["registry_", "did_", "transcripts_", "credentials_", "coins_", "fl_"];

fn docs() -> String {
	let path = educhain_e2e::root().join("docs/rpc.md");
	std::fs::read_to_string(path).expect("docs/rpc.md")
}

/// The methods documented under `### \`name\`` headings.
fn documented(docs: &str) -> BTreeSet<String> {
	docs.lines()
		.filter_map(|l| l.strip_prefix("### `")?.strip_suffix('`').map(str::to_string))
		.collect()
}

/// The standard methods named in the first column of the standard-methods table.
fn standard(docs: &str) -> BTreeSet<String> {
	let section = docs.split("## Standard Substrate methods").nth(1).expect("the standard section");
	section
		.lines()
		.filter(|l| l.starts_with("| `"))
		.flat_map(|l| l.split('|').nth(1).unwrap_or("").split('`').skip(1).step_by(2).map(str::to_string).collect::<Vec<_>>())
		.collect()
}

/// The JSON bodies of the `curl` examples.
fn examples(docs: &str) -> Vec<Value> {
	docs.lines()
		.filter(|l| l.starts_with("curl "))
		.map(|l| {
			let body = l.split("-d '").nth(1).and_then(|b| b.split('\'').next()).expect("a -d body");
			assert!(l.ends_with(" http://127.0.0.1:9944"), "examples target run-dev.sh's port: {l}");
			serde_json::from_str(body).unwrap_or_else(|e| panic!("example body {body}: {e}"))
		})
		.collect()
}

fn params(values: &[Value]) -> ArrayParams {
	let mut p = ArrayParams::new();
	for v in values {
		p.insert(v).unwrap();
	}
	p
}

fn error_code(result: Result<Value, ClientError>) -> i32 {
	match result {
		Err(ClientError::Call(e)) => e.code(),
		other => panic!("expected an error object, got {other:?}"),
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn the_rpc_reference_matches_the_node() {
	let _gate = educhain_e2e::together();
	let docs = docs();
	let dir = tempfile::tempdir().unwrap();
	let (node, _rpc) = Node::dev(dir.path()).await;
	let url = node.rpc_url().replace("ws://", "http://");
	let http = HttpClientBuilder::default().build(&url).unwrap();

	let served: Value = http.request("rpc_methods", params(&[])).await.unwrap();
	let served: BTreeSet<String> =
		served["methods"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect();
	let ours: BTreeSet<String> =
		served.iter().filter(|m| EDUCHAIN.iter().any(|ns| m.starts_with(ns))).cloned().collect();
	let documented = documented(&docs);
	let undocumented: Vec<_> = ours.difference(&documented).collect();
	let unserved: Vec<_> = documented.difference(&ours).collect();
	assert!(undocumented.is_empty(), "served but missing from docs/rpc.md: {undocumented:?}");
	assert!(unserved.is_empty(), "in docs/rpc.md but not served: {unserved:?}");
	assert!(ours.len() >= 17, "{ours:?}");

	let standard = standard(&docs);
	assert!(standard.contains("author_submitAndWatchExtrinsic"), "{standard:?}");
	let missing: Vec<_> = standard.difference(&served).collect();
	assert!(missing.is_empty(), "docs/rpc.md lists standard methods the node lacks: {missing:?}");

	// Every example runs, and every educhain method has one.
	let examples = examples(&docs);
	let mut exemplified = BTreeSet::new();
	for body in &examples {
		let method = body["method"].as_str().unwrap();
		let args = body["params"].as_array().unwrap();
		let result: Result<Value, _> = http.request(method, params(args)).await;
		assert!(result.is_ok(), "the example for {method} failed: {result:?}");
		exemplified.insert(method.to_string());
	}
	let without: Vec<_> = documented.difference(&exemplified).collect();
	assert!(without.is_empty(), "methods without a curl example: {without:?}");

	// The error table: a bad address is -32602, an unknown method -32601, a block the node does
	// not have 1.
	let bob = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
	let bad = http.request::<Value, _>("registry_institution", params(&["not-an-address".into()])).await;
	assert_eq!(error_code(bad), -32602);
	let unknown = http.request::<Value, _>("registry_nothing", params(&[])).await;
	assert_eq!(error_code(unknown), -32601);
	let nowhere = format!("0x{}", "11".repeat(32));
	let at = http.request::<Value, _>("registry_institution", params(&[bob.into(), nowhere.into()])).await;
	assert_eq!(error_code(at), 1);
	for (code, message) in [(-32602, "Invalid params"), (-32601, "Method not found"), (1, "runtime API call failed")] {
		assert!(docs.contains(&format!("| {code} | `{message}` |")), "docs/rpc.md lacks error {code}");
	}
}
