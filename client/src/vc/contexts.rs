//! The JSON-LD contexts educhain documents may use, compiled in (see `contexts/README.md`).

/// W3C Verifiable Credentials 2.0 (which also defines `DataIntegrityProof`).
pub const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// 1EdTech Open Badges 3.0.3.
pub const OB_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// educhain's own terms.
pub const EDUCHAIN_V1: &str = "https://w3id.org/educhain/v1";
/// W3C DID Core 1.0.
pub const DID_V1: &str = "https://www.w3.org/ns/did/v1";
/// W3C Multikey.
pub const MULTIKEY_V1: &str = "https://w3id.org/security/multikey/v1";

/// Each bundled context: its URL and its text.
pub const BUNDLED: [(&str, &str); 5] = [
	(VC_V2, include_str!("../../contexts/credentials-v2.jsonld")),
	(OB_V3, include_str!("../../contexts/ob-v3p0-3.0.3.json")),
	(EDUCHAIN_V1, include_str!("../../contexts/educhain-v1.jsonld")),
	(DID_V1, include_str!("../../contexts/did-v1.jsonld")),
	(MULTIKEY_V1, include_str!("../../contexts/multikey-v1.jsonld")),
];
