//! Reading a block file made by `export-blocks` (JSON, or SCALE with `--binary`), and the
//! checks a block passes before it is imported: it is the next block, its parent is the block
//! before it, and its body is the one its header commits to.

use codec::{Decode, Encode};
use educhain_runtime::opaque::Block;
use sp_runtime::{
	generic::SignedBlock,
	traits::{Block as BlockT, Hash as HashT, HashingFor, Header as HeaderT},
};
use std::io::{BufReader, Read};

/// One block of the file.
pub type FileBlock = SignedBlock<Block>;

/// The blocks of a file, in order.
pub struct BlockFile {
	inner: Inner,
}

enum Inner {
	Binary { input: codec::IoReader<BufReader<std::fs::File>>, left: u64 },
	Json(serde_json::StreamDeserializer<'static, serde_json::de::IoRead<BufReader<std::fs::File>>, FileBlock>),
}

impl BlockFile {
	/// Open `path`: binary when it starts with the SCALE block count, JSON when with `{`.
	pub fn open(path: &std::path::Path) -> Result<BlockFile, String> {
		let open = || std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()));
		let mut first = [0u8; 1];
		// An empty file is what a failed export or redirection leaves: said so, not as an EOF.
		let read = open()?.read(&mut first).map_err(|e| format!("{}: {e}", path.display()))?;
		if read == 0 {
			return Err(format!("{}: the file is empty (`export-blocks` never writes an empty one)", path.display()));
		}
		let reader = BufReader::new(open()?);
		let inner = if first[0] == b'{' {
			Inner::Json(serde_json::Deserializer::from_reader(reader).into_iter())
		} else {
			let mut input = codec::IoReader(reader);
			let left = u64::decode(&mut input).map_err(|e| format!("{}: no block count: {e}", path.display()))?;
			Inner::Binary { input, left }
		};
		Ok(BlockFile { inner })
	}
}

impl Iterator for BlockFile {
	type Item = Result<FileBlock, String>;

	fn next(&mut self) -> Option<Self::Item> {
		match &mut self.inner {
			Inner::Binary { left: 0, .. } => None,
			Inner::Binary { input, left } => {
				*left -= 1;
				Some(FileBlock::decode(input).map_err(|e| format!("cannot be decoded: {e}")))
			},
			Inner::Json(stream) => stream.next().map(|r| r.map_err(|e| format!("cannot be decoded: {e}"))),
		}
	}
}

/// Why a block of the file is not the chain's next block, in words.
pub fn precheck(block: &FileBlock, expected: u32, parent: <Block as BlockT>::Hash) -> Result<(), String> {
	let header = block.block.header();
	let number = *header.number();
	if number > expected {
		return Err(format!("block #{expected} is missing: the file goes on with #{number}"));
	}
	if number < expected {
		return Err(format!("block #{number} comes again where #{expected} should be"));
	}
	if *header.parent_hash() != parent {
		return Err(format!("block #{number}'s parent is not the block #{} before it", number - 1));
	}
	let body: Vec<Vec<u8>> = block.block.extrinsics().iter().map(|x| x.encode()).collect();
	let root = HashingFor::<Block>::ordered_trie_root(body, educhain_runtime::VERSION.extrinsics_root_state_version());
	if root != *header.extrinsics_root() {
		return Err(format!("block #{number}'s extrinsics are not those its header commits to (altered)"));
	}
	Ok(())
}
