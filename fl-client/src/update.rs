//! A participant's update: clipped to norm S, noised for (ε, δ)-DP, encoded for the chain; and
//! the aggregates built from everyone's updates, bit-for-bit the same for participants and
//! auditors.

use rand::Rng;
use rand_distr::{Distribution, Normal};
use sp_core::H256;
use sp_runtime::{
	traits::{BlakeTwo256, Hash, Zero},
	FixedPointNumber, FixedU128,
};

/// The model `base + clip(local − base, clip) + N(0, σ²)`: the local change limited to L2 norm
/// `clip`, plus Gaussian noise on every parameter (none when `sigma` is zero).
pub fn noisy_model(base: &[f32], local: &[f32], clip: f64, sigma: f64, rng: &mut impl Rng) -> Vec<f32> {
	assert_eq!(base.len(), local.len(), "models of one shape");
	let norm = base.iter().zip(local).map(|(b, l)| f64::from(l - b).powi(2)).sum::<f64>().sqrt();
	let scale = if norm > clip { clip / norm } else { 1.0 };
	let noise = (sigma > 0.0).then(|| Normal::new(0.0, sigma).expect("σ is finite"));
	base.iter()
		.zip(local)
		.map(|(b, l)| {
			let e = noise.as_ref().map_or(0.0, |n| n.sample(rng));
			(f64::from(*b) + f64::from(l - b) * scale + e) as f32
		})
		.collect()
}

/// Parameters as the payload carries them: 32-bit little-endian floats.
pub fn encode(params: &[f32]) -> Vec<u8> {
	params.iter().flat_map(|p| p.to_le_bytes()).collect()
}

