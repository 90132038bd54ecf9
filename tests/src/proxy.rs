//! A lying node: an HTTP JSON-RPC proxy in front of a real node that forwards every request and
//! rewrites the answers of the methods it is told to lie about. What a verifier that trusts its
//! server would be told by a compromised or malicious one.

use serde_json::Value;
use std::{
	io::{BufRead, BufReader, Read, Write},
	net::{TcpListener, TcpStream},
	sync::{
		atomic::{AtomicBool, AtomicUsize, Ordering},
		Arc,
	},
	thread::JoinHandle,
	time::Duration,
};

/// How an answer is altered: the method, and the answer's `result` to change in place.
pub type Lie = fn(method: &str, result: &mut Value);

/// A running proxy; stopped on drop.
pub struct LyingProxy {
	/// Where it listens, `host:port`.
	pub addr: String,
	/// How many answers it altered.
	pub lies: Arc<AtomicUsize>,
	stop: Arc<AtomicBool>,
	thread: Option<JoinHandle<()>>,
}

impl LyingProxy {
	/// Listen on a free loopback port and forward to the node's HTTP RPC at `node` (`host:port`).
	pub fn start(node: &str, lie: Lie) -> LyingProxy {
		let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
		listener.set_nonblocking(true).expect("non-blocking");
		let addr = listener.local_addr().expect("address").to_string();
		let (stop, lies) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
		let (node, stopped, count) = (node.to_string(), stop.clone(), lies.clone());
		let thread = std::thread::spawn(move || {
			while !stopped.load(Ordering::Relaxed) {
				match listener.accept() {
					Ok((stream, _)) => {
						let (node, count) = (node.clone(), count.clone());
						std::thread::spawn(move || serve(stream, &node, lie, &count));
					},
					Err(_) => std::thread::sleep(Duration::from_millis(20)),
				}
			}
		});
		LyingProxy { addr, lies, stop, thread: Some(thread) }
	}

	/// Its URL, for a client.
	pub fn url(&self) -> String {
		format!("http://{}", self.addr)
	}
}

impl Drop for LyingProxy {
	fn drop(&mut self) {
		self.stop.store(true, Ordering::Relaxed);
		if let Some(thread) = self.thread.take() {
			// The accept loop ends within one poll; a panic there already failed the test.
			thread.join().expect("the proxy's accept loop ends");
		}
	}
}

/// Answer one connection's requests, one at a time, until the client closes it.
fn serve(stream: TcpStream, node: &str, lie: Lie, count: &AtomicUsize) {
	stream.set_nonblocking(false).expect("blocking");
	let mut reader = BufReader::new(stream.try_clone().expect("clone"));
	let mut stream = stream;
	while let Some(body) = read_request(&mut reader) {
		let mut answer = match crate::http::post(node, &body) {
			Ok(response) => response.json(),
			Err(_) => return,
		};
		let method = serde_json::from_slice::<Value>(&body).ok().and_then(|r| r["method"].as_str().map(String::from));
		if let (Some(method), Some(result)) = (method, answer.get_mut("result")) {
			let before = result.clone();
			lie(&method, result);
			if *result != before {
				count.fetch_add(1, Ordering::Relaxed);
			}
		}
		let body = answer.to_string();
		let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len());
		if stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body.as_bytes())).is_err() {
			return;
		}
	}
}

/// The body of the next request on the connection, or `None` when it is closed.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Vec<u8>> {
	let mut length = 0;
	loop {
		let mut line = String::new();
		if reader.read_line(&mut line).ok()? == 0 {
			return None;
		}
		let line = line.trim_end();
		if line.is_empty() {
			break;
		}
		if let Some((name, value)) = line.split_once(':') {
			if name.eq_ignore_ascii_case("content-length") {
				length = value.trim().parse().ok()?;
			}
		}
	}
	let mut body = vec![0; length];
	reader.read_exact(&mut body).ok()?;
	Some(body)
}
