// The page: start the light client from the network's chain spec (config.json names it and the
// nodes' WebSocket p2p addresses), take a credential file (picked, dropped, or carried in the
// link's #credential= fragment, which never reaches a server), and show each check in words.
import {LightChain, TrustedNode} from './chain.js';
import {heldBy, verifyDocument, verifyPresentation, verifyWithReceipt} from './verify.js';
import {genesisSet} from './receipt.js';
import {DID_PREFIX} from './document.js';
import {Challenges, dateTime, now} from './challenges.js';
import {isPresentation} from './presentation.js';
import {SYNC_LIMIT_SECONDS, syncLimitMs} from './catchup.js';
import {fetchText, parseConfig} from './spec.js';

const $ = id => document.getElementById(id);
// How long the light client may take to sync: config.json's syncLimitSeconds, once read.
let syncLimit = SYNC_LIMIT_SECONDS * 1000;
let chain = null;
let ready = null;
// The light client, started (not necessarily synced): it computes the spec's genesis hash offline.
let light = null;
let chainSpec = null;
// The chain spec's genesis hash, as the light client computed it (once).
let genesisHash = null;

/** The words a check is shown under. */
const LABELS = {
  integrity: 'The document is the one issued', format: 'Format', issuer: 'Issuer', holder: 'Holder',
  kind: 'Kind of credential', program: 'Program it attests', course: 'Course it attests',
  enrolment: 'Enrolment', dates: 'Date of issue', status: 'Status', credentialStatus: 'Status pointer',
  proof: 'Signature', linkage: 'Transcript behind it',
  signature: "Holder's signature", challenge: 'Challenge', replay: 'Replay', audience: 'Audience',
  expiry: 'Expiry', grade: 'Grade record',
};
// How long a learner has to answer a challenge, in seconds (educhain-verify's default).
const CHALLENGE_LIFETIME = 600;

function element(tag, text, className) {
  const e = document.createElement(tag);
  if(text !== undefined) {
    e.textContent = text;
  }
  if(className) {
    e.className = className;
  }
  return e;
}

function trustWords(basis) {
  const {trust} = basis;
  if(trust.light) {
    return 'finalized, verified by light client';
  }
  if(trust.node) {
    return `finalized, trusting ${trust.node}`;
  }
  const from = trust.checkpoint === null ? "the chain spec's genesis set" : `checkpoint set ${trust.checkpoint}, which you trust`;
  return `finalized by authority set ${trust.receipt} (proven from ${from}), verified offline from a receipt`;
}
const basisWords = basis => `block #${basis.number} (${basis.hash}), ${trustWords(basis)}`;

async function connect(make) {
  $('chain-state').textContent = 'Connecting…';
  const reader = await make();
  chain = reader;
  await reader.synced(syncLimit);
  // Another reader chosen meanwhile (a trusted server) stays the one in use.
  if(chain !== reader) {
    return;
  }
  const head = await reader.finalized();
  $('chain-state').textContent = `Ready: the latest finalized block is #${head.number} (${head.hash}), ${trustWords({trust: chain.trust})}.`;
  $('chain-state').dataset.ready = 'true';
}

/** Where this browser keeps the light client's finalized state between visits. */
const databaseKey = () => `educhain-light-db:${JSON.parse(chainSpec).id}`;

/** The state saved at an earlier visit, or '' (none, or storage is not available). */
function savedDatabase() {
  try {
    return localStorage.getItem(databaseKey()) ?? '';
  } catch(e) {
    console.warn(`no saved light-client state: ${e.message}`);
    return '';
  }
}

/** Save the light client's finalized state, so that the next visit syncs from here. */
async function saveDatabase(started) {
  try {
    localStorage.setItem(databaseKey(), await started.database());
  } catch(e) {
    // Only the next visit's speed depends on it.
    console.warn(`the light client's state was not saved: ${e.message}`);
  }
}

