//! Days since 1970-01-01, as the chain counts them, and the calendar dates documents write.

/// The proleptic Gregorian date of `days` since 1970-01-01, as `YYYY-MM-DD`.
pub fn date(days: u64) -> String {
	// Shift the epoch to 0000-03-01 so that leap days end each 400-year era's years.
	let z = days as i64 + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z.rem_euclid(146_097);
	let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let day = doy - (153 * mp + 2) / 5 + 1;
	let month = if mp < 10 { mp + 3 } else { mp - 9 };
	let year = yoe + era * 400 + i64::from(month <= 2);
	format!("{year:04}-{month:02}-{day:02}")
}

/// The day (since 1970-01-01) of an RFC 3339 date-time's date part, `YYYY-MM-DD…`.
pub fn day(text: &str) -> Option<u64> {
	let (y, m, d) = (text.get(0..4)?, text.get(5..7)?, text.get(8..10)?);
	if text.get(4..5) != Some("-") || text.get(7..8) != Some("-") {
		return None;
	}
	let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
	if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
		return None;
	}
	let y = if m <= 2 { y - 1 } else { y };
	let era = y.div_euclid(400);
	let yoe = y.rem_euclid(400);
	let mp = if m > 2 { m - 3 } else { m + 9 };
	let doy = (153 * mp + 2) / 5 + d - 1;
	let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	let days = era * 146_097 + doe - 719_468;
	// Reject dates that do not exist (31 April) by going back again.
	(days >= 0 && date(days as u64) == text[0..10]).then_some(days as u64)
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
}
