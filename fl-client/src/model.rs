//! The MLP every participant trains: 64 inputs, two hidden layers of 200 ReLU units, 10
//! softmax outputs (55,210 parameters), with nalgebra doing the matrix work.
//!
//! Parameters flatten, layer by layer, to each weight matrix (inputs × outputs, column-major)
//! then its bias; that order is the payload's order on chain.

use crate::data::{Samples, CLASSES, FEATURES};
use nalgebra::{DMatrix, DVector};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha20Rng;
use rand_distr::{Distribution, Normal};

/// Units per hidden layer.
pub const HIDDEN: usize = 200;
/// Layer widths, input to output.
const WIDTHS: [usize; 4] = [FEATURES, HIDDEN, HIDDEN, CLASSES];
/// The number of parameters: 64·200+200 + 200·200+200 + 200·10+10.
pub const PARAMS: usize = 55_210;

/// How a participant trains locally.
#[derive(Clone, Copy, Debug)]
pub struct Training {
	/// Passes over the local shard per round.
	pub epochs: usize,
	/// Samples per gradient step.
	pub batch: usize,
	/// Step size.
	pub learning_rate: f32,
}

impl Default for Training {
	fn default() -> Self {
		Training { epochs: 5, batch: 32, learning_rate: 0.1 }
	}
}

/// The network's weights (inputs × outputs) and biases, layer by layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
	weights: Vec<DMatrix<f32>>,
	biases: Vec<DVector<f32>>,
}

impl Mlp {
	/// He-initialised weights (normal, variance 2/inputs) and zero biases, from `seed`: every
	/// participant starts from the same model.
	pub fn new(seed: u64) -> Mlp {
		let mut rng = ChaCha20Rng::seed_from_u64(seed);
		let mut weights = Vec::new();
		let mut biases = Vec::new();
		for pair in WIDTHS.windows(2) {
			let (inputs, outputs) = (pair[0], pair[1]);
			let normal = Normal::new(0.0, (2.0 / inputs as f32).sqrt()).expect("positive spread");
			weights.push(DMatrix::from_fn(inputs, outputs, |_, _| normal.sample(&mut rng)));
			biases.push(DVector::zeros(outputs));
		}
		Mlp { weights, biases }
	}

	/// The parameters in payload order.
	pub fn to_flat(&self) -> Vec<f32> {
		let mut flat = Vec::with_capacity(PARAMS);
		for (w, b) in self.weights.iter().zip(&self.biases) {
			flat.extend_from_slice(w.as_slice());
			flat.extend_from_slice(b.as_slice());
		}
		flat
	}

	/// The network with `flat` parameters; `None` unless there are exactly [`PARAMS`].
	pub fn from_flat(flat: &[f32]) -> Option<Mlp> {
		if flat.len() != PARAMS {
			return None;
		}
		let mut at = 0;
		let mut take = |n: usize| {
			at += n;
			&flat[at - n..at]
		};
		let mut weights = Vec::new();
		let mut biases = Vec::new();
		for pair in WIDTHS.windows(2) {
			weights.push(DMatrix::from_column_slice(pair[0], pair[1], take(pair[0] * pair[1])));
			biases.push(DVector::from_column_slice(take(pair[1])));
		}
		Some(Mlp { weights, biases })
	}

	/// Pre-activations of every layer for the samples in `x` (one per row).
	fn forward(&self, x: &DMatrix<f32>) -> Vec<DMatrix<f32>> {
		let mut outputs: Vec<DMatrix<f32>> = Vec::with_capacity(3);
		for (layer, (w, b)) in self.weights.iter().zip(&self.biases).enumerate() {
			let input = if layer == 0 { x.clone() } else { outputs[layer - 1].map(relu) };
			let mut z = input * w;
			for (mut column, bias) in z.column_iter_mut().zip(b.iter()) {
				column.add_scalar_mut(*bias);
			}
			outputs.push(z);
		}
		outputs
	}

	/// The gradients of the mean softmax cross-entropy over the samples `rows` of `data`, layer
	/// by layer: (weights, biases).
	fn gradients(&self, data: &Samples, rows: &[usize]) -> Vec<(DMatrix<f32>, DVector<f32>)> {
		let x = DMatrix::from_fn(rows.len(), FEATURES, |r, c| data.row(rows[r])[c]);
		let z = self.forward(&x);
		// dLoss/dz of the output layer: softmax minus the one-hot label, averaged over the batch.
		let mut delta = softmax_rows(&z[2]);
		for (r, &i) in rows.iter().enumerate() {
			delta[(r, usize::from(data.labels[i]))] -= 1.0;
		}
		delta /= rows.len() as f32;
		let mut grads = Vec::with_capacity(3);
		for layer in (0..3).rev() {
			let input = if layer == 0 { x.clone() } else { z[layer - 1].map(relu) };
			grads.push((input.tr_mul(&delta), delta.row_sum_tr()));
			if layer > 0 {
				let back = &delta * self.weights[layer].transpose();
				delta = back.zip_map(&z[layer - 1], |d, pre| if pre > 0.0 { d } else { 0.0 });
			}
		}
		grads.reverse();
		grads
	}

