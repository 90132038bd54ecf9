//! The verification page (`web/`) for a test: built into a directory of the test's own with the
//! network's chain spec and boot nodes beside it, served by `vite preview` on a free loopback
//! port, and checked in headless Chromium and Firefox by `web/test/page.test.mjs`.

use crate::{
	root,
	node::{free_port, run_bounded},
};
use std::{
	net::TcpStream,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// A served page; the server is killed on drop.
pub struct Page {
	/// Its URL.
	pub url: String,
	server: Child,
}

/// Vite, run by Node.js directly (not through npx), so that killing it kills the server.
fn vite(args: &[&str]) -> Command {
	let web = root().join("web");
	let mut cmd = Command::new("node");
	cmd.current_dir(&web).arg(web.join("node_modules/vite/bin/vite.js")).args(args);
	cmd
}

impl Page {
	/// Build the page into `dir` for the network of `chain_spec` (a raw spec file) with
	/// `boot_nodes` (WebSocket multiaddresses), its light client allowed
	/// [`crate::LIGHT_SYNC_LIMIT`] to sync, and serve it.
	pub fn serve(dir: &Path, chain_spec: &Path, boot_nodes: &[String]) -> Page {
		let dist = dir.display().to_string();
		let built = run_bounded(&mut vite(&["build", "--logLevel", "warn", "--emptyOutDir", "--outDir", &dist]), Duration::from_secs(180));
		assert!(built.status.success(), "the page builds: {}", String::from_utf8_lossy(&built.stderr));
		std::fs::copy(chain_spec, dir.join("chain-spec.json")).expect("the chain spec copied");
		let limit = crate::LIGHT_SYNC_LIMIT.as_secs();
		let config = serde_json::json!({ "chainSpec": "chain-spec.json", "bootNodes": boot_nodes, "syncLimitSeconds": limit });
		std::fs::write(dir.join("config.json"), config.to_string()).expect("config.json written");
		let port = free_port();
		let server = vite(&["preview", "--outDir", &dist, "--host", "127.0.0.1", "--port", &port.to_string(), "--strictPort"])
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.spawn()
			.expect("vite preview starts");
		let page = Page { url: format!("http://127.0.0.1:{port}/"), server };
		let deadline = Instant::now() + Duration::from_secs(30);
		while TcpStream::connect(("127.0.0.1", port)).is_err() {
			assert!(Instant::now() < deadline, "the page server did not listen within 30 s");
			std::thread::sleep(Duration::from_millis(100));
		}
		page
	}

	/// Run `web/test/page.test.mjs` on the cases in file `cases`, asserting that no request goes
	/// to `rpc_ports`; what it printed. Fails the test when a case fails.
	pub fn check(&self, cases: &Path, rpc_ports: &[u16]) -> String {
		let ports: Vec<String> = rpc_ports.iter().map(u16::to_string).collect();
		let web: PathBuf = root().join("web");
		let mut cmd = Command::new("node");
		cmd.current_dir(&web).arg("test/page.test.mjs").arg(&self.url).arg(ports.join(",")).arg(cases);
		let out = run_bounded(&mut cmd, Duration::from_secs(600));
		let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
		assert!(out.status.success(), "the page's checks failed:\n{said}");
		said
	}
}

/// Run one of the page's own Node.js tests, `web/test/<script>` (no chain; on stand-ins, or on
/// the page's modules in headless browsers), failing the test when it fails; how many cases it
/// passed (its `ok: ` lines) and what it printed.
pub fn node_test(script: &str) -> (usize, String) {
	let mut cmd = Command::new("node");
	cmd.current_dir(root().join("web")).arg(format!("test/{script}"));
	let out = run_bounded(&mut cmd, Duration::from_secs(60));
	let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
	assert!(out.status.success(), "web/test/{script} failed:\n{said}");
	(said.matches("ok: ").count(), said)
}

impl Drop for Page {
	fn drop(&mut self) {
		// A server that already exited needs no kill; either way it is reaped.
		if self.server.try_wait().ok().flatten().is_none() {
			self.server.kill().expect("the page server is stopped");
		}
		self.server.wait().expect("the page server is reaped");
	}
}
