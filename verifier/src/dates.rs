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

/// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 UTC date-time to the second,
/// `YYYY-MM-DDTHH:MM:SSZ`, the form this project writes.
pub fn seconds(text: &str) -> Option<u64> {
	let days = day(text)?;
	let time = text.get(10..)?.strip_prefix('T')?.strip_suffix('Z')?;
	let parts: Vec<u64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
	match parts[..] {
		[h, m, s] if h < 24 && m < 60 && s < 60 && time.len() == 8 => Some(days * 86_400 + h * 3_600 + m * 60 + s),
		_ => None,
	}
}

/// `secs` since 1970-01-01T00:00:00Z as an RFC 3339 UTC date-time to the second.
pub fn date_time(secs: u64) -> String {
	let (day, rest) = (secs / 86_400, secs % 86_400);
	format!("{}T{:02}:{:02}:{:02}Z", date(day), rest / 3_600, rest / 60 % 60, rest % 60)
}

/// Seconds since 1970-01-01T00:00:00Z now, by this machine's clock.
pub fn now() -> u64 {
	std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
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
		assert_eq!(seconds("2026-12-02T10:11:12Z"), Some(1_796_206_272));
		for secs in [0, 86_399, 1_796_206_272] {
			assert_eq!(seconds(&date_time(secs)), Some(secs));
		}
		for bad in ["2026-12-02", "2026-12-02T10:11Z", "2026-12-02T24:00:00Z", "2026-12-02T10:11:12+01:00", "2026-12-02T1:1:12Z"] {
			assert_eq!(seconds(bad), None, "{bad}");
		}
	}
}