function startLight() {
  light = (async () => {
    const config = parseConfig(await fetchText('config.json', 'config.json'));
    syncLimit = syncLimitMs(config);
    chainSpec = await fetchText(config.chainSpec, 'the chain spec');
    return LightChain.start(chainSpec, config.bootNodes ?? [], savedDatabase());
  })();
  ready = light.then(started => connect(() => started).then(() => saveDatabase(started))).catch(e => {
    $('chain-state').textContent = `The light client could not start: ${e.message}`;
    throw e;
  });
}

/** The checks as a list, each marked PASS or FAIL in words. */
function checkList(checks) {
  const list = element('ul', undefined, 'checks');
  for(const check of checks) {
    const item = element('li');
    item.append(element('span', check.passed ? 'PASS' : 'FAIL', 'mark'), element('strong', `${LABELS[check.name] ?? check.name}: `),
      element('span', check.detail, 'detail'));
    item.dataset.check = check.name;
    item.dataset.passed = String(check.passed);
    list.append(item);
  }
  return list;
}

function verdict(valid, attested) {
  return element('p', valid ? `VALID: every claim listed below is attested by ${attested}.` :
    'NOT VALID: see the checks marked FAIL.', `verdict ${valid ? 'valid' : 'invalid'}`);
}

function render(report) {
  const out = $('result');
  out.replaceChildren(element('h3', 'Result', undefined));
  out.append(verdict(report.valid, 'the chain or by the issuer\'s signature'));
  out.append(element('p', `Checked against ${basisWords(report.basis)}. Credential id ${report.id}.`, 'basis'));
  credentialDetails(out, report);
}

/** A credential's checks, its issuer's status and what the chain does not attest. */
function credentialDetails(out, report) {
  if(report.issuerStatus) {
    out.append(element('p', `The issuer's registry status now: ${report.issuerStatus}.`, 'basis'));
  }
  out.append(checkList(report.checks));
  if(report.unattested.length > 0) {
    const title = report.signed ? 'Attested by the issuer\'s signature only (the chain does not hold these):' :
      'Stated by the document only (not verified):';
    const more = element('ul', undefined, 'unattested');
    report.unattested.forEach(line => more.append(element('li', line)));
    out.append(element('p', title, 'unattested'), more);
  }
}

/** A presentation's report: its own checks, then each credential's. */
function renderPresentation(report) {
  const out = $('result');
  out.replaceChildren(element('h3', 'Result', undefined));
  out.append(verdict(report.valid, 'the chain, by its issuer\'s signature, or by the holder\'s'));
  out.append(element('p', `A presentation, checked against ${basisWords(report.basis)}.`, 'basis'));
  out.append(element('h4', 'The holder\'s consent, and what they hold'), checkList(report.checks));
  for(const credential of report.credentials) {
    out.append(element('h4', `Credential ${credential.id}: ${credential.valid ? 'VALID' : 'NOT VALID'}`));
    credentialDetails(out, credential);
  }
}

async function check(text, name) {
  const out = $('result');
  out.replaceChildren(element('p', 'Checking…'));
  // Which file the result shown is for (a test waits on it).
  out.dataset.for = name;
  let document;
  try {
    document = JSON.parse(text);
  } catch(e) {
    out.replaceChildren(element('p', `This file is not a credential: it is not JSON (${e.message}).`, 'verdict invalid'));
    return;
  }
  const receipt = $('receipt').files[0];
  try {
    if(isPresentation(document)) {
      await ready;
      renderPresentation(await verifyPresentation(chain, document, await Challenges.open(), now()));
    } else if(receipt) {
      render(await withReceipt(document, receipt));
    } else {
      await ready;
      render(await verifyDocument(chain, document));
    }
  } catch(e) {
    out.replaceChildren(element('p', `Could not verify${receipt ? ' the receipt' : ''}: ${e.message}`, 'verdict invalid'));
  }
}

