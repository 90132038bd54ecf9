//! The end-to-end tests, in one binary so that they can run a few at a time and `free_port`
//! hands out each port once across all of them. The harness runs tests in name order, so the
//! `shared` ones go first, three at once (`scripts/test.sh`), then the `solo` ones, one by one:
//! each test also holds [`educhain_e2e::together`] or [`educhain_e2e::alone`], which is what
//! keeps a solo test alone whatever the order.

/// The audit test's workload, which the upgrade and migration tests share too.
mod workload;

/// Tests that run beside others: each on a dev node of its own, or on no node.
mod shared {
	mod audit;
	mod bad_input;
	mod chain_specs;
	mod cli;
	mod coins;
	pub(crate) mod credentials;
	mod dev_node;
	mod fl_client;
	mod fl_ledger;
	mod forgeries;
	mod light_client;
	mod load_tool;
	mod node_cli;
	mod presentations;
	mod reproducible;
	mod rpc_docs;
	mod runtime_upgrade;
	mod signed_credentials;
	mod transcripts;
	mod walkthrough;
}

/// Tests that run alone: networks of nodes, and measurements of what one node serves.
mod solo {
	mod faults;
	mod hostile_rpc;
	mod keys;
	mod light_network;
	mod local_network;
	mod lost_transactions;
	mod migration;
	mod soak;
	mod registry;
	mod spam;
}
