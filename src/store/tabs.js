// One save at a time across Troth's tabs and windows (see tabs.rs for why).
//
// The save lock alone is not enough where tabs run in separate processes: a tab's copy of
// localStorage hears of another tab's writes a moment after they happen, and the lock may
// pass to it first. So every tab that saved holds a shared lock named for the revision it
// wrote, and the lock manager, which all tabs see alike, tells the next saver the newest
// revision: it waits until its own copy of localStorage shows it before it reads anything.

const SAVE = 'troth.save';
const REV = 'troth.rev.';
let held = { rev: 0, release: null };

const storedRev = () => Number(localStorage.getItem('troth.rev')) || 0;
// A message-channel turn lets pending storage updates in without a timer's delay.
const turn = () => new Promise((r) => {
  const c = new MessageChannel();
  c.port1.onmessage = () => r();
  c.port2.postMessage(0);
});

export function hasLocks() {
  return typeof navigator !== 'undefined' && !!navigator.locks && !!navigator.locks.query;
}

async function newestRev() {
  const { held: locks = [] } = await navigator.locks.query();
  return locks
    .filter((l) => l.name.startsWith(REV))
    .reduce((max, l) => Math.max(max, Number(l.name.slice(REV.length)) || 0), 0);
}

async function holdRev(rev) {
  if (rev <= held.rev) return;
  const previous = held.release;
  await new Promise((granted) => {
    navigator.locks.request(REV + rev, { mode: 'shared' }, () => new Promise((release) => {
      held = { rev, release };
      granted();
    }));
  });
  if (previous) previous();
}

// Runs `save` (synchronous) holding the save lock, once this tab has seen every revision a
// live tab wrote. Resolves `true` as soon as it has saved: the page need not wait while the
// lock is still held to publish the new revision for the next saver. Resolves `false` if the
// lock was not granted within `patience` ms: the request is withdrawn and `save` never runs.
export function exclusive(save, patience) {
  return new Promise((resolve, reject) => {
    const giveUp = new AbortController();
    const timer = setTimeout(() => giveUp.abort(), patience);
    navigator.locks.request(SAVE, { signal: giveUp.signal }, async () => {
      // Granted: an abort now changes nothing, and must not be tried.
      clearTimeout(timer);
      const newest = await newestRev();
      // Bounded: a tab that wrote and then died must not stop every other tab from saving.
      for (let i = 0; i < 20000 && storedRev() < newest; i++) await turn();
      save();
      resolve(true);
      await holdRev(storedRev());
    }).catch((e) => (giveUp.signal.aborted ? resolve(false) : reject(e)));
  });
}
