//! Starting and stopping node processes.

use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::Duration,
};

/// The `educhain-node` binary: `$EDUCHAIN_NODE`, or the one built beside this test binary.
pub fn node_binary() -> PathBuf {
	if let Ok(path) = std::env::var("EDUCHAIN_NODE") {
		return PathBuf::from(path);
	}
	workspace_binary("educhain-node")
}

/// The workspace binary `name` built beside this binary: a test's
/// (`target/<profile>/deps/<test>`) or another workspace binary's (`target/<profile>/<bin>`).
pub fn workspace_binary(name: &str) -> PathBuf {
	let exe = std::env::current_exe().expect("own binary path");
	let dir = exe.parent().expect("target dir");
	let dir = if dir.ends_with("deps") { dir.parent().expect("profile dir") } else { dir };
	let path = dir.join(name);
	assert!(
		path.exists(),
		"{} does not exist: build the workspace's binaries first (scripts/test.sh does)",
		path.display()
	);
	path
}

/// Run `cmd` to completion with its output captured, killing it and failing if it takes longer
/// than `limit`.
pub fn run_bounded(cmd: &mut Command, limit: Duration) -> std::process::Output {
	let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the command starts");
	let (stdout, stderr) = (drain(child.stdout.take()), drain(child.stderr.take()));
	let deadline = std::time::Instant::now() + limit;
	let status = loop {
		if let Some(status) = child.try_wait().expect("waiting for the command") {
			break status;
		}
		if std::time::Instant::now() > deadline {
			let _ = child.kill();
			let _ = child.wait();
			panic!("{cmd:?} took longer than {limit:?}");
		}
		std::thread::sleep(Duration::from_millis(50));
	};
	std::process::Output { status, stdout: stdout.join().expect("stdout"), stderr: stderr.join().expect("stderr") }
}

/// Read all of `pipe` on a thread of its own, so that a full pipe never stalls the process.
fn drain<R: std::io::Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<Vec<u8>> {
	std::thread::spawn(move || {
		let mut bytes = Vec::new();
		if let Some(mut pipe) = pipe {
			pipe.read_to_end(&mut bytes).expect("the command's output is read");
		}
		bytes
	})
}

/// The dev chain's raw chain spec, written once per test process beside the node binary: what a
/// light client of a `--dev` node starts from.
pub fn dev_spec() -> PathBuf {
	static SPEC: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
	SPEC.get_or_init(|| {
		let mut cmd = Command::new(node_binary());
		let out = run_bounded(cmd.args(["build-spec", "--dev", "--raw"]), Duration::from_secs(120));
		assert!(out.status.success(), "build-spec --dev --raw: {}", String::from_utf8_lossy(&out.stderr));
		// Written whole, so that a test process running at the same time never reads half a file.
		let path = node_binary().with_file_name("dev-raw.json");
		educhain_client::files::write_whole(&path, &out.stdout).expect("write the dev chain spec");
		path
	})
	.clone()
}

/// A free TCP port on 127.0.0.1, never one this process has handed out before: the OS may offer
/// a port just released again, and a node given the same port twice would lose one of them.
pub fn free_port() -> u16 {
	use std::{collections::HashSet, sync::Mutex};
	static GIVEN: Mutex<Option<HashSet<u16>>> = Mutex::new(None);
	let mut given = GIVEN.lock().expect("not poisoned");
	let given = given.get_or_insert_with(HashSet::new);
	loop {
		let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("bind").port();
		if given.insert(port) {
			return port;
		}
	}
}

/// How a node is started; the default is a single dev node.
#[derive(Clone, Debug, Default)]
pub struct NodeConfig {
	/// `--chain`, or `--dev` when `None`.
	pub chain: Option<String>,
	/// Dev key name for `--alice`, `--bob`, … (an authority), if any.
	pub key: Option<&'static str>,
	/// The libp2p node key, hex; nodes of a network get fixed ones so peer ids are stable.
	pub node_key: Option<String>,
	/// Multiaddrs of peers to connect to.
	pub bootnodes: Vec<String>,
	/// Extra command-line arguments.
	pub extra: Vec<String>,
	/// The node binary, when not [`node_binary`].
	pub binary: Option<PathBuf>,
}

impl NodeConfig {
	/// A single dev node.
	pub fn dev() -> Self {
		Self::default()
	}
}

/// A running node. Killed on drop; its base path lives as long as the `Node`'s `dir`.
pub struct Node {
	/// How it was started.
	pub config: NodeConfig,
	/// The JSON-RPC port (WebSocket and HTTP).
	pub rpc_port: u16,
	/// The libp2p TCP listen port.
	pub p2p_port: u16,
	/// The libp2p WebSocket listen port (for browsers' light clients).
	pub ws_port: u16,
	/// The Prometheus metrics port.
	pub prometheus_port: u16,
	/// Its chain and keystore.
	pub base_path: PathBuf,
	/// Its output, across restarts.
	pub log_path: PathBuf,
	/// Where the current run's output starts in the log (the log is kept across restarts).
	log_start: usize,
	child: Option<Child>,
}

impl Node {
	/// Start a node with fresh ports, keeping its chain in `base_path`.
	pub fn start(config: NodeConfig, base_path: &Path) -> Node {
		let mut node = Node {
			config,
			rpc_port: free_port(),
			p2p_port: free_port(),
			ws_port: free_port(),
			prometheus_port: free_port(),
			base_path: base_path.to_path_buf(),
			log_path: base_path.join("node.log"),
			log_start: 0,
			child: None,
		};
		node.spawn();
		node
	}

