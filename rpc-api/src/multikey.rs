//! Ed25519 public keys as Multikey `publicKeyMultibase` (base58btc of the multicodec prefix
//! `0xed01` and the key), and the DID URLs `did:…#<multibase>` that name an institution's key.

/// The multicodec prefix of an Ed25519 public key.
const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// `publicKeyMultibase` of an Ed25519 public key: `z6Mk…`.
pub fn encode(public: &[u8; 32]) -> String {
	let mut bytes = ED25519_PUB.to_vec();
	bytes.extend_from_slice(public);
	format!("z{}", bs58::encode(bytes).into_string())
}

/// The Ed25519 public key in a `publicKeyMultibase`.
pub fn decode(multibase: &str) -> Result<[u8; 32], String> {
	let text = multibase.strip_prefix('z').ok_or_else(|| format!("{multibase:?} is not base58btc multibase (z…)"))?;
	let bytes = bs58::decode(text).into_vec().map_err(|e| format!("{multibase:?}: {e}"))?;
	match bytes.strip_prefix(&ED25519_PUB[..]) {
		Some(key) => key.try_into().map_err(|_| format!("{multibase:?}: an Ed25519 key is 32 bytes")),
		None => Err(format!("{multibase:?} is not an Ed25519 Multikey")),
	}
}

/// The verification method of `did`'s key `public`: `did#z6Mk…`.
pub fn method_id(did: &str, public: &[u8; 32]) -> String {
	format!("{did}#{}", encode(public))
}

/// The DID and the key a verification method id names.
pub fn split_method(method: &str) -> Result<(&str, [u8; 32]), String> {
	let (did, fragment) = method.split_once('#').ok_or_else(|| format!("{method:?} names no key (no #fragment)"))?;
	Ok((did, decode(fragment)?))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn keys_round_trip_and_match_the_multikey_spec() {
		// did:key's Ed25519 test vector (W3C did:key method, "ed25519-x25519.json").
		let multibase = "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
		let key = decode(multibase).unwrap();
		assert_eq!(encode(&key), multibase);
		assert!(decode("z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F").is_err(), "an X25519 key is not Ed25519");
		assert!(decode("6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp").is_err());
		let method = method_id("did:educhain:5Uni", &key);
		let (did, k) = split_method(&method).unwrap();
		assert_eq!((did, k), ("did:educhain:5Uni", key));
	}
}
