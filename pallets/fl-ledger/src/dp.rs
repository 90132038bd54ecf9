//! The Gaussian mechanism's noise bound, in fixed-point arithmetic (the runtime has no floats).
//!
//! With clip norm `S` and `m` local samples the update's sensitivity is `2S/m`, so
//! (ε, δ)-differential privacy needs
//!
//! ```text
//! σ ≥ 2·c·S / (ε·m),   c = √(2·ln(1.25/δ))
//! ```
//!
//! Every value is a [`FixedU128`] (18 decimals). [`required_sigma`] rounds each step up and the
//! result up to [`SIGMA_QUANTUM`], so the bound it returns is never below the exact one; the
//! rounding adds at most about 1e-9.

use sp_arithmetic::{
	fixed_point::{FixedPointNumber, FixedU128},
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{One, Zero},
	Rounding,
};

/// The required σ is rounded up to a multiple of this (1e-9).
pub const SIGMA_QUANTUM: u128 = 1_000_000_000;

/// ln 2 to 18 decimals, rounded down.
const LN_2: u128 = 693_147_180_559_945_309;

/// One, as a [`FixedU128`]'s inner value.
pub(crate) const ONE: u128 = FixedU128::DIV;

/// `a · b / ONE`, rounded up; `None` on overflow.
pub(crate) fn mul_up(a: u128, b: u128) -> Option<u128> {
	multiply_by_rational_with_rounding(a, b, ONE, Rounding::Up)
}

/// `a · ONE / b`, rounded up; `None` on overflow or `b = 0`.
pub(crate) fn div_up(a: u128, b: u128) -> Option<u128> {
	if b == 0 {
		return None;
	}
	multiply_by_rational_with_rounding(a, ONE, b, Rounding::Up)
}

/// The natural logarithm of `x ≥ 1`, to within a few units of 1e-18, rounded up; `None` for
/// `x < 1`.
///
/// `x = 2^k · y` with `y ∈ [1, 2)`, and `ln y = 2·atanh(z)`, `z = (y − 1)/(y + 1) < 1/3`, summed
/// as `2·(z + z³/3 + z⁵/5 + …)` until the terms vanish at this precision.
pub fn ln(x: FixedU128) -> Option<FixedU128> {
	let mut y = x.into_inner();
	if y < ONE {
		return None;
	}
	let mut k: u128 = 0;
	while y >= 2 * ONE {
		// Halving rounds down; the lost bit weighs at most 2^k · 1e-18 relative to x.
		y /= 2;
		k += 1;
	}
	let z = div_up(y - ONE, y + ONE)?;
	let z2 = mul_up(z, z)?;
	let mut term = z;
	let mut sum: u128 = 0;
	let mut n: u128 = 1;
	while term > 0 {
		sum += term.div_ceil(n);
		term = mul_up(term, z2)?;
		// With z < 1/3 every step divides the term by at least 9, so this ends in under 20 steps;
		// rounding up keeps a term of 1 alive, so stop once it is that small.
		if term <= 1 {
			sum += 1;
			break;
		}
		n += 2;
	}
	Some(FixedU128::from_inner(k * LN_2 + k + 2 * sum))
}

/// `c = √(2·ln(1.25/δ))` for `0 < δ < 1`, rounded up.
pub fn c_of(delta: FixedU128) -> Option<FixedU128> {
	if delta.is_zero() || delta >= FixedU128::one() {
		return None;
	}
	let ratio = div_up(FixedU128::from_rational(5, 4).into_inner(), delta.into_inner())?;
	let two_ln = ln(FixedU128::from_inner(ratio))?.into_inner().checked_mul(2)?;
	let root = FixedU128::from_inner(two_ln).checked_sqrt()?;
	// The square root rounds down: step up by one unit, which covers it.
	Some(FixedU128::from_inner(root.into_inner() + 1))
}

/// The least σ the Gaussian mechanism needs for (ε, δ)-DP with clip norm `clip` and `samples`
/// local samples, rounded up to a multiple of [`SIGMA_QUANTUM`]; `None` when a parameter is out
/// of range (ε or S zero, δ not in (0, 1), no samples) or the result overflows.
pub fn required_sigma(epsilon: FixedU128, delta: FixedU128, clip: FixedU128, samples: u32) -> Option<FixedU128> {
	if epsilon.is_zero() || clip.is_zero() || samples == 0 {
		return None;
	}
	let c = c_of(delta)?;
	let numerator = mul_up(2 * c.into_inner(), clip.into_inner())?;
	let denominator = epsilon.into_inner().checked_mul(u128::from(samples))?;
	let sigma = div_up(numerator, denominator)?;
	let rounded = sigma.div_ceil(SIGMA_QUANTUM).checked_mul(SIGMA_QUANTUM)?;
	Some(FixedU128::from_inner(rounded))
}

