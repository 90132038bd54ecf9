// The challenges this page has issued, and which have been answered: what makes a replayed
// presentation recognisable. Kept in this browser's IndexedDB, one record a challenge in the
// form of an entry of educhain-verify's challenges file (verifier/src/challenges.rs): {domain,
// until, answered}, times in seconds since 1970. IndexedDB, not localStorage: its read-write
// transactions on one store run one after another across the tabs of the page, so an answer is
// checked and recorded in one step that no other tab can come between; a tab's localStorage is a
// copy that learns of another tab's writes later, which let two tabs take one challenge.

/** Where earlier versions of the page kept the challenges, as one JSON map; moved on opening. */
const KEY = 'educhain-challenges';
const DATABASE = 'educhain-verify';
const STORE = 'challenges';

/** Seconds since 1970 now, by this machine's clock. */
export const now = () => Math.floor(Date.now() / 1000);

/** `secs` since 1970 as an RFC 3339 UTC date-time to the second. */
export const dateTime = secs => new Date(secs * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Seconds since 1970 of an RFC 3339 UTC date-time written to the second (as the CLI writes them), or null. */
export function seconds(text) {
  if(typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) {
    return null;
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) && dateTime(ms / 1000) === text ? ms / 1000 : null;
}

/** What is wrong with a stored entry, which must be {domain, until, answered} as in educhain-verify's file; null if nothing. */
function damage(entry) {
  if(typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return 'is not an entry';
  }
  if(typeof entry.domain !== 'string') {
    return 'has no domain';
  }
  if(!Number.isInteger(entry.until) || entry.until < 0) {
    return 'has no closing time (until)';
  }
  if(entry.answered != null && !(Number.isInteger(entry.answered) && entry.answered >= 0)) {
    return 'has an answer time that is not a time';
  }
  return null;
}

/** The page's database, made on first use; one connection a tab, opened again after a failure. */
let connection = null;
function database() {
  connection ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      // A later version of the page, open in another tab, may need the database to itself.
      request.result.onversionchange = () => { request.result.close(); connection = null; };
      resolve(request.result);
    };
    request.onerror = () => {
      connection = null;
      reject(new Error(`the stored challenges cannot be opened: ${request.error?.message}`));
    };
  });
  return connection;
}

/**
 * `work(store, {done, fail})` in one transaction on the challenges: resolves with the value given
 * to `done` once the transaction is committed, or rejects with the error given to `fail`, which
 * undoes the transaction.
 */
function transaction(db, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    let result = null, failure = null;
    tx.oncomplete = () => resolve(result);
    tx.onabort = () => reject(failure ?? new Error(`the stored challenges could not be changed: ${tx.error?.message ?? 'aborted'}`));
    work(tx.objectStore(STORE), {done: value => { result = value; }, fail: error => { failure = error; tx.abort(); }});
  });
}

/** `entry` of `challenge`, or an error saying what is wrong with it. */
function checked(challenge, entry) {
  const fault = damage(entry);
  // A damaged entry is refused, as educhain-verify refuses its file, rather than read as closed
  // since 1970 or issued for no domain, which would refuse a presentation for a wrong reason.
  return fault ? new Error(`the stored challenges are damaged: challenge ${challenge} ${fault} (clearing this site's data in the browser starts afresh)`) : entry;
}

/**
 * The challenges an earlier version of the page kept in localStorage, added to the database and
 * removed from localStorage. An answer in either place stands: a tab that still reads the old
 * map cannot reopen a challenge answered since.
 */
function moveFromLocalStorage(db) {
  const text = localStorage.getItem(KEY);
  if(text === null) {
    return Promise.resolve();
  }
  const old = JSON.parse(text);
  if(typeof old !== 'object' || old === null || Array.isArray(old)) {
    return Promise.reject(new Error('the stored challenges are not a challenges map'));
  }
  const damaged = Object.entries(old).map(([challenge, entry]) => checked(challenge, entry)).find(e => e instanceof Error);
  if(damaged) {
    return Promise.reject(damaged);
  }
  return transaction(db, 'readwrite', store => {
    for(const [challenge, entry] of Object.entries(old)) {
      const read = store.get(challenge);
      read.onsuccess = () => {
        if(!read.result || (read.result.answered == null && entry.answered != null)) {
          store.put(entry, challenge);
        }
      };
    }
  }).then(() => localStorage.removeItem(KEY));
}

/** The page's issued challenges. */
export class Challenges {
  /** The stored ones as they are now; storage that cannot be read is an error, since a replay could then pass. */
  static async open() {
    const db = await database();
    await moveFromLocalStorage(db);
    const issued = await transaction(db, 'readonly', (store, {done, fail}) => {
      const issued = {};
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if(!at) {
          return done(issued);
        }
        const entry = checked(at.key, at.value);
        if(entry instanceof Error) {
          return fail(entry);
        }
        issued[at.key] = entry;
        at.continue();
      };
    });
    return new Challenges(db, issued);
  }

  constructor(db, issued) {
    this.db = db;
    this.issued = issued;
  }

  /**
   * A new challenge for `domain`, open for `lifetime` seconds from `at`, saved before it is shown.
   * No domain, or no time to answer, is refused with nothing saved, in the Rust verifier's words:
   * no presentation could answer it.
   */
  async issue(domain, lifetime, at) {
    if(typeof domain !== 'string' || domain.trim() === '') {
      throw new Error("a challenge needs the verifier's domain, which the presentation must name");
    }
    if(!(lifetime >= 1)) {
      throw new Error('a challenge stays open for 1 second or more: a lifetime of 0 cannot be answered');
    }
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const challenge = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
    const entry = {domain, until: at + lifetime, answered: null};
    await transaction(this.db, 'readwrite', store => store.add(entry, challenge));
    this.issued[challenge] = entry;
    return {challenge, domain, until: entry.until};
  }

  /** What was known of `challenge` on opening: {state: 'unknown'} | {state: 'open', domain, until} | {state: 'answered', at}. */
  status(challenge) {
    const entry = Object.hasOwn(this.issued, challenge) ? this.issued[challenge] : null;
    if(!entry) {
      return {state: 'unknown'};
    }
    if(Number.isInteger(entry.answered)) {
      return {state: 'answered', at: entry.answered};
    }
    return {state: 'open', domain: entry.domain, until: entry.until};
  }

  /**
   * Record that `challenge` was answered at `at`: it is never accepted again. Resolves with null,
   * or, when another tab of this page recorded an answer since this one opened the challenges,
   * that answer's time, changing nothing: the presentation is a replay after all. The check and
   * the record are one transaction.
   */
  async answered(challenge, at) {
    const before = await transaction(this.db, 'readwrite', (store, {done, fail}) => {
      const read = store.get(challenge);
      read.onsuccess = () => {
        const entry = read.result === undefined ? new Error(`challenge ${challenge} was never issued`) : checked(challenge, read.result);
        if(entry instanceof Error) {
          return fail(entry);
        }
        if(Number.isInteger(entry.answered)) {
          return done(entry.answered);
        }
        store.put({...entry, answered: at}, challenge);
      };
    });
    const entry = this.issued[challenge];
    this.issued[challenge] = {...entry, answered: before ?? at};
    return before;
  }
}
