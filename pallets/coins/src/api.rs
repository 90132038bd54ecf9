//! Reading courses, balances and awards: the runtime API behind the node's `coins_*` JSON-RPC
//! methods, and the queries it runs.

use crate::{
	pallet::{Awards, Balances, Courses, LearnerCourses, Tasks},
	Amendment, Balance, Coins, Config, Course, CourseId, CourseTask, Pallet, TaskId,
};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// A course with its tasks.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct CourseView<AccountId, Hash> {
	/// The course.
	pub course: Course<AccountId, Hash>,
	/// Its tasks, withdrawn ones included, by id.
	pub tasks: Vec<(TaskId, CourseTask<Hash>)>,
}

/// A learner's award for one task.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct AwardView<AccountId, BlockNumber> {
	/// The task.
	pub task: TaskId,
	/// The amount that counts.
	pub coins: Coins,
	/// Who awarded it.
	pub by: AccountId,
	/// When.
	pub at: BlockNumber,
	/// Earlier amounts, oldest first.
	pub corrections: Vec<Amendment<AccountId, BlockNumber>>,
}

sp_api::decl_runtime_apis! {
	/// Courses, coin balances and awards, for the node's `coins_*` JSON-RPC methods.
	pub trait CoinsApi<AccountId, Hash, BlockNumber>
	where
		AccountId: Codec,
		Hash: Codec,
		BlockNumber: Codec,
	{
		/// The course with its tasks, if it exists.
		fn course(course: CourseId) -> Option<CourseView<AccountId, Hash>>;
		/// The learner's coins in the course (earned, spent, the claimed credential), if enrolled.
		fn balance(course: CourseId, learner: AccountId) -> Option<Balance<Hash>>;
		/// Every course the learner is enrolled in, with the learner's coins there.
		fn balances(learner: AccountId) -> Vec<(CourseId, Balance<Hash>)>;
		/// The learner's awards in the course, by task.
		fn awards(course: CourseId, learner: AccountId) -> Vec<AwardView<AccountId, BlockNumber>>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`CoinsApi::course`].
	pub fn course_view(course: CourseId) -> Option<CourseView<T::AccountId, T::Hash>> {
		let record = Courses::<T>::get(course)?;
		let mut tasks: Vec<_> = Tasks::<T>::iter_prefix(course).collect();
		tasks.sort_by_key(|(id, _)| *id);
		Some(CourseView { course: record, tasks })
	}

	/// See [`CoinsApi::balance`].
	pub fn balance(course: CourseId, learner: &T::AccountId) -> Option<Balance<T::Hash>> {
		Balances::<T>::get(course, learner)
	}

	/// See [`CoinsApi::balances`].
	pub fn balances(learner: &T::AccountId) -> Vec<(CourseId, Balance<T::Hash>)> {
		let mut all: Vec<_> = LearnerCourses::<T>::iter_key_prefix(learner)
			.filter_map(|course| Balances::<T>::get(course, learner).map(|b| (course, b)))
			.collect();
		all.sort_by_key(|(course, _)| *course);
		all
	}

	/// See [`CoinsApi::awards`].
	pub fn awards(course: CourseId, learner: &T::AccountId) -> Vec<AwardView<T::AccountId, BlockNumberFor<T>>> {
		let mut all: Vec<_> = Awards::<T>::iter_prefix((course, learner.clone()))
			.map(|(task, a)| AwardView {
				task,
				coins: a.coins,
				by: a.by,
				at: a.at,
				corrections: a.corrections.into_inner(),
			})
			.collect();
		all.sort_by_key(|a| a.task);
		all
	}
}
