//! Random calls, generated from the runtime's type information: a random variant of
//! `RuntimeCall` (restricted to the pallets under test), then random SCALE bytes for each of its
//! fields, decoded back as the real extrinsic decoder would.

use codec::{Compact, DecodeLimit, Encode};
use educhain_runtime::RuntimeCall;
use scale_info::{form::PortableForm, PortableRegistry, TypeDef, TypeDefPrimitive};
use sp_keyring::Sr25519Keyring;

/// The pallets whose calls are generated: the education pallets, and the session (keys decide
/// who authors). System, timestamp and consensus calls are left out: no origin that users have
/// can make them do anything but fail, and their own tests are polkadot-sdk's.
const PALLETS: [&str; 7] = ["Session", "Ministry", "Registry", "Transcripts", "Credentials", "Coins", "FlLedger"];

/// The accounts that calls name and sign with: the preset's ministry (Alice) and universities
/// (Bob, Charlie, Dave), and four strangers.
/// Derived once: key derivation would otherwise cost more than most calls.
pub fn accounts() -> &'static [sp_runtime::AccountId32; 8] {
	static ACCOUNTS: std::sync::LazyLock<[sp_runtime::AccountId32; 8]> =
		std::sync::LazyLock::new(|| keys().map(|k| k.to_account_id()));
	&ACCOUNTS
}

/// The keys behind [`accounts`], for what they sign themselves (applications).
pub fn keys() -> [Sr25519Keyring; 8] {
	use Sr25519Keyring::*;
	[Alice, Bob, Charlie, Dave, Eve, Ferdie, One, Two]
}

/// The day the random chain lives on (2026-09-01, as days since the Unix epoch), so that the
/// day pool hits dates the rules accept.
pub const TODAY: u128 = 20_697;

/// A small deterministic generator (SplitMix64), seeded by each step.
pub struct Rng(u64);

impl Rng {
	pub fn new(seed: u64) -> Self {
		Rng(seed)
	}
	pub fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}
	/// A number in `0..n`.
	pub fn below(&mut self, n: u64) -> u64 {
		self.next() % n.max(1)
	}
	/// True with probability `percent`%.
	pub fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}
}

/// Generates encoded calls.
pub struct Generator {
	types: PortableRegistry,
	call: u32,
}

impl Generator {
	pub fn new() -> Self {
		let mut registry = scale_info::Registry::new();
		let call = registry.register_type(&scale_info::meta_type::<RuntimeCall>()).id;
		Generator { types: registry.into(), call }
	}

	/// A random call from `seed`: `Err(bytes)` when the random bytes do not decode (an
	/// oversized vector, an out-of-range enum or fixed-point value, or deliberate garbage).
	pub fn call(&self, seed: u64) -> Result<RuntimeCall, Vec<u8>> {
		let mut rng = Rng::new(seed);
		let TypeDef::Variant(pallets) = &self.ty(self.call).type_def else { panic!("RuntimeCall is an enum") };
		let ours: Vec<_> = pallets.variants.iter().filter(|v| PALLETS.contains(&v.name.as_str())).collect();
		assert_eq!(ours.len(), PALLETS.len(), "every pallet under test has calls");
		let pallet = ours[rng.below(ours.len() as u64) as usize];
		let mut bytes = vec![pallet.index];
		if rng.chance(4) {
			// Malicious: a valid call index followed by garbage.
			let TypeDef::Variant(calls) = &self.ty(pallet.fields[0].ty.id).type_def else { panic!("a call enum") };
			bytes.push(calls.variants[rng.below(calls.variants.len() as u64) as usize].index);
			bytes.extend((0..rng.below(80)).map(|_| rng.next() as u8));
		} else {
			self.value(pallet.fields[0].ty.id, &mut rng, &mut bytes, 0);
		}
		RuntimeCall::decode_with_depth_limit(frame_support::MAX_EXTRINSIC_DEPTH, &mut &bytes[..]).map_err(|_| bytes)
	}

	fn ty(&self, id: u32) -> &scale_info::Type<PortableForm> {
		self.types.resolve(id).expect("a registered type")
	}

