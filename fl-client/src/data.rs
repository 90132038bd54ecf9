//! The UCI optical handwritten digits (8×8, 1,797 samples, CC BY 4.0; see `data/README.md`),
//! compiled into the binary so that nothing is read or downloaded at run time.

use rand::{seq::SliceRandom, SeedableRng};
use rand_chacha::ChaCha20Rng;

/// The gzip-compressed CSV: 64 pixel counts (0–16) and the label per row.
const DIGITS_CSV_GZ: &[u8] = include_bytes!("../../data/uci-digits-8x8.csv.gz");

/// Pixels per sample.
pub const FEATURES: usize = 64;
/// Digits 0–9.
pub const CLASSES: usize = 10;

/// Samples as rows of pixels scaled to [0, 1], with their labels.
#[derive(Clone, Debug, Default)]
pub struct Samples {
	/// `FEATURES` values per sample, sample after sample.
	pub pixels: Vec<f32>,
	/// One label per sample.
	pub labels: Vec<u8>,
}

impl Samples {
	/// How many samples.
	pub fn len(&self) -> usize {
		self.labels.len()
	}

	/// Whether there are none.
	pub fn is_empty(&self) -> bool {
		self.labels.is_empty()
	}

	/// Sample `i`'s pixels.
	pub fn row(&self, i: usize) -> &[f32] {
		&self.pixels[i * FEATURES..(i + 1) * FEATURES]
	}

	pub(crate) fn push(&mut self, pixels: &[f32], label: u8) {
		self.pixels.extend_from_slice(pixels);
		self.labels.push(label);
	}
}

/// The raw deflate stream inside a gzip member (RFC 1952), without header and trailer.
fn gzip_body(gz: &[u8]) -> Result<&[u8], String> {
	const FHCRC: u8 = 2;
	const FEXTRA: u8 = 4;
	const FNAME: u8 = 8;
	const FCOMMENT: u8 = 16;
	if gz.len() < 18 || gz[..3] != [0x1f, 0x8b, 8] {
		return Err("not a gzip (deflate) file".into());
	}
	let flags = gz[3];
	let mut at = 10;
	if flags & FEXTRA != 0 {
		at += 2 + usize::from(u16::from_le_bytes([gz[at], gz[at + 1]]));
	}
	for flag in [FNAME, FCOMMENT] {
		if flags & flag != 0 {
			at += gz[at..].iter().position(|b| *b == 0).ok_or("unterminated gzip header")? + 1;
		}
	}
	if flags & FHCRC != 0 {
		at += 2;
	}
	gz.get(at..gz.len() - 8).ok_or_else(|| "truncated gzip file".into())
}

/// Parse the CSV rows.
fn parse(csv: &str) -> Result<Samples, String> {
	let mut samples = Samples::default();
	let mut pixels = Vec::with_capacity(FEATURES);
	for (n, line) in csv.lines().filter(|l| !l.trim().is_empty()).enumerate() {
		pixels.clear();
		let mut label = None;
		for (i, field) in line.split(',').enumerate() {
			let value: f32 = field.trim().parse().map_err(|_| format!("row {n}: bad value {field:?}"))?;
			match i {
				i if i < FEATURES => pixels.push(value / 16.0),
				FEATURES if value >= 0.0 && value < CLASSES as f32 => label = Some(value as u8),
				_ => return Err(format!("row {n}: more than {} fields or a bad label", FEATURES + 1)),
			}
		}
		samples.push(&pixels, label.ok_or(format!("row {n}: fewer than {} fields", FEATURES + 1))?);
	}
	Ok(samples)
}

/// All 1,797 samples, in file order.
pub fn digits() -> Samples {
	let body = gzip_body(DIGITS_CSV_GZ).expect("the shipped file is gzip");
	let csv = miniz_oxide::inflate::decompress_to_vec(body).expect("the shipped file inflates");
	parse(core::str::from_utf8(&csv).expect("ASCII")).expect("the shipped file parses")
}

/// A shuffle of `all` (by `seed`) split into a test set of `test_share` and `n` equal training
/// shards, dealt round-robin so each shard has about the same mix of digits.
pub fn split(all: &Samples, n: usize, test_share: f64, seed: u64) -> (Vec<Samples>, Samples) {
	let mut order: Vec<usize> = (0..all.len()).collect();
	order.shuffle(&mut ChaCha20Rng::seed_from_u64(seed));
	let tests = (all.len() as f64 * test_share).round() as usize;
	let mut test = Samples::default();
	for &i in &order[..tests] {
		test.push(all.row(i), all.labels[i]);
	}
	let mut shards = vec![Samples::default(); n];
	for (k, &i) in order[tests..].iter().enumerate() {
		shards[k % n].push(all.row(i), all.labels[i]);
	}
	(shards, test)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_shipped_file_has_1797_labelled_samples_in_range() {
		let all = digits();
		assert_eq!(all.len(), 1797);
		assert_eq!(all.pixels.len(), 1797 * FEATURES);
		assert!(all.pixels.iter().all(|p| (0.0..=1.0).contains(p)));
		// Every digit occurs (about 180 times each).
		for d in 0..CLASSES as u8 {
			let count = all.labels.iter().filter(|l| **l == d).count();
			assert!((170..=190).contains(&count), "digit {d}: {count}");
		}
		// The first row of the file is a 0 whose third pixel is 5/16.
		assert_eq!(all.labels[0], 0);
		assert_eq!(all.row(0)[2], 5.0 / 16.0);
	}

	#[test]
	fn split_partitions_every_sample_once() {
		let all = digits();
		let (shards, test) = split(&all, 3, 0.2, 1);
		assert_eq!(test.len(), 359);
		assert_eq!(shards.iter().map(Samples::len).sum::<usize>() + test.len(), all.len());
		assert!(shards.iter().all(|s| s.len() == 479 || s.len() == 480));
		let sum = |s: &Samples| s.pixels.iter().map(|p| f64::from(*p)).sum::<f64>();
		let total: f64 = shards.iter().map(sum).sum::<f64>() + sum(&test);
		assert!((total - sum(&all)).abs() < 1e-3);
	}

	#[test]
	fn malformed_rows_are_refused() {
		assert!(parse("1,2,3\n").is_err());
		let row = |label: &str| format!("{}{label}\n", "0,".repeat(FEATURES));
		assert!(parse(&row("3")).is_ok());
		assert!(parse(&row("10")).is_err());
		assert!(parse(&row("x")).is_err());
		assert!(gzip_body(b"not gzip at all, no").is_err());
	}
}
