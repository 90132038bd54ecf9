//! What a participant releases, measured on neighbouring data sets: the private step moves by at
//! most the sensitivity the ledger's σ rule assumes, `2S/m`; the update the client released
//! before (five epochs of SGD, then the whole change clipped to S) moved by far more.

#[cfg(test)]
mod tests {
	use crate::{
		data::{self, Samples},
		model::{Mlp, Training},
		run::PRIVATE_STEP_SIZE,
		update,
	};
	use rand::SeedableRng;
	use rand_chacha::ChaCha20Rng;

	fn without(data: &Samples, k: usize) -> Samples {
		let mut rest = Samples::default();
		for i in (0..data.len()).filter(|i| *i != k) {
			rest.push(data.row(i), data.labels[i]);
		}
		rest
	}

	fn distance(a: &[f32], b: &[f32]) -> f64 {
		a.iter().zip(b).map(|(x, y)| f64::from(x - y).powi(2)).sum::<f64>().sqrt()
	}

	#[test]
	fn one_sample_moves_the_private_step_by_at_most_2s_over_m_and_the_old_update_by_far_more() {
		let (shards, _) = data::split(&data::digits(), 3, 0.2, 1);
		let shard = &shards[0];
		let m = shard.len() as u32;
		let clip = 2.0;
		let bound = 2.0 * clip / f64::from(m);
		let model = Mlp::new(1);
		let step = |data: &Samples| model.clipped_mean_step(data, PRIVATE_STEP_SIZE, clip, m);
		let full = step(shard);
		let mut worst: f64 = 0.0;
		for k in (0..shard.len()).step_by(shard.len() / 12) {
			worst = worst.max(distance(&full, &step(&without(shard, k))));
		}
		assert!(worst <= bound * (1.0 + 1e-4), "one sample moved the private step by {worst}, over 2S/m = {bound}");
		// Each sample's step is clipped to S, so a removal moves it by S/m: the measure is real.
		assert!(worst >= 0.9 * clip / f64::from(m), "{worst}");

		// Before: five epochs of SGD, the whole change clipped to S (no noise, to compare).
		let old = |data: &Samples| {
			let mut local = model.clone();
			local.train(data, Training::default(), &mut ChaCha20Rng::seed_from_u64(1));
			update::noisy_model(&model.to_flat(), &local.to_flat(), clip, 0.0, &mut ChaCha20Rng::seed_from_u64(2))
		};
		let moved = distance(&old(shard), &old(&without(shard, 0)));
		assert!(moved > 10.0 * bound, "the old update moved by {moved}, under ten times 2S/m = {bound}");
		println!("one sample removed: the private step moved by {worst:.6} (2S/m = {bound:.6}); the old update by {moved:.3}");
	}
}