/// A σ as a pallet error can carry it (three bytes): `mantissa · 10^exponent`, four significant
/// digits, rounded up, so that a σ at least this large always meets the bound.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	frame_support::PalletError,
)]
pub struct ShortSigma {
	/// Up to four digits.
	pub mantissa: u16,
	/// The power of ten, from -18 up.
	pub exponent: i8,
}

impl ShortSigma {
	/// `sigma` rounded up to four significant digits.
	pub fn round_up(sigma: FixedU128) -> Self {
		let mut value = sigma.into_inner();
		let mut exponent: i8 = -18;
		let mut rest = false;
		while value >= 10_000 {
			rest |= value % 10 != 0;
			value /= 10;
			exponent += 1;
		}
		if rest {
			value += 1;
			if value == 10_000 {
				value = 1_000;
				exponent += 1;
			}
		}
		ShortSigma { mantissa: value as u16, exponent }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn fixed(x: f64) -> FixedU128 {
		FixedU128::from_inner((x * 1e18).round() as u128)
	}

	fn float(x: FixedU128) -> f64 {
		x.into_inner() as f64 / 1e18
	}

	#[test]
	fn ln_matches_known_values() {
		// Computed independently with Python's math.log.
		for (x, expected) in [
			(1.0, 0.0),
			(1.5, 0.4054651081081644),
			(2.0, 0.6931471805599453),
			(10.0, 2.302585092994046),
			(125_000.0, 11.736069016284437),
			(1.25e12, 27.85416466724276),
		] {
			let got = float(ln(fixed(x)).unwrap());
			assert!((got - expected).abs() < 1e-12, "ln({x}) = {got}, expected {expected}");
		}
		assert_eq!(ln(fixed(0.5)), None);
	}

	#[test]
	fn required_sigma_matches_independent_values_and_never_undershoots() {
		// (ε, δ, S, m, σ) with σ = 2·√(2·ln(1.25/δ))·S/(ε·m), computed independently with Python's
		// math module in double precision.
		for (eps, delta, clip, m, expected) in [
			(1.0, 1e-5, 1.0, 600, 0.016149350875351298),
			(0.5, 1e-5, 1.0, 600, 0.032298701750702596),
			(1.0, 1e-6, 4.0, 1, 42.39042021480379),
			(2.0, 0.01, 0.1, 100, 0.0031075114600922398),
			(0.1, 1e-8, 1.0, 1_797, 0.06796172867723074),
		] {
			let got = required_sigma(fixed(eps), fixed(delta), fixed(clip), m).unwrap();
			let got = float(got);
			assert!(got >= expected - 1e-15, "σ({eps}, {delta}, {clip}, {m}) = {got} < {expected}");
			assert!(got - expected < 2e-9, "σ({eps}, {delta}, {clip}, {m}) = {got}, expected {expected}");
		}
	}

	#[test]
	fn out_of_range_parameters_have_no_bound() {
		let one = FixedU128::one();
		assert_eq!(required_sigma(FixedU128::zero(), fixed(1e-5), one, 1), None);
		assert_eq!(required_sigma(one, FixedU128::zero(), one, 1), None);
		assert_eq!(required_sigma(one, one, one, 1), None);
		assert_eq!(required_sigma(one, fixed(1e-5), FixedU128::zero(), 1), None);
		assert_eq!(required_sigma(one, fixed(1e-5), one, 0), None);
	}

	#[test]
	fn a_short_sigma_rounds_up_to_four_digits() {
		assert_eq!(ShortSigma::round_up(fixed(0.016149350876)), ShortSigma { mantissa: 1615, exponent: -5 });
		assert_eq!(ShortSigma::round_up(fixed(42.0)), ShortSigma { mantissa: 4200, exponent: -2 });
		assert_eq!(ShortSigma::round_up(fixed(9.9999)), ShortSigma { mantissa: 1000, exponent: -2 });
		assert_eq!(ShortSigma::round_up(FixedU128::from_inner(7)), ShortSigma { mantissa: 7, exponent: -18 });
	}
}
