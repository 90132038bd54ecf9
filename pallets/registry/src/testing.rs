//! A stand-in registry for the unit tests of pallets that depend on this one.

/// Defines, in the calling mock, thread-local `Active` (institutions) and `Lecturers`
/// ((institution, lecturer) pairs) and a `Registry` that answers
/// [`InstitutionRegistry`](crate::InstitutionRegistry) from them, for `u64` accounts. A macro
/// rather than a shared type, so that each mock can still implement its own traits on `Registry`.
#[macro_export]
macro_rules! stand_in_registry {
	() => {
		frame_support::parameter_types! {
			/// Active institutions.
			pub static Active: Vec<u64> = vec![];
			/// (institution, lecturer) pairs.
			pub static Lecturers: Vec<(u64, u64)> = vec![];
		}

		/// The stand-in registry: `Active` institutions and their `Lecturers`.
		pub struct Registry;
		impl $crate::InstitutionRegistry<u64> for Registry {
			fn is_active(institution: &u64) -> bool {
				Active::get().contains(institution)
			}
			fn is_lecturer(institution: &u64, who: &u64) -> bool {
				Lecturers::get().contains(&(*institution, *who))
			}
		}
	};
}
