//! JSON Canonicalization Scheme (RFC 8785) for the documents educhain issues.
//!
//! Objects have their members sorted by the UTF-16 code units of their names, arrays keep their
//! order, there is no whitespace, and strings are escaped as ECMAScript's `JSON.stringify` does
//! (which is what serde_json does). Numbers must be integers: RFC 8785 formats other numbers as
//! ECMAScript does, and educhain documents never contain any, so a fraction or exponent is
//! refused rather than risk a wrong canonical form.

use serde_json::Value;

/// The canonical form of `value`, or why it has none here.
pub fn canonicalize(value: &Value) -> Result<String, String> {
	let mut out = String::new();
	write(value, &mut out)?;
	Ok(out)
}

fn write(value: &Value, out: &mut String) -> Result<(), String> {
	match value {
		Value::Null | Value::Bool(_) | Value::String(_) => {
			out.push_str(&serde_json::to_string(value).map_err(|e| e.to_string())?)
		},
		Value::Number(n) => {
			if n.is_i64() || n.is_u64() {
				out.push_str(&n.to_string());
			} else {
				return Err(format!("number {n} is not an integer; educhain documents use integers only"));
			}
		},
		Value::Array(items) => {
			out.push('[');
			for (i, item) in items.iter().enumerate() {
				if i > 0 {
					out.push(',');
				}
				write(item, out)?;
			}
			out.push(']');
		},
		Value::Object(members) => {
			let mut names: Vec<&String> = members.keys().collect();
			names.sort_by_key(|name| name.encode_utf16().collect::<Vec<u16>>());
			out.push('{');
			for (i, name) in names.into_iter().enumerate() {
				if i > 0 {
					out.push(',');
				}
				out.push_str(&serde_json::to_string(name).map_err(|e| e.to_string())?);
				out.push(':');
				write(&members[name], out)?;
			}
			out.push('}');
		},
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn members_are_sorted_and_whitespace_dropped() {
		let v: Value = serde_json::from_str(r#"{ "b": [1, {"z": null, "a": true}], "a": "x\n\u00e9" }"#).unwrap();
		assert_eq!(canonicalize(&v).unwrap(), "{\"a\":\"x\\né\",\"b\":[1,{\"a\":true,\"z\":null}]}");
	}

	#[test]
	fn names_sort_by_utf16_code_units() {
		// U+1F600 (surrogates D83D DE00) sorts before U+E000 in UTF-16, after it in UTF-8.
		let v: Value = serde_json::from_str("{\"\u{e000}\":1,\"\u{1f600}\":2}").unwrap();
		assert_eq!(canonicalize(&v).unwrap(), "{\"\u{1f600}\":2,\"\u{e000}\":1}");
	}

	#[test]
	fn fractions_are_refused() {
		let v: Value = serde_json::from_str(r#"{"a": 1.5}"#).unwrap();
		assert!(canonicalize(&v).unwrap_err().contains("not an integer"));
	}
}
