//! `educhain-verify <document.json> [node url]`: checks a credential document against an
//! educhain node (default ws://127.0.0.1:9944) and prints each check. Exits 0 when valid, 1
//! when not valid, 2 when it could not check.

#[tokio::main]
async fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let Some(path) = args.first() else {
		eprintln!("usage: educhain-verify <document.json> [node url]");
		std::process::exit(2);
	};
	let url = args.get(1).map(String::as_str).unwrap_or("ws://127.0.0.1:9944");
	match educhain_verifier::verify_file(std::path::Path::new(path), url).await {
		Ok(report) => {
			println!("{report}");
			std::process::exit(if report.valid() { 0 } else { 1 });
		},
		Err(e) => {
			eprintln!("cannot verify: {e}");
			std::process::exit(2);
		},
	}
}
