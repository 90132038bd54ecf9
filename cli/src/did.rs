//! `did`: resolve `did:educhain` DIDs from the chain, and write the `did:web` documents the
//! ministry publishes for institutions.

use crate::context::{to_json, write_json, Ctx, Error, Output};
use clap::Subcommand;
use educhain_client::api::{
	did::{did_of, DidDocument, DidRpcClient},
	registry::RegistryRpcClient,
};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum Did {
	/// The DID document of `did:educhain:<SS58 address>`: its current and past assertion keys
	/// and its registry status.
	Resolve {
		/// The DID, `did:educhain:<SS58 address>`.
		did: String,
	},
	/// Write `did:web` documents for every member institution, generated from the chain:
	/// `<out>/institutions/<SS58>/did.json`, for `did:web:<host>:institutions:<SS58>`, served
	/// at `https://<host>/institutions/<SS58>/did.json`. Each names its `did:educhain` DID in
	/// `alsoKnownAs`.
	ExportWeb {
		/// The ministry's host name (a port as `%3A`, as did:web requires).
		#[arg(long, value_parser = web_host)]
		host: String,
		/// The folder to write the documents under, the web server's root.
		#[arg(long)]
		out: PathBuf,
	},
}

/// Run a `did` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Did) -> Result<Output, Error> {
	let rpc = ctx.client.rpc();
	Ok(match command {
		Did::Resolve { did } => Output::json(to_json(&rpc.resolve(did.clone(), None).await?)?),
		Did::ExportWeb { host, out } => {
			let mut written = Vec::new();
			for member in rpc.members(None).await? {
				let did = did_of(&member.account);
				let Some(document) = rpc.resolve(did, None).await? else { continue };
				let name = member.account.to_string();
				written.push(write(out, &name, web(document, host, &name))?);
			}
			let human = format!("{} did:web documents under {}", written.len(), out.display());
			Output { json: to_json(&written)?, human }
		},
	})
}

/// `--host`, checked before the node is asked: one that would make DIDs no resolver finds at the
/// ministry's server is refused. did:web's identifier is the host name alone, a port as `%3A`.
fn web_host(host: &str) -> Result<String, String> {
	let refused = |why: &str| Err(format!("{host:?}: {why}"));
	if host.is_empty() {
		return refused("give the ministry's host name, such as ministry.example");
	}
	// A scheme (`https://`) has a slash too.
	if host.contains('/') {
		return refused("give the host name alone, without a scheme or path (the documents go under /institutions/)");
	}
	if host.contains(':') {
		return refused("did:web writes a port as %3A, such as ministry.example%3A8443");
	}
	if !host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '%')) {
		return refused("a host name has letters, digits, dots and hyphens only");
	}
	Ok(host.into())
}

/// `document` re-identified as `did:web:<host>:institutions:<name>`, naming the chain DID.
fn web(mut document: DidDocument, host: &str, name: &str) -> DidDocument {
	let web = format!("did:web:{host}:institutions:{name}");
	for method in &mut document.verification_method {
		method.id = method.id.replacen(&document.id, &web, 1);
		method.controller = web.clone();
	}
	for id in &mut document.assertion_method {
		*id = id.replacen(&document.id, &web, 1);
	}
	document.also_known_as = vec![std::mem::replace(&mut document.id, web)];
	document
}

fn write(out: &Path, name: &str, document: DidDocument) -> Result<String, Error> {
	let dir = out.join("institutions").join(name);
	std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
	let path = dir.join("did.json");
	write_json(&path, &document)?;
	Ok(path.display().to_string())
}

#[cfg(test)]
mod tests {
	use super::web_host;

	#[test]
	fn a_host_that_did_web_cannot_name_is_refused() {
		assert_eq!(web_host("ministry.example"), Ok("ministry.example".into()));
		assert_eq!(web_host("ministry.example%3A8443"), Ok("ministry.example%3A8443".into()));
		let refused = |host: &str| web_host(host).expect_err("refused");
		assert!(refused("").contains("give the ministry's host name"));
		assert!(refused("https://ministry.example").contains("without a scheme"));
		assert!(refused("ministry.example/dids").contains("without a scheme or path"));
		assert!(refused("ministry.example:8443").contains("%3A8443"));
		assert!(refused("ministry example").contains("letters, digits"));
	}
}
