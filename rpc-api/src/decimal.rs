//! Exact decimals for fixed-point values: JSON numbers are doubles and would round them.

use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};
use sp_arithmetic::{FixedPointNumber, FixedU128};

/// A [`FixedU128`] on the wire: a decimal string with at most 18 decimals and no trailing
/// zeros (`"2"`, `"0.0001"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Decimal(pub FixedU128);

impl From<FixedU128> for Decimal {
	fn from(x: FixedU128) -> Self {
		Decimal(x)
	}
}

impl std::fmt::Display for Decimal {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		let inner = self.0.into_inner();
		let (int, frac) = (inner / FixedU128::DIV, inner % FixedU128::DIV);
		if frac == 0 {
			return write!(f, "{int}");
		}
		let digits = format!("{frac:018}");
		write!(f, "{int}.{}", digits.trim_end_matches('0'))
	}
}

impl std::str::FromStr for Decimal {
	type Err = String;

	fn from_str(text: &str) -> Result<Self, String> {
		let bad = || format!("{text:?} is not a decimal with at most 18 decimals");
		let (int, frac) = text.split_once('.').unwrap_or((text, ""));
		let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
		if !digits(int) || (text.contains('.') && !digits(frac)) || frac.len() > 18 {
			return Err(bad());
		}
		let int: u128 = int.parse().map_err(|_| bad())?;
		let frac: u128 = if frac.is_empty() { 0 } else { format!("{frac:0<18}").parse().map_err(|_| bad())? };
		let inner = int.checked_mul(FixedU128::DIV).and_then(|i| i.checked_add(frac)).ok_or_else(bad)?;
		Ok(Decimal(FixedU128::from_inner(inner)))
	}
}

impl Serialize for Decimal {
	fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.collect_str(self)
	}
}

impl<'de> Deserialize<'de> for Decimal {
	fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		String::deserialize(d)?.parse().map_err(D::Error::custom)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn decimals_are_exact_and_trimmed() {
		assert_eq!(Decimal(FixedU128::from_u32(2)).to_string(), "2");
		assert_eq!(Decimal(FixedU128::from_rational(1, 100_000)).to_string(), "0.00001");
		assert_eq!(Decimal(FixedU128::from_inner(96_896_106_000_000_000)).to_string(), "0.096896106");
		assert_eq!(Decimal(FixedU128::from_inner(1)).to_string(), "0.000000000000000001");
	}

	#[test]
	fn decimals_parse_back_exactly() {
		for inner in [0, 1, 96_896_106_000_000_000, 2_000_000_000_000_000_000, u128::MAX] {
			let d = Decimal(FixedU128::from_inner(inner));
			assert_eq!(d.to_string().parse::<Decimal>(), Ok(d));
		}
	}

	#[test]
	fn malformed_decimals_are_refused() {
		for bad in ["", ".", "1.", ".5", "-1", "1e3", "0.0000000000000000001", "1.2.3", "x", "340282366920938463464"] {
			assert!(bad.parse::<Decimal>().is_err(), "{bad:?} parsed");
		}
	}
}
