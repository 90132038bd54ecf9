//! `present`: a learner's presentation of chosen credentials and grade records to one verifier,
//! signed offline with the learner's holder keys (`docs/privacy.md`), and `keys holder`: the
//! account a learner gives an institution.

use crate::context::{read_json, write_json, Error, Output};
use educhain_client::api::AccountId;
use educhain_client::vc::{holder, presentation};
use educhain_verifier::dates;
use serde_json::{json, Value};
use sp_core::crypto::Ss58Codec;
use std::path::PathBuf;

/// What `present` is asked to do.
#[derive(clap::Args)]
pub struct Present {
	/// The learner's secret (a secret URI or mnemonic), from which each holder key is derived.
	#[arg(long)]
	pub secret: String,
	/// An institution whose records are shown (its SS58 address); its holder key signs. Repeat
	/// for records from several institutions.
	#[arg(long = "institution", required = true)]
	pub institutions: Vec<String>,
	/// The verifier's challenge (`educhain-verify challenge`).
	#[arg(long)]
	pub challenge: String,
	/// The verifier's domain, as it gave it with the challenge.
	#[arg(long)]
	pub domain: String,
	/// How long the presentation may be checked, in seconds.
	#[arg(long, default_value_t = 600)]
	pub lifetime: u64,
	/// A credential document to show, as issued. Repeatable.
	#[arg(long = "credential")]
	pub credentials: Vec<PathBuf>,
	/// A grade record to disclose: a JSON file `{"class", "learner", "salt", "record"}` as the
	/// institution gave it. Repeatable.
	#[arg(long = "grade")]
	pub grades: Vec<PathBuf>,
	/// Where the presentation goes.
	#[arg(long)]
	pub out: PathBuf,
}

impl Present {
	/// Refuse what only makes a presentation no verifier accepts, before any key is derived or
	/// file read.
	fn check(&self) -> Result<(), String> {
		if self.credentials.is_empty() && self.grades.is_empty() {
			return Err("nothing to present: give --credential, --grade, or both".into());
		}
		if self.challenge.trim().is_empty() {
			return Err("--challenge is empty: give the challenge the verifier issued".into());
		}
		if self.domain.trim().is_empty() {
			return Err("--domain is empty: give the verifier's domain, as it gave it with the challenge".into());
		}
		if self.lifetime == 0 {
			return Err("--lifetime 0: a presentation must be checkable for 1 second or more".into());
		}
		Ok(())
	}
}

/// The institution at SS58 address `address`.
fn institution(address: &str) -> Result<AccountId, String> {
	AccountId::from_ss58check(address).map_err(|e| format!("{address}: not an SS58 address ({e:?})"))
}

/// Write the presentation `present` asks for.
pub async fn run(p: &Present) -> Result<Output, Error> {
	p.check()?;
	let keys = p.institutions.iter().map(|i| holder::derive(&p.secret, &institution(i)?)).collect::<Result<Vec<_>, _>>()?;
	let credentials = p.credentials.iter().map(|c| read_json(c, "JSON")).collect::<Result<Vec<Value>, _>>()?;
	let mut grades = Vec::new();
	for path in &p.grades {
		let g: presentation::GradeDisclosure = read_json(path, "a grade record disclosure")?;
		g.digest().map_err(|e| format!("{}: {e}", path.display()))?;
		grades.push(g);
	}
	let now = dates::now();
	let request = presentation::Request { challenge: p.challenge.clone(), domain: p.domain.clone() };
	let (created, expires) = (dates::date_time(now), dates::date_time(now.saturating_add(p.lifetime)));
	let vp = presentation::present(credentials, &grades, &keys, &request, &created, &expires).await?;
	write_json(&p.out, &vp)?;
	let holders: Vec<String> = keys.iter().map(|k| holder::account(k).to_ss58check()).collect();
	let human = format!("presentation for {} (challenge {}), valid until {expires}, signed by {}\nin {}", p.domain, p.challenge, holders.join(", "), p.out.display());
	Ok(Output { human, json: json!({ "out": p.out, "holders": holders, "expires": expires }) })
}

/// `keys holder`: the account the learner with `secret` gives institution `address`.
pub fn holder_account(secret: &str, address: &str) -> Result<Output, Error> {
	let account = holder::account(&holder::derive(secret, &institution(address)?)?).to_ss58check();
	Ok(Output { human: format!("holder account at {address}: {account}"), json: json!({ "institution": address, "account": account }) })
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Eve's presentation of her degree from Bob's university to `jobs.example`.
	fn asked() -> Present {
		Present {
			secret: "//Eve".into(),
			institutions: vec!["5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty".into()],
			challenge: "c0ffee".into(),
			domain: "jobs.example".into(),
			lifetime: 600,
			credentials: vec!["degree.json".into()],
			grades: vec![],
			out: "vp.json".into(),
		}
	}

	#[test]
	fn a_presentation_no_verifier_could_accept_is_refused() {
		assert_eq!(asked().check(), Ok(()));
		assert_eq!(Present { credentials: vec![], grades: vec!["grade.json".into()], ..asked() }.check(), Ok(()));
		let refused = |p: Present| p.check().expect_err("refused");
		assert!(refused(Present { credentials: vec![], ..asked() }).starts_with("nothing to present"));
		assert!(refused(Present { challenge: " ".into(), ..asked() }).starts_with("--challenge is empty"));
		assert!(refused(Present { domain: String::new(), ..asked() }).starts_with("--domain is empty"));
		assert!(refused(Present { lifetime: 0, ..asked() }).starts_with("--lifetime 0"));
	}
}
