//! The challenges a verifier has issued, and which have been answered: what makes a replayed
//! presentation recognisable. Kept in a JSON file between runs (or in memory), as
//! `{challenge: {"domain", "until", "answered"}}` with times in seconds since 1970.

use educhain_client::vc::presentation::{self, Request};
use serde::{Deserialize, Serialize};
use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
};

/// A verifier's issued challenges.
#[derive(Debug)]
pub struct Challenges {
	file: Option<PathBuf>,
	issued: BTreeMap<String, Entry>,
}

/// One issued challenge, as the file keeps it.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
	/// The domain it was issued for.
	domain: String,
	/// When it closes, in seconds since 1970.
	until: u64,
	/// When it was answered, if it was.
	answered: Option<u64>,
}

/// What is known of a challenge a presentation answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
	/// This verifier never issued it.
	Unknown,
	/// Issued for `domain`, open until `until`.
	Open {
		/// The verifier's domain, which the presentation must name.
		domain: String,
		/// When it closes, in Unix seconds.
		until: u64,
	},
	/// Already answered at this time: a presentation showing it again is a replay.
	Answered(u64),
}

impl Challenges {
	/// No challenges, kept in memory only.
	pub fn in_memory() -> Challenges {
		Challenges { file: None, issued: BTreeMap::new() }
	}

	/// The challenges kept in `file`; none yet if it does not exist.
	pub fn open(file: &Path) -> Result<Challenges, String> {
		Ok(Challenges { file: Some(file.into()), issued: read(file)? })
	}

	/// A new challenge for `domain`, open for `lifetime` seconds from `now`, saved before it is
	/// handed out. No domain, or no time to answer, is refused with nothing saved: no
	/// presentation could answer it.
	pub fn issue(&mut self, domain: &str, lifetime: u64, now: u64) -> Result<Request, String> {
		if domain.trim().is_empty() {
			return Err("a challenge needs the verifier's domain, which the presentation must name".into());
		}
		if lifetime == 0 {
			return Err("a challenge stays open for 1 second or more: a lifetime of 0 cannot be answered".into());
		}
		let request = Request { challenge: presentation::challenge(), domain: domain.into() };
		let entry = Entry { domain: domain.into(), until: now.saturating_add(lifetime), answered: None };
		self.update(|issued| {
			issued.insert(request.challenge.clone(), entry);
			Ok(())
		})?;
		Ok(request)
	}

	/// What is known of `challenge`.
	pub fn status(&self, challenge: &str) -> Status {
		match self.issued.get(challenge) {
			None => Status::Unknown,
			Some(Entry { answered: Some(at), .. }) => Status::Answered(*at),
			Some(Entry { domain, until, .. }) => Status::Open { domain: domain.clone(), until: *until },
		}
	}

	/// Record that `challenge` was answered at `now`, saved: it is never accepted again. If
	/// another verifier sharing the file recorded an answer since this one read it, nothing
	/// changes and that answer's time is returned: the presentation is a replay after all.
	pub fn answered(&mut self, challenge: &str, now: u64) -> Result<Option<u64>, String> {
		self.update(|issued| {
			let entry = issued.get_mut(challenge).ok_or_else(|| format!("challenge {challenge} was never issued"))?;
			if entry.answered.is_some() {
				return Ok(entry.answered);
			}
			entry.answered = Some(now);
			Ok(None)
		})
	}

	/// Apply `change` to the challenges as the file holds them now, and save them, all under the
	/// file's lock: verifiers sharing a file never lose each other's challenges or answers, and
	/// only one of them can take a challenge as its answer. Nothing is saved if `change` fails.
	fn update<T>(&mut self, change: impl FnOnce(&mut BTreeMap<String, Entry>) -> Result<T, String>) -> Result<T, String> {
		let Some(file) = &self.file else { return change(&mut self.issued) };
		let _held = lock(file)?;
		self.issued = read(file)?;
		let changed = change(&mut self.issued)?;
		let text = serde_json::to_string_pretty(&self.issued).map_err(|e| e.to_string())?;
		educhain_client::files::write_whole(file, text)?;
		Ok(changed)
	}
}

/// The challenges in `file`; none if it does not exist.
fn read(file: &Path) -> Result<BTreeMap<String, Entry>, String> {
	match std::fs::read_to_string(file) {
		Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: not a challenges file: {e}", file.display())),
		Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
		Err(e) => Err(format!("{}: {e}", file.display())),
	}
}