	/// Append random SCALE bytes for a value of type `id`.
	fn value(&self, id: u32, rng: &mut Rng, out: &mut Vec<u8>, depth: u32) {
		let ty = self.ty(id);
		let name = ty.path.segments.last().map(String::as_str).unwrap_or("");
		if name == "AccountId32" {
			return accounts()[rng.below(8) as usize].encode_to(out);
		}
		match &ty.type_def {
			TypeDef::Composite(c) => c.fields.iter().for_each(|f| self.value(f.ty.id, rng, out, depth + 1)),
			TypeDef::Variant(v) => {
				if v.variants.is_empty() {
					return;
				}
				let variant = &v.variants[rng.below(v.variants.len() as u64) as usize];
				out.push(variant.index);
				variant.fields.iter().for_each(|f| self.value(f.ty.id, rng, out, depth + 1));
			},
			TypeDef::Sequence(s) => {
				let len = self.length(rng, depth);
				Compact(len).encode_to(out);
				for _ in 0..len {
					self.value(s.type_param.id, rng, out, depth + 1);
				}
			},
			TypeDef::Array(a) => {
				let element = self.ty(a.type_param.id);
				if a.len == 32 && matches!(element.type_def, TypeDef::Primitive(TypeDefPrimitive::U8)) {
					out.extend(digest(rng));
				} else {
					(0..a.len).for_each(|_| self.value(a.type_param.id, rng, out, depth + 1));
				}
			},
			TypeDef::Tuple(t) => t.fields.iter().for_each(|f| self.value(f.id, rng, out, depth + 1)),
			TypeDef::Primitive(p) => primitive(p, rng, out),
			TypeDef::Compact(c) => {
				let bits = match &self.ty(c.type_param.id).type_def {
					TypeDef::Primitive(TypeDefPrimitive::U8) => 8,
					TypeDef::Primitive(TypeDefPrimitive::U16) => 16,
					TypeDef::Primitive(TypeDefPrimitive::U32) => 32,
					TypeDef::Primitive(TypeDefPrimitive::U64) => 64,
					_ => 128,
				};
				Compact(number(rng, bits)).encode_to(out);
			},
			TypeDef::BitSequence(_) => Compact(0u32).encode_to(out),
		}
	}

	/// Mostly short vectors; now and then one far past any bound, which must not decode.
	fn length(&self, rng: &mut Rng, depth: u32) -> u32 {
		match rng.below(100) {
			_ if depth > 6 => 0,
			0..=24 => 0,
			25..=84 => 1 + rng.below(3) as u32,
			85..=96 => 4 + rng.below(60) as u32,
			_ => 200 + rng.below(2_000) as u32,
		}
	}
}

/// A 32-byte value: one of three shared digests (so that ids computed from digests collide on
/// purpose), an account's public key, or random bytes.
fn digest(rng: &mut Rng) -> [u8; 32] {
	match rng.below(10) {
		0..=5 => [rng.below(3) as u8; 32],
		6..=7 => accounts()[rng.below(8) as usize].clone().into(),
		_ => core::array::from_fn(|_| rng.next() as u8),
	}
}

/// A number of `bits` bits from the pools: small ids, days around today, the extremes, or
/// anything.
fn number(rng: &mut Rng, bits: u32) -> u128 {
	let max = if bits == 128 { u128::MAX } else { (1u128 << bits) - 1 };
	let n = match rng.below(100) {
		// Most records are made with ids 0 and 1 (see `setup`).
		0..=39 => rng.below(2) as u128,
		40..=49 => 2 + rng.below(2) as u128,
		50..=59 => rng.below(120) as u128,
		60..=69 => TODAY - 400 + rng.below(800) as u128,
		70..=77 => max,
		78..=81 => max - 1,
		_ => (u128::from(rng.next()) << 64) | u128::from(rng.next()),
	};
	n & max
}

fn primitive(p: &TypeDefPrimitive, rng: &mut Rng, out: &mut Vec<u8>) {
	use TypeDefPrimitive::*;
	match p {
		Bool => out.push(rng.below(2) as u8),
		Char => (b'a' as u32 + rng.below(26) as u32).encode_to(out),
		Str => {
			let len = rng.below(12) as usize;
			(0..len).map(|_| (b'a' + rng.below(26) as u8) as char).collect::<String>().encode_to(out)
		},
		U8 | I8 => out.push(number(rng, 8) as u8),
		U16 | I16 => (number(rng, 16) as u16).encode_to(out),
		U32 | I32 => (number(rng, 32) as u32).encode_to(out),
		U64 | I64 => (number(rng, 64) as u64).encode_to(out),
		U128 | I128 => number(rng, 128).encode_to(out),
		U256 | I256 => out.extend((0..32).map(|_| rng.next() as u8)),
	}
}
