//! Raw HTTP/1.1 requests to a node's RPC port, for what a well-behaved client library will not
//! send: malformed JSON, oversized bodies, foreign origins. Blocking, so that it also works from
//! a thread inside another network namespace.

use std::{
	io::{Read, Write},
	net::TcpStream,
	time::Duration,
};

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
	/// The status code.
	pub status: u16,
	/// The header lines, lower-cased.
	pub headers: Vec<String>,
	/// The body, as text.
	pub body: String,
}

impl Response {
	/// The value of header `name` (lower case), if present.
	pub fn header(&self, name: &str) -> Option<&str> {
		self.headers.iter().find_map(|h| h.strip_prefix(name)?.strip_prefix(':').map(str::trim))
	}

	/// The body as JSON.
	pub fn json(&self) -> serde_json::Value {
		serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {self:?}"))
	}
}

/// Send `method` to `addr` (`host:port`) with `headers` and `body`, and read the whole response.
/// A server that answers before the body is sent (as for an oversized one) is fine: write errors
/// are ignored and the answer is read.
pub fn request(addr: &str, method: &str, headers: &[(&str, &str)], body: &[u8]) -> std::io::Result<Response> {
	let mut stream = TcpStream::connect(addr)?;
	stream.set_read_timeout(Some(Duration::from_secs(90)))?;
	stream.set_write_timeout(Some(Duration::from_secs(30)))?;
	let mut head = format!(
		"{method} / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
		body.len()
	);
	for (name, value) in headers {
		head.push_str(&format!("{name}: {value}\r\n"));
	}
	head.push_str("\r\n");
	stream.write_all(head.as_bytes())?;
	let _ = stream.write_all(body);
	let mut raw = Vec::new();
	let read = stream.read_to_end(&mut raw);
	if raw.is_empty() {
		read?;
	}
	parse(&raw)
}

/// POST a JSON-RPC body.
pub fn post(addr: &str, body: &[u8]) -> std::io::Result<Response> {
	request(addr, "POST", &[], body)
}

/// Call `method` with `params` over HTTP; the JSON-RPC response.
pub fn call(addr: &str, method: &str, params: serde_json::Value) -> serde_json::Value {
	let body = serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
	post(addr, body.to_string().as_bytes()).expect("the node answers").json()
}

fn parse(raw: &[u8]) -> std::io::Result<Response> {
	let text = String::from_utf8_lossy(raw);
	let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not an HTTP response: {text:?}"));
	let (head, body) = text.split_once("\r\n\r\n").ok_or_else(bad)?;
	let mut lines = head.lines();
	let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).ok_or_else(bad)?;
	let headers: Vec<String> = lines.map(str::to_ascii_lowercase).collect();
	let chunked = headers.iter().any(|h| h.starts_with("transfer-encoding:") && h.contains("chunked"));
	let body = if chunked { unchunk(body) } else { body.to_string() };
	Ok(Response { status, headers, body })
}

/// Decode a chunked body.
fn unchunk(mut body: &str) -> String {
	let mut out = String::new();
	while let Some((size, rest)) = body.split_once("\r\n") {
		let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
		if size == 0 || rest.len() < size {
			break;
		}
		out.push_str(&rest[..size]);
		body = rest[size..].trim_start_matches("\r\n");
	}
	out
}
