//! The educhain node: `educhain-node-lib`, with the commit it was built from and, in a build with
//! the `runtime-wasm` feature, the runtime's WASM for the built-in `dev` and `local` specs.

fn main() -> std::process::ExitCode {
	#[cfg(feature = "runtime-wasm")]
	let runtime_wasm = educhain_runtime_wasm::WASM_BINARY;
	#[cfg(not(feature = "runtime-wasm"))]
	let runtime_wasm = None;
	educhain_node_lib::main(educhain_node_lib::Build {
		version: env!("SUBSTRATE_CLI_IMPL_VERSION"),
		description: env!("CARGO_PKG_DESCRIPTION"),
		runtime_wasm,
	})
}