	/// One gradient step on the samples `rows` of `data`, for softmax cross-entropy.
	fn step(&mut self, data: &Samples, rows: &[usize], learning_rate: f32) {
		for (layer, (grad_w, grad_b)) in self.gradients(data, rows).into_iter().enumerate() {
			self.weights[layer] -= grad_w * learning_rate;
			self.biases[layer] -= grad_b * learning_rate;
		}
	}

	/// The private change of a round, one DP-SGD step: each sample's own step
	/// `−learning_rate · ∇loss` at this model is clipped to L2 norm `clip`, and the clipped steps
	/// are summed and divided by `samples`, the m the participant registered on chain (not by
	/// the samples at hand). Adding, removing or replacing one sample therefore moves the result
	/// by at most `2·clip/samples`: the sensitivity the ledger's bound on σ assumes. In payload
	/// order.
	pub fn clipped_mean_step(&self, data: &Samples, learning_rate: f32, clip: f64, samples: u32) -> Vec<f32> {
		let mut sum = vec![0f64; PARAMS];
		for i in 0..data.len() {
			let grads = self.gradients(data, &[i]);
			let flat = grads.iter().flat_map(|(w, b)| w.iter().chain(b.iter()));
			let norm = f64::from(learning_rate) * flat.clone().map(|g| f64::from(*g).powi(2)).sum::<f64>().sqrt();
			let scale = -f64::from(learning_rate) * if norm > clip { clip / norm } else { 1.0 };
			for (s, g) in sum.iter_mut().zip(flat) {
				*s += scale * f64::from(*g);
			}
		}
		sum.into_iter().map(|s| (s / f64::from(samples.max(1))) as f32).collect()
	}

	/// Train on `data` with minibatch SGD, shuffling by `rng` each epoch.
	pub fn train(&mut self, data: &Samples, training: Training, rng: &mut impl Rng) {
		let mut order: Vec<usize> = (0..data.len()).collect();
		for _ in 0..training.epochs {
			order.shuffle(rng);
			for batch in order.chunks(training.batch.max(1)) {
				self.step(data, batch, training.learning_rate);
			}
		}
	}

	/// The share of `data` classified correctly.
	pub fn accuracy(&self, data: &Samples) -> f64 {
		if data.is_empty() {
			return 0.0;
		}
		let x = DMatrix::from_row_slice(data.len(), FEATURES, &data.pixels);
		let logits = self.forward(&x).pop().expect("three layers");
		let correct = (0..data.len())
			.filter(|&r| logits.row(r).transpose().argmax().0 == usize::from(data.labels[r]))
			.count();
		correct as f64 / data.len() as f64
	}
}

fn relu(v: f32) -> f32 {
	v.max(0.0)
}

/// Softmax of each row, shifted by the row's maximum for stability.
fn softmax_rows(z: &DMatrix<f32>) -> DMatrix<f32> {
	let mut p = z.clone();
	for mut row in p.row_iter_mut() {
		let max = row.max();
		row.apply(|v| *v = (*v - max).exp());
		let sum = row.sum();
		row /= sum;
	}
	p
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::data;

	#[test]
	fn parameters_round_trip_in_payload_order() {
		let model = Mlp::new(3);
		let flat = model.to_flat();
		assert_eq!(flat.len(), PARAMS);
		assert_eq!(Mlp::from_flat(&flat), Some(model));
		assert_eq!(Mlp::from_flat(&flat[1..]), None);
		// Same seed, same start; another seed, another.
		assert_eq!(Mlp::new(3).to_flat(), flat);
		assert_ne!(Mlp::new(4).to_flat(), flat);
	}

	#[test]
	fn gradients_are_in_payload_order_and_a_step_follows_them() {
		let (shards, _) = data::split(&data::digits(), 1, 0.2, 1);
		let model = Mlp::new(2);
		let flat: Vec<f32> = model.gradients(&shards[0], &[0, 1]).iter().flat_map(|(w, b)| w.iter().chain(b.iter()).copied().collect::<Vec<_>>()).collect();
		assert_eq!(flat.len(), PARAMS);
		let mut stepped = model.clone();
		stepped.step(&shards[0], &[0, 1], 0.5);
		for ((after, before), g) in stepped.to_flat().iter().zip(model.to_flat()).zip(&flat) {
			assert!((after - (before - 0.5 * g)).abs() < 1e-6);
		}
	}

	#[test]
	fn training_learns_the_digits() {
		let (shards, test) = data::split(&data::digits(), 1, 0.2, 1);
		let mut model = Mlp::new(1);
		let before = model.accuracy(&test);
		model.train(&shards[0], Training::default(), &mut ChaCha20Rng::seed_from_u64(1));
		let after = model.accuracy(&test);
		assert!(before < 0.3, "untrained accuracy {before}");
		assert!(after > 0.9, "trained accuracy {after}");
	}
}
