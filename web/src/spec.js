// The chain spec as the page's light client takes it: raw, with config.json's boot nodes added.
// The same rule and words as the Rust client's (client/src/light.rs, `with_boot_nodes`), so that a
// plain spec is refused with the command that makes the raw one, not in smoldot's words.

/** Why a chain spec without a raw genesis is refused (the Rust client's `PLAIN_SPEC`). */
export const PLAIN_SPEC = 'the chain spec is not raw (its genesis is not storage): give the raw one, ' +
  '`educhain-node build-spec --chain SPEC --raw > raw.json`';

/**
 * `chainSpec` (JSON text) with `bootNodes` (config.json's) added to its own, as JSON text; a plain
 * spec, or boot nodes that are not a list of addresses, are refused.
 */
export function withBootNodes(chainSpec, bootNodes) {
  let spec;
  try {
    spec = JSON.parse(chainSpec);
  } catch(e) {
    throw new Error(`the chain spec is not JSON: ${e.message}`);
  }
  if(spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new Error('the chain spec is not a JSON object');
  }
  const genesis = spec.genesis;
  const isObject = genesis !== null && typeof genesis === 'object' && !Array.isArray(genesis);
  if(!isObject || !('raw' in genesis || 'stateRootHash' in genesis)) {
    throw new Error(PLAIN_SPEC);
  }
  if(!Array.isArray(bootNodes) || !bootNodes.every(address => typeof address === 'string')) {
    throw new Error(`config.json: bootNodes ${JSON.stringify(bootNodes)}: not a list of addresses`);
  }
  const listed = spec.bootNodes ?? [];
  if(!Array.isArray(listed)) {
    throw new Error("the chain spec's bootNodes is not a list");
  }
  spec.bootNodes = [...listed, ...bootNodes];
  return JSON.stringify(spec);
}
