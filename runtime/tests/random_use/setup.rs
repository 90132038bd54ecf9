//! A few records of every kind, made by valid calls before the random ones, so that random
//! calls with small ids and pooled accounts find programs, enrolments, classes, courses and
//! tasks to act on rather than failing on the first missing record.

use super::calls::TODAY;
use educhain_runtime::{RuntimeCall, RuntimeOrigin};
use sp_runtime::traits::Dispatchable;
use pallet_fl_ledger::DpParams;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::FixedU128;

/// Bob (a university) appoints Eve a lecturer, defines program 1 and enrols Ferdie, One and Two
/// (enrolments 0, 1, 2); Eve's class 0 has all three, and she passes Ferdie and One. Bob issues
/// Ferdie's degree and moves to suspend Dave. Eve runs coins course 0 for Bob with task 0 and
/// awards Ferdie, who claims its micro-credential. Bob opens FL task 0 with Charlie, and both accept.
pub fn records() {
	use pallet_coins::Call as Co;
	use pallet_credentials::Call as Cr;
	use pallet_fl_ledger::Call as Fl;
	use pallet_registry::Call as Re;
	use pallet_transcripts::Call as Tr;
	let id = |who: Sr25519Keyring| who.to_account_id();
	let digest = |b: u8| H256::repeat_byte(b);
	let micro = pallet_credentials::Pallet::<educhain_runtime::Runtime>::micro_credential_id(&id(Bob), &id(Ferdie), 0, &digest(1));
	let calls: Vec<(Sr25519Keyring, RuntimeCall)> = vec![
		(Bob, RuntimeCall::Registry(Re::grant_lecturer { lecturer: id(Eve) })),
		(
			Bob,
			RuntimeCall::Transcripts(Tr::create_program {
				id: 1,
				document: digest(1),
				credits_required: 10,
				min_days: 0,
				max_days: 36_500,
			}),
		),
		(Bob, RuntimeCall::Transcripts(Tr::enrol { learner: id(Ferdie), program: 1, start: TODAY as u32 })),
		(Bob, RuntimeCall::Transcripts(Tr::enrol { learner: id(One), program: 1, start: TODAY as u32 })),
		(Bob, RuntimeCall::Transcripts(Tr::enrol { learner: id(Two), program: 1, start: TODAY as u32 })),
		(
			Bob,
			RuntimeCall::Transcripts(Tr::create_class {
				course: digest(2),
				credits: 10,
				lecturer: id(Eve),
				term: 1,
				pass_mark: 50,
				scale_max: 100,
				roster: vec![0, 1, 2].try_into().unwrap(),
			}),
		),
		(Eve, RuntimeCall::Transcripts(Tr::grade { class: 0, learner: id(Ferdie), passed: true, digest: digest(0) })),
		(Eve, RuntimeCall::Transcripts(Tr::grade { class: 0, learner: id(One), passed: true, digest: digest(1) })),
		(
			Bob,
			RuntimeCall::Credentials(Cr::issue {
				holder: id(Ferdie),
				enrolment: 0,
				kind: pallet_credentials::CredentialKind::Degree,
				id: digest(1),
			}),
		),
		(Bob, RuntimeCall::Registry(Re::propose { subject: id(Dave), action: pallet_registry::Action::Suspend })),
		(Eve, RuntimeCall::Coins(Co::create_course { institution: id(Bob), document: digest(1), threshold: 10 })),
		(Eve, RuntimeCall::Coins(Co::add_task { course: 0, document: digest(2), max_coins: 10 })),
		(Eve, RuntimeCall::Coins(Co::enrol { course: 0, learners: vec![id(Ferdie), id(One)].try_into().unwrap() })),
		(Eve, RuntimeCall::Coins(Co::award { course: 0, learner: id(Ferdie), task: 0, coins: 10 })),
		(Ferdie, RuntimeCall::Coins(Co::claim { course: 0, credential: micro })),
		(
			Bob,
			RuntimeCall::FlLedger(Fl::create_task {
				model: digest(0),
				params: 16,
				participants: vec![id(Bob), id(Charlie)].try_into().unwrap(),
				rounds: 2,
				round_blocks: 20,
				dp: DpParams {
					epsilon: FixedU128::from_u32(1),
					delta: FixedU128::from_rational(1, 100_000),
					clip: FixedU128::from_u32(5),
				},
				budgets: vec![FixedU128::from_u32(4), FixedU128::from_u32(4)].try_into().unwrap(),
			}),
		),
		(Bob, RuntimeCall::FlLedger(Fl::accept { task: 0, samples: 600 })),
		(Charlie, RuntimeCall::FlLedger(Fl::accept { task: 0, samples: 600 })),
	];
	for (who, call) in calls {
		let what = format!("{call:?}");
		call.dispatch(RuntimeOrigin::signed(id(who)))
			.unwrap_or_else(|e| panic!("setup: {who:?} {what}: {:?}", e.error));
	}
}
