//! Imports from CSV files: every row is parsed first, so a bad row stops the import before
//! anything is sent. The rows then go out in chunks no larger than the runtime's batch limit,
//! all handed to the pool at once, and each chunk is reported on stderr as it lands.

use crate::context::{Ctx, Error, Output};
use educhain_runtime::RuntimeCall;
use serde_json::{json, Value};
use std::path::Path;

/// One data row of a CSV file: its line number (for messages) and its fields.
pub struct Row {
	pub line: usize,
	pub fields: Vec<String>,
}

impl Row {
	/// Field `i`, parsed by `parse`; an error names the file, line and column.
	pub fn get<T>(&self, path: &Path, columns: &[&str], i: usize, parse: impl Fn(&str) -> Result<T, String>) -> Result<T, String> {
		parse(&self.fields[i]).map_err(|e| format!("{}:{}: {}: {e}", path.display(), self.line, columns[i]))
	}
}

/// The rows of the CSV file at `path`, whose first line must be exactly `columns`. Fields are
/// separated by commas and trimmed; none of educhain's fields (accounts, numbers, hex digests,
/// file names without commas) need quoting. Blank lines and lines starting with `#` are skipped.
pub fn read(path: &Path, columns: &[&str]) -> Result<Vec<Row>, String> {
	let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
	rows(path, &text, columns)
}

/// The rows of `text`, the contents of the CSV file at `path`, as [`read`] takes them.
fn rows(path: &Path, text: &str, columns: &[&str]) -> Result<Vec<Row>, String> {
	// A spreadsheet's "CSV UTF-8" starts with a byte order mark, which is not part of the header.
	let text = text.strip_prefix('\u{feff}').unwrap_or(text);
	let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
	let header: Vec<&str> = lines.next().map(|(_, l)| l.split(',').map(str::trim).collect()).unwrap_or_default();
	if header != columns {
		return Err(format!("{}: the first line must be the header {}", path.display(), columns.join(",")));
	}
	let rows: Vec<Row> = lines
		.map(|(line, l)| {
			let fields: Vec<String> = l.split(',').map(|f| f.trim().to_string()).collect();
			if fields.len() == columns.len() {
				Ok(Row { line, fields })
			} else {
				Err(format!("{}:{line}: {} fields, expected {}", path.display(), fields.len(), columns.len()))
			}
		})
		.collect::<Result<_, _>>()?;
	if rows.is_empty() {
		return Err(format!("{}: no rows", path.display()));
	}
	Ok(rows)
}

/// Send `items` (one per row of `rows`) in chunks of at most `limit`, each chunk as the call
/// `call(chunk)`. Succeeds when every chunk landed; otherwise the output says which did.
pub async fn send<I: Clone>(
	ctx: &Ctx<'_>,
	what: &str,
	rows: &[Row],
	items: Vec<I>,
	limit: usize,
	call: impl Fn(Vec<I>) -> Result<RuntimeCall, String>,
) -> Result<Output, Error> {
	let (client, signer) = (&ctx.client, ctx.signer()?);
	let limit = limit.max(1);
	let total = items.len();
	let context = client.signing_context().await?;
	let first = client.next_nonce(&signer.account()).await?;
	let mut signed = Vec::new();
	for (i, chunk) in items.chunks(limit).enumerate() {
		signed.push(client.sign(call(chunk.to_vec())?, &signer, first + i as u32, context));
	}
	// Hand every chunk to the pool first: they then share blocks instead of waiting in turn.
	let mut pending = Vec::new();
	for xt in &signed {
		let sent = client.send(xt).await;
		let stop = sent.is_err();
		pending.push(sent);
		if stop {
			break;
		}
	}
	let mut reports = Vec::new();
	let mut landed = 0;
	let sent_chunks = pending.len();
	for (i, sent) in pending.into_iter().enumerate() {
		let (first, last) = (i * limit, ((i + 1) * limit).min(total) - 1);
		let lines = format!("{}-{}", rows[first].line, rows[last].line);
		let outcome = match sent {
			Ok(watch) => watch.landed(ctx.wait()).await,
			Err(e) => Err(e),
		};
		match outcome {
			Ok(l) => {
				landed += last + 1 - first;
				eprintln!("{what}: {landed}/{total} rows; lines {lines} in block {:?}", l.block);
				reports.push(json!({"lines": lines, "ok": true, "block": format!("{:?}", l.block)}));
			},
			Err(e) => {
				eprintln!("{what}: lines {lines} failed: {e}");
				let (error, docs) = match e.failure() {
					Some(f) => (f.error.clone(), f.docs.clone()),
					None => (e.to_string(), String::new()),
				};
				reports.push(json!({"lines": lines, "ok": false, "error": error, "docs": docs}));
			},
		}
	}
	if sent_chunks * limit < total {
		let lines = format!("{}-{}", rows[sent_chunks * limit].line, rows[total - 1].line);
		eprintln!("{what}: lines {lines} not sent");
		reports.push(json!({"lines": lines, "ok": false, "error": "not sent"}));
	}
	let json: Value = json!({"ok": landed == total, "rows": total, "landed": landed, "batches": reports});
	let human = format!("{what}: {landed} of {total} rows landed in {} batch(es)", json["batches"].as_array().map_or(0, Vec::len));
	let output = Output { json, human };
	if landed == total {
		Ok(output)
	} else {
		Err(Error::Partial(output))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const COLUMNS: [&str; 2] = ["learner", "value"];

	fn parsed(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
		Ok(rows(Path::new("grades.csv"), text, &COLUMNS)?.into_iter().map(|r| (r.line, r.fields)).collect())
	}

	#[test]
	fn a_spreadsheet_export_reads_as_its_rows() {
		let row = |line, learner: &str, value: &str| (line, vec![learner.to_string(), value.to_string()]);
		let wanted = Ok(vec![row(3, "5Eve", "80"), row(5, "5Ferdie", "71")]);
		assert_eq!(parsed("learner,value\n# Eve\n5Eve, 80\n\n5Ferdie,71\n"), wanted);
		assert_eq!(parsed("\u{feff}learner,value\r\n\r\n5Eve,80\r\n\r\n5Ferdie,71\r\n"), wanted, "with a byte order mark and CRLF");
	}

	#[test]
	fn a_file_that_is_not_the_table_is_refused_by_line() {
		assert_eq!(parsed("value,learner\n5Eve,80\n"), Err("grades.csv: the first line must be the header learner,value".into()));
		assert_eq!(parsed("learner,value\n5Eve,80,x\n"), Err("grades.csv:2: 3 fields, expected 2".into()));
		assert_eq!(parsed("learner,value\n# none yet\n"), Err("grades.csv: no rows".into()));
		assert_eq!(parsed(""), Err("grades.csv: the first line must be the header learner,value".into()));
	}
}
