//! The end-to-end tests, in one binary so that they can run a few at a time and `free_port`
//! hands out each port once across all of them. The harness runs tests in name order, five at
//! once (`scripts/test.sh`): the `network` ones first, since they are the longest, then the
//! `shared` ones beside them, then the `solo` ones, one by one. Each test also holds
//! [`educhain_e2e::together`] or [`educhain_e2e::alone`], which is what keeps a solo test alone
//! whatever the order.

/// The audit test's workload, which the upgrade and migration tests share too.
mod workload;

/// Tests that start a network of four or five nodes of their own (loopback, their own ports and
/// base paths) and run beside others: they assert what the network does, not how fast a node is.
mod network {
	mod faults;
	mod keys;
	mod light_network;
	mod local_network;
	mod migration;
	mod registry;
	mod soak;
}

/// Tests that run beside others: each on a dev node of its own, or on no node.
mod shared {
	pub(crate) mod audit;
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
	mod run_dev;
	mod runtime_upgrade;
	mod setup_script;
	mod signed_credentials;
	mod transcripts;
	mod walkthrough;
}

/// Tests that run alone: they load a node or a network to its limits, or measure what a node
/// serves and how fast.
mod solo {
	mod hostile_rpc;
	mod lost_transactions;
	mod spam;
}
