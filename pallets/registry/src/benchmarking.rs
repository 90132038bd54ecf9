//! Benchmarks for the registry pallet. Each call is measured in its worst case: the electorate
//! full, every other proposal slot taken by a proposal with nearly half the votes on each side
//! (all counted again after a membership change), and every member holding session keys. A
//! call that changes the membership is measured removing an authority (the authority set is
//! read), with the proposals its recount leaves open and decides as components.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::TransactionSource,
	traits::{Authorize, EnsureOrigin, Get, Hooks},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};

const PROFILE_BYTE: u8 = 7;

fn profile<T: Config>() -> T::Hash {
	let mut hash = T::Hash::default();
	hash.as_mut().fill(PROFILE_BYTE);
	hash
}

/// A distinct 32-byte key for each `i`.
fn key_bytes(i: u32) -> [u8; 32] {
	let mut key = [1u8; 32];
	key[..4].copy_from_slice(&i.to_le_bytes());
	key
}

/// An active institution with `n` current assertion keys (`key_bytes(0..n)`).
fn with_keys<T: Config>(n: u32) -> T::AccountId {
	let institution = members::<T>(1)[0].clone();
	for i in 0..n {
		Pallet::<T>::add_assertion_key(RawOrigin::Signed(institution.clone()).into(), key_bytes(i)).unwrap();
	}
	institution
}

/// `n` active members with session keys, sorted as `Active` keeps them.
fn members<T: Config>(n: u32) -> Vec<T::AccountId> {
	let mut all: Vec<T::AccountId> = (0..n).map(|i| account("member", i, 0)).collect();
	all.sort();
	for who in &all {
		Institutions::<T>::insert(
			who,
			Institution {
				kind: InstitutionKind::University,
				profile: profile::<T>(),
				status: Status::Active,
				joined: Some(0u32.into()),
			},
		);
		frame_system::Pallet::<T>::inc_providers(who);
		T::BenchmarkHelper::register_keys(who);
	}
	Active::<T>::put(BoundedVec::try_from(all.clone()).expect("at most MaxMembers"));
	MinAuthorities::<T>::put(1);
	all
}

/// An open application by `subject` with `ayes` and `nays` from the front of `voters`.
fn application<T: Config>(subject: &T::AccountId, voters: &[T::AccountId], ayes: u32, nays: u32) {
	Institutions::<T>::insert(
		subject,
		Institution {
			kind: InstitutionKind::College,
			profile: profile::<T>(),
			status: Status::Applicant,
			joined: None,
		},
	);
	frame_system::Pallet::<T>::inc_providers(subject);
	let (a, rest) = voters.split_at(ayes as usize);
	let n = &rest[..nays as usize];
	let now = frame_system::Pallet::<T>::block_number();
	let expires = now + T::ProposalLifetime::get();
	Proposals::<T>::insert(
		subject,
		Proposal {
			action: Action::Admit,
			proposer: None,
			opened: now,
			expires,
			ayes: BoundedVec::try_from(a.to_vec()).unwrap(),
			nays: BoundedVec::try_from(n.to_vec()).unwrap(),
		},
	);
	Expiries::<T>::mutate(expires, |due| due.try_push(subject.clone()).unwrap());
}

/// Fill all proposal slots but `free` with applications that stay open after any one
/// membership change: just under half ayes and just under half nays.
fn other_applications<T: Config>(voters: &[T::AccountId], free: u32) {
	let m = voters.len() as u32;
	let each = (m / 2).saturating_sub(1);
	for i in 0..T::MaxProposals::get().saturating_sub(free) {
		application::<T>(&account("other", i, 0), voters, each, each);
	}
}

/// As many members as the limit allows with an even electorate (which a proposal's ayes can
/// make exactly half of), all authorities.
fn electorate<T: Config>() -> Vec<T::AccountId> {
	let max = T::MaxMembers::get();
	members::<T>(if max % 2 == 1 { max } else { max - 1 })
}

/// An open motion to remove `subject`, with ayes from exactly half of its electorate, the
/// whole membership but `subject`: one removal more, and it passes.
fn half_way<T: Config>(subject: &T::AccountId, voters: &[T::AccountId], m: u32, expires: BlockNumberFor<T>) {
	let ayes = &voters[..(m as usize - 1) / 2];
	Proposals::<T>::insert(
		subject,
		Proposal {
			action: Action::Remove,
			proposer: Some(ayes[0].clone()),
			opened: frame_system::Pallet::<T>::block_number(),
			expires,
			ayes: BoundedVec::try_from(ayes.to_vec()).unwrap(),
			nays: BoundedVec::new(),
		},
	);
	Expiries::<T>::mutate(expires, |due| due.try_push(subject.clone()).unwrap());
}