/** Offline: the receipt's proofs from the chain spec's genesis set, or from a checkpoint. */
async function withReceipt(document, file) {
  const receipt = JSON.parse(await file.text());
  genesisHash ??= light.then(started => started.genesis());
  const genesis = await genesisHash;
  const checkpointFile = $('checkpoint').files[0];
  const checkpoint = checkpointFile ? JSON.parse(await checkpointFile.text()) : null;
  const pin = checkpoint ? {id: checkpoint.setId, authorities: checkpoint.authorities} : genesisSet(chainSpec);
  return verifyWithReceipt(document, receipt, genesis, pin, checkpoint !== null);
}

async function listHeld(input) {
  const out = $('held');
  const holder = input.trim().startsWith(DID_PREFIX) ? input.trim().slice(DID_PREFIX.length) : input.trim();
  out.replaceChildren(element('p', 'Reading…'));
  out.dataset.for = input.trim();
  try {
    await ready;
    const {basis, credentials} = await heldBy(chain, holder);
    out.replaceChildren(element('p', `${credentials.length} credential(s) at ${basisWords(basis)}.`, 'basis'));
    const list = element('ul', undefined, 'checks');
    for(const c of credentials) {
      const status = c.status.state === 'valid' ? 'valid' : `revoked at block ${c.status.block}, reason ${c.status.reason}`;
      list.append(element('li', `${c.kind} ${c.id}, issued by ${c.issuer} at block ${c.issuedAt}: ${status}`));
    }
    out.append(list);
  } catch(e) {
    out.replaceChildren(element('p', `Could not list: ${e.message}`));
  }
}

$('file').addEventListener('change', async event => {
  const file = event.target.files[0];
  if(file) {
    await check(await file.text(), file.name);
  }
});
const drop = $('drop');
drop.addEventListener('dragover', event => { event.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', async event => {
  event.preventDefault();
  drop.classList.remove('over');
  const file = event.dataTransfer.files[0];
  if(file) {
    await check(await file.text(), file.name);
  }
});
$('use-rpc').addEventListener('click', () => {
  const url = $('rpc-url').value.trim();
  if(url) {
    ready = connect(() => new TrustedNode(url)).catch(e => { $('chain-state').textContent = `${url}: ${e.message}`; });
  }
});
/** Issue a challenge for the domain typed, and show what the learner needs to answer it. */
async function ask() {
  const out = $('request');
  try {
    const request = await (await Challenges.open()).issue($('domain').value.trim(), CHALLENGE_LIFETIME, now());
    out.replaceChildren(
      element('p', `Challenge ${request.challenge} for ${request.domain}, open until ${dateTime(request.until)}. Send both to the learner, who answers with:`),
      element('pre', `educhain-cli present --secret … --institution … --challenge ${request.challenge} --domain ${request.domain} --credential … --out presentation.json`));
    Object.assign(out.dataset, request);
  } catch(e) {
    // A refused domain, or a browser that cannot keep the challenge: either way, why.
    out.replaceChildren(element('p', `No challenge: ${e.message}.`));
  }
}
$('domain').value = location.host;
$('ask-form').addEventListener('submit', event => {
  event.preventDefault();
  ask();
});
$('held-form').addEventListener('submit', event => {
  event.preventDefault();
  listHeld($('holder').value);
});

startLight();
// A link may carry the credential in its fragment: #credential=<base64url of the JSON>.
const carried = new URLSearchParams(location.hash.slice(1)).get('credential');
if(carried) {
  const base64 = carried.replace(/-/g, '+').replace(/_/g, '/');
  let text;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(Uint8Array.from(atob(base64), c => c.charCodeAt(0)));
  } catch(e) {
    // A link cut short or mangled on its way: said where the result goes, not only in the console.
    $('result').replaceChildren(element('p', `The link's credential cannot be read: it is not base64url of a text (${e.message}).`, 'verdict invalid'));
  }
  if(text !== undefined) {
    check(text, 'link');
  }
}