	fn spawn(&mut self) {
		std::fs::create_dir_all(&self.base_path).expect("base path");
		let log = std::fs::OpenOptions::new()
			.create(true)
			.append(true)
			.open(&self.log_path)
			.expect("log file");
		self.log_start = log.metadata().map_or(0, |m| m.len() as usize);
		let mut cmd = Command::new(self.config.binary.clone().unwrap_or_else(node_binary));
		match &self.config.chain {
			None => cmd.arg("--dev"),
			Some(chain) => cmd.args(["--chain", chain]),
		};
		if let Some(key) = self.config.key {
			cmd.arg(format!("--{key}"));
		}
		if let Some(node_key) = &self.config.node_key {
			cmd.args(["--node-key", node_key]);
		}
		for b in &self.config.bootnodes {
			cmd.args(["--bootnodes", b]);
		}
		cmd.arg("--base-path")
			.arg(&self.base_path)
			.args(["--rpc-port", &self.rpc_port.to_string()])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{}", self.p2p_port)])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{}/ws", self.ws_port)])
			.args(["--prometheus-port", &self.prometheus_port.to_string()])
			.args(["--no-mdns", "--no-telemetry"])
			.args(&self.config.extra)
			.stdin(Stdio::null())
			.stdout(log.try_clone().expect("log"))
			.stderr(log);
		self.child = Some(cmd.spawn().expect("start educhain-node"));
	}

	/// Start a dev node in `base_path` and wait until it has produced block 1: the state every
	/// single-node scenario starts from.
	pub async fn dev(base_path: &Path) -> (Node, crate::rpc::Rpc) {
		let node = Node::start(NodeConfig::dev(), base_path);
		let rpc = node.rpc().await;
		rpc.wait_for_block(1, Duration::from_secs(60)).await;
		(node, rpc)
	}

	/// Connect to the node's RPC, failing with the node's log if it does not answer in time.
	pub async fn rpc(&self) -> crate::rpc::Rpc {
		let deadline = std::time::Instant::now() + Duration::from_secs(90);
		// Wait until the server says where it listens (see `listening_port`).
		while self.listening_port().is_none() && std::time::Instant::now() < deadline {
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
		let left = deadline.saturating_duration_since(std::time::Instant::now());
		match crate::rpc::Rpc::try_connect(&self.rpc_url(), left.max(Duration::from_secs(5))).await {
			Some(rpc) => rpc,
			None => panic!(
				"node at {} did not answer RPC; its log ends with:\n{}",
				self.rpc_url(),
				self.log_tail(30)
			),
		}
	}

	/// The port the current run's JSON-RPC server listens on, from its log. The node silently
	/// takes a random port when the one asked for is taken, so the asked-for port can be wrong.
	fn listening_port(&self) -> Option<u16> {
		let log = std::fs::read(&self.log_path).ok()?;
		let run = String::from_utf8_lossy(log.get(self.log_start..)?).into_owned();
		let line = run.lines().find(|l| l.contains("Running JSON-RPC server: addr="))?;
		let first = line.split("addr=").nth(1)?.split(',').next()?.trim();
		first.rsplit(':').next()?.parse().ok()
	}

	/// The node's RPC endpoint.
	pub fn rpc_url(&self) -> String {
		format!("ws://{}", self.rpc_host())
	}

	/// The node's RPC `host:port`, for raw HTTP.
	pub fn rpc_host(&self) -> String {
		format!("127.0.0.1:{}", self.listening_port().unwrap_or(self.rpc_port))
	}

	/// Wait, blocking, until the RPC server listens; its `host:port`. For threads that must not
	/// use the async runtime (see `http`).
	pub fn wait_listening(&self, limit: Duration) -> String {
		let deadline = std::time::Instant::now() + limit;
		while self.listening_port().is_none() {
			assert!(std::time::Instant::now() < deadline, "no RPC server after {limit:?}:\n{}", self.log_tail(30));
			std::thread::sleep(Duration::from_millis(100));
		}
		self.rpc_host()
	}

	/// This node's address for other nodes' `--bootnodes`.
	pub fn multiaddr(&self, peer_id: &str) -> String {
		format!("/ip4/127.0.0.1/tcp/{}/p2p/{peer_id}", self.p2p_port)
	}

	/// Stop the node with SIGTERM, waiting up to 20 s before SIGKILL.
	pub fn stop(&mut self) {
		let Some(child) = self.child.as_mut() else { return };
		// SAFETY: sends a signal to a child process this struct owns and has not reaped.
		unsafe {
			libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
		}
		for _ in 0..200 {
			if let Ok(Some(_)) = child.try_wait() {
				self.child = None;
				return;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		self.kill();
	}

	/// Kill the node with SIGKILL: no shutdown at all, as in a power cut.
	pub fn kill(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// Start the node again on the same base path and ports (stopping it first if it runs).
	pub fn restart(&mut self) {
		self.stop();
		self.spawn();
	}

	/// The process id of the current run (0 when stopped).
	pub fn pid(&self) -> u32 {
		self.child.as_ref().map_or(0, Child::id)
	}

	/// Whether the process is still running.
	pub fn is_running(&mut self) -> bool {
		matches!(self.child.as_mut().map(|c| c.try_wait()), Some(Ok(None)))
	}

	/// The last `lines` lines of the node's log, for failure messages.
	pub fn log_tail(&self, lines: usize) -> String {
		let text = std::fs::read_to_string(&self.log_path).unwrap_or_default();
		let all: Vec<&str> = text.lines().collect();
		all[all.len().saturating_sub(lines)..].join("\n")
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.kill();
	}
}