/// The stage for a call that removes an authority and sets off a recount: the member it
/// removes, and the members who stay and vote. Open besides: `decided` motions to remove other
/// members, [`half_way`], so that the first removal passes one and each removal the next; and
/// `open` applications with just under half ayes and nays of the membership left at the end,
/// which stay open. With `motion`, the member to remove has a motion [`half_way`] too.
fn recount_stage<T: Config>(open: u32, decided: u32, motion: bool) -> (T::AccountId, Vec<T::AccountId>) {
	let mut voters = electorate::<T>();
	let m = voters.len() as u32;
	let subject = voters.remove(0);
	let removed: Vec<_> = voters.drain(..decided as usize).collect();
	// Each group expires at a block of its own: `Expiries` holds `MaxProposals` a block.
	let lifetime = frame_system::Pallet::<T>::block_number() + T::ProposalLifetime::get();
	for member in &removed {
		half_way::<T>(member, &voters, m, lifetime - 1u32.into());
	}
	if motion {
		half_way::<T>(&subject, &voters, m, lifetime - 2u32.into());
	}
	let each = (m - 1 - decided) / 2;
	for i in 0..open {
		application::<T>(&account("other", i, 0), &voters, each, each);
	}
	(subject, voters)
}

/// A full electorate, every proposal slot taken, and an undecided application for the ministry
/// to decide, with the ministry's origin.
fn for_the_ministry<T: Config>() -> Result<(T::AccountId, T::RuntimeOrigin), BenchmarkError> {
	let voters = members::<T>(T::MaxMembers::get() - 1);
	other_applications::<T>(&voters, 1);
	let subject: T::AccountId = account("candidate", 0, 0);
	let m = voters.len() as u32;
	application::<T>(&subject, &voters, m / 2, m / 2 - 1);
	let origin = T::MinistryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	Ok((subject, origin))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: one slot left, the candidate a former member.
	#[benchmark]
	fn apply() {
		let voters = members::<T>(T::MaxMembers::get() - 1);
		other_applications::<T>(&voters, 1);
		let candidate = T::BenchmarkHelper::candidate();
		let payload = Pallet::<T>::application_payload(&candidate, InstitutionKind::School, &profile::<T>());
		let signature = T::BenchmarkHelper::sign(&candidate, &payload);

		#[extrinsic_call]
		_(RawOrigin::Authorized, candidate.clone(), InstitutionKind::School, profile::<T>(), signature);

		assert!(Proposals::<T>::contains_key(&candidate));
	}

	#[benchmark]
	fn authorize_apply() -> Result<(), BenchmarkError> {
		let voters = members::<T>(T::MaxMembers::get() - 1);
		other_applications::<T>(&voters, 1);
		let candidate = T::BenchmarkHelper::candidate();
		let payload = Pallet::<T>::application_payload(&candidate, InstitutionKind::School, &profile::<T>());
		let signature = T::BenchmarkHelper::sign(&candidate, &payload);
		let call = Call::<T>::apply {
			candidate,
			kind: InstitutionKind::School,
			profile: profile::<T>(),
			signature,
		};

		#[block]
		{
			call.authorize(TransactionSource::External)
				.ok_or("apply must be authorized")?
				.map_err(|_| "apply must be valid")?;
		}

		Ok(())
	}

	/// The deciding vote removes an authority; then the recount leaves `o` applications open
	/// and decides `d` motions in turn.
	#[benchmark]
	fn vote(o: Linear<0, { T::MaxProposals::get() }>, d: Linear<0, { T::MaxProposals::get() }>) {
		let (subject, voters) = recount_stage::<T>(o, d, true);
		let voter = voters[voters.len() - 1].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(voter), subject.clone(), true);

		assert!(!Pallet::<T>::is_active(&subject));
		assert_eq!(Proposals::<T>::count(), o, "every motion decided");
	}

	/// The usual vote, which leaves the proposal open (what `vote` returns as its weight then):
	/// the electorate full, the other slots taken, and a nay turned aye one short of deciding.
	#[benchmark]
	fn vote_open() {
		let voters = members::<T>(T::MaxMembers::get() - 1);
		let m = voters.len() as u32;
		other_applications::<T>(&voters, 1);
		let subject: T::AccountId = account("candidate", 0, 0);
		let needed = crate::threshold(m);
		let ayes = needed.saturating_sub(2);
		application::<T>(&subject, &voters, ayes, (m - ayes).min(needed - 1));
		let voter = voters[ayes as usize].clone();

		#[extrinsic_call]
		vote(RawOrigin::Signed(voter.clone()), subject.clone(), true);

		assert!(Proposals::<T>::get(&subject).is_some_and(|p| p.ayes.contains(&voter)));
	}

	/// As `vote`, passed by the ministry.
	#[benchmark]
	fn approve(
		o: Linear<0, { T::MaxProposals::get() }>,
		d: Linear<0, { T::MaxProposals::get() }>,
	) -> Result<(), BenchmarkError> {
		let (subject, _) = recount_stage::<T>(o, d, true);
		let origin = T::MinistryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, subject.clone());

		assert!(!Pallet::<T>::is_active(&subject));
		assert_eq!(Proposals::<T>::count(), o, "every motion decided");
		Ok(())
	}

	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let (subject, origin) = for_the_ministry::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, subject.clone());

		assert!(Institutions::<T>::get(&subject).is_none());
		Ok(())
	}

	/// As `vote`, the ministry removing the authority at once.
	#[benchmark]
	fn propose(
		o: Linear<0, { T::MaxProposals::get() }>,
		d: Linear<0, { T::MaxProposals::get() }>,
	) -> Result<(), BenchmarkError> {
		let (subject, _) = recount_stage::<T>(o, d, false);
		let origin = T::MinistryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, subject.clone(), Action::Remove);

		assert!(!Pallet::<T>::is_active(&subject));
		assert_eq!(Proposals::<T>::count(), o, "every motion decided");
		Ok(())
	}

	/// The usual motion, a member's that stays open (what `propose` returns as its weight
	/// then): the electorate full and the other proposal slots taken.
	#[benchmark]
	fn propose_motion() {
		let voters = members::<T>(T::MaxMembers::get());
		other_applications::<T>(&voters, 1);
		let (proposer, subject) = (voters[0].clone(), voters[1].clone());

		#[extrinsic_call]
		propose(RawOrigin::Signed(proposer), subject.clone(), Action::Remove);

		assert!(Proposals::<T>::contains_key(&subject) && Pallet::<T>::is_active(&subject));
	}

	/// Worst case: one lecturer short of the limit, and a new account.
	#[benchmark]
	fn grant_lecturer() {
		let institution = members::<T>(1)[0].clone();
		for i in 1..T::MaxLecturers::get() {
			Lecturers::<T>::insert(&institution, account::<T::AccountId>("lecturer", i, 0), ());
		}
		LecturerCount::<T>::insert(&institution, T::MaxLecturers::get() - 1);
		let lecturer: T::AccountId = account("lecturer", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(institution.clone()), lecturer.clone());

		assert!(Lecturers::<T>::contains_key(&institution, &lecturer));
	}

	/// Worst case: the lecturer's last post, so its account reference goes too.
	#[benchmark]
	fn revoke_lecturer() {
		let institution = members::<T>(1)[0].clone();
		let lecturer: T::AccountId = account("lecturer", 0, 0);
		Pallet::<T>::grant_lecturer(RawOrigin::Signed(institution.clone()).into(), lecturer.clone())
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(institution.clone()), lecturer.clone());

		assert!(!Lecturers::<T>::contains_key(&institution, &lecturer));
	}

	/// Worst case: the institution one key short of `MaxAssertionKeys`.
	#[benchmark]
	fn add_assertion_key() {
		let institution = with_keys::<T>(T::MaxAssertionKeys::get() - 1);
		let key = key_bytes(u32::MAX);

		#[extrinsic_call]
		_(RawOrigin::Signed(institution.clone()), key);

		assert_eq!(KeyOwners::<T>::get(key), Some(institution));
	}

	/// Worst case: the institution one key short of the limit, rotating its last one.
	#[benchmark]
	fn rotate_assertion_key() {
		let n = T::MaxAssertionKeys::get() - 1;
		let institution = with_keys::<T>(n);
		let new = key_bytes(u32::MAX);

		#[extrinsic_call]
		_(RawOrigin::Signed(institution.clone()), key_bytes(n - 1), new);

		assert_eq!(KeyOwners::<T>::get(new), Some(institution));
	}

	/// Worst case: the institution's last of `MaxAssertionKeys` keys, revoked by the
	/// institution (the ministry check comes first and fails).
	#[benchmark]
	fn revoke_assertion_key() {
		let n = T::MaxAssertionKeys::get();
		let institution = with_keys::<T>(n);

		#[extrinsic_call]
		_(RawOrigin::Signed(institution.clone()), institution.clone(), key_bytes(n - 1));

		let keys = AssertionKeys::<T>::get(&institution);
		assert!(keys[n as usize - 1].ended.is_some());
	}

	/// `n` applications expire in one block.
	#[benchmark]
	fn on_initialize_expire(n: Linear<0, { T::MaxProposals::get() }>) {
		let voters = members::<T>(T::MaxMembers::get() - 1);
		let each = (voters.len() as u32 / 2).saturating_sub(1);
		for i in 0..n {
			application::<T>(&account("other", i, 0), &voters, each, each);
		}
		let at: BlockNumberFor<T> = frame_system::Pallet::<T>::block_number() + T::ProposalLifetime::get();

		#[block]
		{
			Pallet::<T>::on_initialize(at);
		}

		assert_eq!(Proposals::<T>::count(), 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
