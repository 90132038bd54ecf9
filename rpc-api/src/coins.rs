//! `coins_*`: a course with its tasks, a learner's coins per course, and a learner's awards.

use crate::{name, AccountId, BlockNumber, Hash, RpcResult};
use jsonrpsee::proc_macros::rpc;
use pallet_coins::{
	api::{AwardView, CourseView},
	Amendment, Balance, Coins, CourseId, TaskId,
};
use serde::{Deserialize, Serialize};

/// A task of a course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskInfo {
	/// Its id within the course.
	pub task: TaskId,
	/// Digest of its document.
	pub document: Hash,
	/// The most coins one award can give.
	pub max_coins: Coins,
	/// `Active` or `Withdrawn`.
	pub status: String,
}

/// A course with its tasks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CourseInfo {
	/// The course.
	pub course: CourseId,
	/// The institution that offers it.
	pub institution: AccountId,
	/// The educator who awards its coins.
	pub lecturer: AccountId,
	/// Digest of its document.
	pub document: Hash,
	/// Coins needed for its micro-credential.
	pub threshold: Coins,
	/// `Open` or `Closed`.
	pub status: String,
	/// Its tasks.
	pub tasks: Vec<TaskInfo>,
}

impl CourseInfo {
	/// Course `id`.
	pub fn new(id: CourseId, v: &CourseView<AccountId, Hash>) -> Self {
		let c = &v.course;
		Self {
			course: id,
			institution: c.institution.clone(),
			lecturer: c.lecturer.clone(),
			document: c.document,
			threshold: c.threshold,
			status: name(&c.status),
			tasks: v
				.tasks
				.iter()
				.map(|(task, t)| TaskInfo { task: *task, document: t.document, max_coins: t.max_coins, status: name(&t.status) })
				.collect(),
		}
	}
}

/// A learner's coins in a course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BalanceView {
	/// Coins awarded.
	pub earned: Coins,
	/// Coins exchanged for the micro-credential.
	pub spent: Coins,
	/// Coins left.
	pub available: Coins,
	/// The micro-credential claimed with them, if any.
	pub claimed: Option<Hash>,
}

impl From<&Balance<Hash>> for BalanceView {
	fn from(b: &Balance<Hash>) -> Self {
		Self { earned: b.earned, spent: b.spent, available: b.available(), claimed: b.claimed }
	}
}

/// A learner's coins in one of their courses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseBalance {
	/// The course.
	pub course: CourseId,
	/// The coins.
	#[serde(flatten)]
	pub balance: BalanceView,
}

/// An earlier amount of an award, before a correction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionView {
	/// The amount then.
	pub coins: Coins,
	/// Who set it.
	pub by: AccountId,
	/// The block it was set in.
	pub block: BlockNumber,
}

impl From<&Amendment<AccountId, BlockNumber>> for CorrectionView {
	fn from(c: &Amendment<AccountId, BlockNumber>) -> Self {
		Self { coins: c.coins, by: c.by.clone(), block: c.at }
	}
}

/// A learner's award for one task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardInfo {
	/// The task.
	pub task: TaskId,
	/// The amount that counts.
	pub coins: Coins,
	/// Who awarded it.
	pub by: AccountId,
	/// The block it was awarded in.
	pub block: BlockNumber,
	/// Earlier amounts, oldest first.
	pub corrections: Vec<CorrectionView>,
}

impl From<&AwardView<AccountId, BlockNumber>> for AwardInfo {
	fn from(a: &AwardView<AccountId, BlockNumber>) -> Self {
		Self {
			task: a.task,
			coins: a.coins,
			by: a.by.clone(),
			block: a.at,
			corrections: a.corrections.iter().map(CorrectionView::from).collect(),
		}
	}
}

/// The coins JSON-RPC methods, each at the best block or the block `at`.
#[rpc(client, server, namespace = "coins")]
pub trait CoinsRpc {
	/// The course (institution, lecturer, document, threshold, status) with its tasks, or null.
	#[method(name = "course")]
	fn course(&self, course: CourseId, at: Option<Hash>) -> RpcResult<Option<CourseInfo>>;

	/// The learner's coins in the course: earned, spent, available and the claimed
	/// micro-credential; null when the learner is not enrolled.
	#[method(name = "balance")]
	fn balance(&self, course: CourseId, learner: AccountId, at: Option<Hash>) -> RpcResult<Option<BalanceView>>;

	/// The learner's coins in every course the learner is enrolled in.
	#[method(name = "balances")]
	fn balances(&self, learner: AccountId, at: Option<Hash>) -> RpcResult<Vec<CourseBalance>>;

	/// The learner's awards in the course, by task, each with its earlier amounts.
	#[method(name = "awards")]
	fn awards(&self, course: CourseId, learner: AccountId, at: Option<Hash>) -> RpcResult<Vec<AwardInfo>>;
}
