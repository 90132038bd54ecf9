//! Types of the admission pallet.

use sp_runtime::transaction_validity::InvalidTransaction;

/// The validity error for a signer that is not a member and a call that is not open.
///
/// `BadSigner` is the standard error whose meaning fits: the RPC reports it as
/// "Invalid signing address", so clients get a readable reason without custom codes.
pub const NOT_ADMITTED: InvalidTransaction = InvalidTransaction::BadSigner;