/// The parameters in a payload; `None` unless it holds whole 32-bit floats.
pub fn decode(payload: &[u8]) -> Option<Vec<f32>> {
	(payload.len() % 4 == 0)
		.then(|| payload.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

/// The digest the ledger records for a payload: its blake2-256.
pub fn payload_digest(payload: &[u8]) -> H256 {
	<BlakeTwo256 as Hash>::hash(payload)
}

/// The digest the ledger records for parameters: that of their payload encoding.
pub fn digest(params: &[f32]) -> H256 {
	payload_digest(&encode(params))
}

/// A ledger weight as the float every aggregate is computed with.
pub fn weight_value(w: FixedU128) -> f64 {
	w.into_inner() as f64 / FixedU128::DIV as f64
}

/// `raw` (non-negative, not all zero) scaled to sum to one, as ledger weights whose sum is
/// exactly one: the rounding remainder goes to the largest.
pub fn ledger_weights(raw: &[f64]) -> Vec<FixedU128> {
	let total: f64 = raw.iter().sum();
	assert!(total > 0.0 && raw.iter().all(|w| *w >= 0.0), "weights {raw:?}");
	let mut inner: Vec<u128> = raw.iter().map(|w| ((w / total) * FixedU128::DIV as f64) as u128).collect();
	let sum: u128 = inner.iter().sum();
	let largest = (0..raw.len()).max_by(|a, b| raw[*a].total_cmp(&raw[*b])).expect("one weight at least");
	// Truncation leaves `sum` at most a few units under one, and float error at most a few over.
	inner[largest] = (inner[largest] + FixedU128::DIV).saturating_sub(sum);
	inner.into_iter().map(FixedU128::from_inner).collect()
}

/// `Σ w_j · u_j` over the updates present (a missing one must weigh zero), summed in f64 in
/// participant order and rounded once to f32, so that every machine gets the same bits.
pub fn weighted_sum(updates: &[Option<&[f32]>], weights: &[FixedU128]) -> Vec<f32> {
	assert_eq!(updates.len(), weights.len(), "a weight for every participant");
	let len = updates.iter().flatten().map(|u| u.len()).next().unwrap_or(0);
	let mut sum = vec![0f64; len];
	for (update, w) in updates.iter().zip(weights) {
		let Some(update) = update else {
			assert!(w.is_zero(), "a missing update weighs zero");
			continue;
		};
		let w = weight_value(*w);
		for (s, u) in sum.iter_mut().zip(update.iter()) {
			*s += w * f64::from(*u);
		}
	}
	sum.into_iter().map(|s| s as f32).collect()
}

/// FedAvg's weights: each present update in proportion to its samples.
pub fn fedavg_weights(samples: &[Option<u32>]) -> Vec<f64> {
	samples.iter().map(|m| f64::from(m.unwrap_or(0))).collect()
}

/// The personalized weights of the participant whose model moved from `base` to `local` this
/// round: each present update in proportion to the Pearson correlation (floored at zero) of
/// its change from `base` with the participant's own change. Updates that point elsewhere
/// than one's own data count little; if none correlates, all present ones count equally.
pub fn correlation_weights(base: &[f32], local: &[f32], updates: &[Option<&[f32]>]) -> Vec<f64> {
	let own: Vec<f64> = base.iter().zip(local).map(|(b, l)| f64::from(l - b)).collect();
	let weights: Vec<f64> = updates
		.iter()
		.map(|u| {
			u.map_or(0.0, |u| {
				let change: Vec<f64> = base.iter().zip(u).map(|(b, x)| f64::from(x - b)).collect();
				pearson(&own, &change).max(0.0)
			})
		})
		.collect();
	if weights.iter().sum::<f64>() > 0.0 {
		weights
	} else {
		updates.iter().map(|u| if u.is_some() { 1.0 } else { 0.0 }).collect()
	}
}

/// Pearson's correlation of `a` and `b` (zero if either is constant).
fn pearson(a: &[f64], b: &[f64]) -> f64 {
	let n = a.len() as f64;
	let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
	let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
	for (x, y) in a.iter().zip(b) {
		ab += (x - ma) * (y - mb);
		aa += (x - ma).powi(2);
		bb += (y - mb).powi(2);
	}
	if aa == 0.0 || bb == 0.0 {
		0.0
	} else {
		ab / (aa * bb).sqrt()
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use rand::SeedableRng;
	use rand_chacha::ChaCha20Rng;
	use sp_runtime::traits::One;

	fn norm(a: &[f32], b: &[f32]) -> f64 {
		a.iter().zip(b).map(|(x, y)| f64::from(x - y).powi(2)).sum::<f64>().sqrt()
	}

	#[test]
	fn updates_are_clipped_to_the_norm_and_small_ones_kept() {
		let base = vec![1.0f32; 100];
		let far: Vec<f32> = (0..100).map(|i| 1.0 + i as f32).collect();
		let rng = &mut ChaCha20Rng::seed_from_u64(1);
		let clipped = noisy_model(&base, &far, 2.5, 0.0, rng);
		assert!((norm(&clipped, &base) - 2.5).abs() < 1e-5);
		// The direction is kept: the clipped change is a positive multiple of the original.
		let ratio = (clipped[50] - 1.0) / 50.0;
		assert!(clipped.iter().enumerate().all(|(i, c)| ((c - 1.0) - ratio * i as f32).abs() < 1e-6));
		let near: Vec<f32> = base.iter().map(|b| b + 0.01).collect();
		assert_eq!(noisy_model(&base, &near, 2.5, 0.0, rng), near);
	}

	#[test]
	fn noise_has_the_requested_spread() {
		let base = vec![0.0f32; 200_000];
		let noisy = noisy_model(&base, &base, 1.0, 0.3, &mut ChaCha20Rng::seed_from_u64(2));
		let mean = noisy.iter().map(|x| f64::from(*x)).sum::<f64>() / 2e5;
		let sd = (noisy.iter().map(|x| (f64::from(*x) - mean).powi(2)).sum::<f64>() / 2e5).sqrt();
		assert!(mean.abs() < 0.003, "mean {mean}");
		assert!((sd - 0.3).abs() < 0.003, "sd {sd}");
	}

	#[test]
	fn payloads_round_trip_and_odd_lengths_are_refused() {
		let params = vec![1.5f32, -0.0, f32::MAX, 1e-30];
		let bytes = encode(&params);
		assert_eq!(bytes.len(), 16);
		assert_eq!(&bytes[..4], &1.5f32.to_le_bytes());
		assert_eq!(decode(&bytes), Some(params.clone()));
		assert_eq!(decode(&bytes[1..]), None);
		assert_eq!(digest(&params), payload_digest(&bytes));
		assert_eq!(format!("{:?}", payload_digest(b"")), "0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
	}

	#[test]
	fn ledger_weights_sum_to_exactly_one() {
		for raw in [vec![1.0, 1.0, 1.0], vec![0.3, 0.0, 0.7], vec![2.0, 1e-9, 5.0, 3.0]] {
			let w = ledger_weights(&raw);
			assert_eq!(w.iter().map(|x| x.into_inner()).sum::<u128>(), FixedU128::DIV, "{raw:?}");
			let total: f64 = raw.iter().sum();
			for (w, r) in w.iter().zip(&raw) {
				assert!((weight_value(*w) - r / total).abs() < 1e-15);
			}
		}
		assert!(ledger_weights(&[0.0, 1.0])[0].is_zero());
	}

	#[test]
	fn the_weighted_sum_skips_missing_updates() {
		let a = [1.0f32, 2.0];
		let b = [3.0f32, 6.0];
		let half = FixedU128::from_rational(1, 2);
		assert_eq!(weighted_sum(&[Some(&a), Some(&b)], &[half, half]), vec![2.0, 4.0]);
		let w = [FixedU128::zero(), FixedU128::one()];
		assert_eq!(weighted_sum(&[None, Some(&b)], &w), vec![3.0, 6.0]);
	}

	#[test]
	fn correlation_favours_updates_that_move_like_ones_own() {
		let base = [0.0f32; 4];
		let local = [1.0f32, 2.0, 3.0, 4.0];
		let alike = [2.0f32, 4.0, 6.0, 8.1];
		let opposite = [4.0f32, 3.0, 2.0, 1.0];
		let w = correlation_weights(&base, &local, &[Some(&local), Some(&alike), Some(&opposite), None]);
		assert!((w[0] - 1.0).abs() < 1e-12);
		assert!(w[1] > 0.99 && w[1] < 1.0);
		assert_eq!(w[2], 0.0);
		assert_eq!(w[3], 0.0);
		// Nothing correlates: the present updates count equally.
		let w = correlation_weights(&base, &local, &[Some(&opposite), None]);
		assert_eq!(w, vec![1.0, 0.0]);
		assert_eq!(fedavg_weights(&[Some(100), None, Some(300)]), vec![100.0, 0.0, 300.0]);
	}
}
