//! Days since 1970-01-01, as the chain counts them, and the calendar dates documents write.
//! The calendar is the `time` crate's.

use time::{format_description::BorrowedFormatItem, macros::format_description, Date, OffsetDateTime, PrimitiveDateTime};

/// `YYYY-MM-DD`.
const DATE: &[BorrowedFormatItem] = format_description!("[year]-[month]-[day]");
/// `YYYY-MM-DDTHH:MM:SSZ`: an RFC 3339 UTC date-time to the second, the form this project writes.
const DATE_TIME: &[BorrowedFormatItem] = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");

/// The proleptic Gregorian date of `days` since 1970-01-01, as `YYYY-MM-DD`.
pub fn date(days: u64) -> String {
	date_time(days.saturating_mul(86_400))[..10].to_string()
}

/// The day (since 1970-01-01) of an RFC 3339 date-time's date part, `YYYY-MM-DD…`.
pub fn day(text: &str) -> Option<u64> {
	let date = Date::parse(text.get(..10)?, DATE).ok()?;
	u64::try_from((date - OffsetDateTime::UNIX_EPOCH.date()).whole_days()).ok()
}

/// Seconds since 1970-01-01T00:00:00Z of `YYYY-MM-DDTHH:MM:SSZ`.
pub fn seconds(text: &str) -> Option<u64> {
	u64::try_from(PrimitiveDateTime::parse(text, DATE_TIME).ok()?.assume_utc().unix_timestamp()).ok()
}

/// `secs` since 1970-01-01T00:00:00Z as `YYYY-MM-DDTHH:MM:SSZ`; after the year 9999, which
/// that form cannot write, its last second.
pub fn date_time(secs: u64) -> String {
	let at = OffsetDateTime::from_unix_timestamp(secs.min(LAST_SECOND) as i64).expect("a second up to the year 9999");
	at.format(DATE_TIME).expect("a date-time up to the year 9999 has this form")
}

/// 9999-12-31T23:59:59Z.
const LAST_SECOND: u64 = 253_402_300_799;

/// Seconds since 1970-01-01T00:00:00Z now, by this machine's clock.
pub fn now() -> u64 {
	std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Today, in days since 1970-01-01 (UTC, by this machine's clock): the chain's day numbers.
pub fn today() -> u32 {
	(now() / 86_400) as u32
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn days_and_dates_agree_both_ways() {
		assert_eq!(date(0), "1970-01-01");
		assert_eq!(date(19_601), "2023-09-01");
		assert_eq!(date(11_016), "2000-02-29");
		assert_eq!(day("2023-09-01T00:00:00Z"), Some(19_601));
		assert_eq!(day("2000-02-29"), Some(11_016));
		assert_eq!(day("2023-04-31T00:00:00Z"), None);
		assert_eq!(day("yesterday"), None);
		for d in [0, 59, 365, 20_000, 40_000] {
			assert_eq!(day(&date(d)), Some(d));
		}
	}

	#[test]
	fn date_times_and_seconds_agree_both_ways() {
		assert_eq!(date_time(0), "1970-01-01T00:00:00Z");
		assert_eq!(date_time(u64::MAX), "9999-12-31T23:59:59Z");
		assert_eq!(seconds("2026-12-02T10:11:12Z"), Some(1_796_206_272));
		for secs in [0, 86_399, 1_796_206_272] {
			assert_eq!(seconds(&date_time(secs)), Some(secs));
		}
		for bad in ["2026-12-02", "2026-12-02T10:11Z", "2026-12-02T24:00:00Z", "2026-12-02T10:11:12+01:00", "2026-12-02T1:1:12Z"] {
			assert_eq!(seconds(bad), None, "{bad}");
		}
	}
}
