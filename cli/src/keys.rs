//! Keys: generate a mnemonic, inspect a key, and load the signer a command uses from a dev
//! name or secret URI (`//Alice`, `word … word//derivation`) or a polkadot.js keystore file.

use crate::context::{Error, Output};
use clap::Subcommand;
use educhain_client::Signer;
use serde_json::json;
use sp_core::crypto::Ss58Codec;

/// Where a signing key comes from, as given to `--signer` or `keys inspect`; the caller names
/// which in the error.
pub fn load(spec: &str) -> Result<Signer, String> {
	let Some(path) = spec.strip_prefix("keystore:") else {
		return Signer::from_uri(spec).map_err(|e| e.to_string());
	};
	let json = std::fs::read_to_string(path).map_err(|e| format!("keystore {path}: {e}"))?;
	// The password comes from the environment in scripts, else from a prompt.
	let password = match std::env::var("EDUCHAIN_KEYSTORE_PASSWORD") {
		Ok(p) => p,
		Err(_) => rpassword::prompt_password(format!("password for {path}: ")).map_err(|e| format!("reading the password: {e}"))?,
	};
	Signer::from_keystore(&json, &password).map_err(|e| format!("{path}: {e}"))
}

/// The `keys` subcommands.
#[derive(Subcommand)]
pub enum Keys {
	/// A new 12-word mnemonic and its account.
	Generate,
	/// The account and public key of a secret URI, mnemonic or keystore file.
	Inspect {
		/// As for `--signer`.
		key: String,
	},
	/// A new Ed25519 assertion key, written to a new keystore file that only you may read;
	/// prints its public key (`z6Mk…`) to register with `registry add-key`.
	NewAssertionKey {
		/// The keystore file to create; an existing file is never replaced.
		file: std::path::PathBuf,
	},
	/// The holder account a learner gives one institution: a key derived from the learner's
	/// secret for that institution alone (`docs/privacy.md`).
	Holder {
		/// The learner's secret URI or mnemonic.
		#[arg(long)]
		secret: String,
		/// The institution's SS58 address.
		#[arg(long)]
		institution: String,
	},
}

/// Run a `keys` subcommand.
pub fn run(command: &Keys) -> Result<Output, Error> {
	Ok(match command {
		Keys::Generate => {
			let (phrase, signer) = Signer::generate()?;
			let account = signer.account().to_ss58check();
			Output {
				human: format!("mnemonic: {phrase}\naccount:  {account}\nKeep the mnemonic secret: it is the key."),
				json: json!({"mnemonic": phrase, "account": account}),
			}
		},
		Keys::NewAssertionKey { file } => {
			let pair = educhain_client::vc::key::generate(file)?;
			let public = educhain_client::vc::multikey::encode(&sp_core::Pair::public(&pair).0);
			Output { human: format!("public key: {public}\nin {}", file.display()), json: json!({"publicKeyMultibase": public}) }
		},
		Keys::Holder { secret, institution } => crate::present::holder_account(secret, institution)?,
		Keys::Inspect { key } => {
			let signer = load(key)?;
			let (account, public) = (signer.account().to_ss58check(), format!("0x{}", hex::encode(signer.public().0)));
			Output { human: format!("account: {account}\npublic:  {public}"), json: json!({"account": account, "public": public}) }
		},
	})
}