/// The lock of `file`'s challenges, held until the returned file is dropped. It is taken on a
/// file beside it (`<name>.lock`), which stays: the challenges file itself is replaced whole on
/// every save, so a lock on it would not be seen by whoever opens the new one.
fn lock(file: &Path) -> Result<std::fs::File, String> {
	// Named as the challenges file's folder, not as the lock file the user never gave.
	educhain_client::files::folder_exists(file)?;
	let mut name = file.as_os_str().to_owned();
	name.push(".lock");
	let named = |e: std::io::Error| format!("{}: {e}", Path::new(&name).display());
	let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&name).map_err(named)?;
	lock.lock().map_err(named)?;
	Ok(lock)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn an_issued_challenge_is_open_until_answered_and_survives_a_restart() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("challenges.json");
		let mut store = Challenges::open(&file).unwrap();
		let request = store.issue("admissions.example.edu", 600, 1_000).unwrap();
		assert_eq!(request.challenge.len(), 64);
		let open = Status::Open { domain: "admissions.example.edu".into(), until: 1_600 };
		assert_eq!(Challenges::open(&file).unwrap().status(&request.challenge), open);
		assert_eq!(store.answered(&request.challenge, 1_100).unwrap(), None);
		assert_eq!(Challenges::open(&file).unwrap().status(&request.challenge), Status::Answered(1_100));
		assert_eq!(store.status("c0ffee"), Status::Unknown);
		// Nothing a presentation could answer is issued, and nothing is saved for it.
		assert!(store.issue(" ", 600, 1_000).unwrap_err().contains("domain"));
		assert!(store.issue("admissions.example.edu", 0, 1_000).unwrap_err().contains("lifetime of 0"));
		assert_eq!(Challenges::open(&file).unwrap().issued.len(), 1);
		assert!(store.answered("c0ffee", 1_100).is_err());
		std::fs::write(&file, "[]").unwrap();
		assert!(Challenges::open(&file).unwrap_err().contains("not a challenges file"));
		// An entry without its closing time is refused when the file is opened, not read as
		// closed since 1970.
		std::fs::write(&file, r#"{"c0ffee": {"domain": "admissions.example.edu", "answered": null}}"#).unwrap();
		let refused = Challenges::open(&file).unwrap_err();
		assert!(refused.contains("not a challenges file") && refused.contains("until"), "{refused}");
	}

	#[test]
	fn a_challenges_file_without_a_folder_is_named_not_its_lock() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("gone").join("challenges.json");
		let why = Challenges::open(&file).unwrap().issue("a.example", 600, 1_000).unwrap_err();
		assert_eq!(why, format!("{}: the folder {} does not exist", file.display(), dir.path().join("gone").display()));
	}

	#[test]
	fn verifiers_sharing_a_file_lose_nothing_and_only_one_takes_a_challenge() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("challenges.json");
		let mut issuer = Challenges::open(&file).unwrap();
		let (first, second) = (issuer.issue("a.example", 600, 1_000).unwrap(), issuer.issue("a.example", 600, 1_000).unwrap());
		// Two verifications that read the file before either answered.
		let (mut one, mut other) = (Challenges::open(&file).unwrap(), Challenges::open(&file).unwrap());
		assert_eq!(one.answered(&first.challenge, 1_100).unwrap(), None);
		assert_eq!(other.answered(&first.challenge, 1_200).unwrap(), Some(1_100), "a replay, told at the end");
		assert_eq!(other.answered(&second.challenge, 1_300).unwrap(), None);
		let now = Challenges::open(&file).unwrap();
		assert_eq!(now.status(&first.challenge), Status::Answered(1_100), "the first answer is kept");
		assert_eq!(now.status(&second.challenge), Status::Answered(1_300));

		// Challenges issued at once by verifiers of their own are all kept.
		std::thread::scope(|s| {
			for _ in 0..4 {
				let file = &file;
				s.spawn(move || {
					for _ in 0..10 {
						Challenges::open(file).unwrap().issue("b.example", 600, 1_000).unwrap();
					}
				});
			}
		});
		assert_eq!(Challenges::open(&file).unwrap().issued.len(), 2 + 40);
	}
}
