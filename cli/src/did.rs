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
		#[arg(long)]
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
