// The floor: the same reading, grouping, formatting and rendering Troth does, by hand.
"use strict";

const SOON = 48 * 3600;
const PAGE = 50; // Troth's ledger shows this many rows of a group before "Show all".
const GROUPS = [
  ["overdue", "Overdue"], ["soon", "Due soon"], ["later", "Later"],
  ["awaiting", "Awaiting acknowledgement"], ["kept", "Kept"], ["ended", "Missed or released"],
];
const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
const formats = new Map();

function parts(zone, at) {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "short", day: "numeric", month: "short",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    });
    formats.set(zone, f);
  }
  const p = {};
  for (const { type, value } of f.formatToParts(new Date(at * 1000))) p[type] = value;
  return p;
}

const city = (zone) => zone.split("/").pop().replace(/_/g, " ");

// "Tue 24 Nov 17:00 Berlin · 11:00 for Ana in New York"
function describe(at, person) {
  const m = parts(mine, at);
  let text = `${m.weekday} ${m.day} ${m.month} ${m.hour}:${m.minute} ${city(mine)}`;
  if (person) {
    const t = parts(person.zone, at);
    const sameDay = t.day === m.day && t.month === m.month;
    if (t.hour !== m.hour || t.minute !== m.minute || !sameDay) {
      const shown = sameDay ? `${t.hour}:${t.minute}` : `${t.weekday} ${t.day} ${t.month} ${t.hour}:${t.minute}`;
      text += ` · ${shown} for ${person.name} in ${city(person.zone)}`;
    }
  }
  return text;
}

function read() {
  const meta = JSON.parse(localStorage.getItem("troth.meta") || '{"people":[]}');
  const people = new Map(meta.people.map((p) => [p.id, p]));
  const commitments = [];
  const talks = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key.startsWith("troth.c.")) commitments.push(JSON.parse(localStorage.getItem(key)));
    else if (key.startsWith("troth.t.")) talks.push(JSON.parse(localStorage.getItem(key)));
  }
  return { meta, people, commitments, talks };
}

function status(c) {
  const last = Object.keys(c.history[c.history.length - 1])[0];
  return { done: "awaiting", ack: "kept", missed: "missed", released: "released" }[last] || "open";
}

function due(c) {
  for (let i = c.history.length - 1; i >= 0; i--) {
    const e = c.history[i];
    if (e.made) return e.made.due;
    if (e.reneg) return e.reneg.due;
  }
}

function missing(c) {
  for (let i = c.history.length - 1; i >= 0; i--) {
    const e = c.history[i];
    if (e.reneg) continue;
    return e.notyet ? e.notyet.missing : null;
  }
  return null;
}

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

function ledger() {
  const { people, commitments } = read();
  const main = document.getElementById("main");
  main.append(el("h1", null, "Ledger"));
  if (!commitments.length) {
    main.append(el("p", "troth-empty", "No commitments yet. Make a small one you can surely keep."));
    return;
  }
  const now = Date.now() / 1000;
  const groups = new Map(GROUPS.map(([slug]) => [slug, []]));
  for (const c of commitments) {
    const s = status(c), d = due(c);
    const slug = s === "open" ? (now >= d.at ? "overdue" : d.at - now <= SOON ? "soon" : "later")
      : s === "missed" || s === "released" ? "ended" : s;
    groups.get(slug).push({ c, s, d, last: Object.values(c.history[c.history.length - 1])[0].at });
  }
  const tones = { open: "open", awaiting: "waiting", kept: "kept", missed: "late", released: "quiet" };
  const names = { open: "open", awaiting: "awaiting acknowledgement", kept: "kept", missed: "missed", released: "released" };
  for (const [slug, title] of GROUPS) {
    const list = groups.get(slug);
    if (!list.length) continue;
    if (slug === "overdue" || slug === "soon" || slug === "later") list.sort((a, b) => a.d.at - b.d.at || a.c.id - b.c.id);
    else list.sort((a, b) => b.last - a.last || b.c.id - a.c.id);
    const section = el("section", `troth-group troth-group--${slug}`);
    const h3 = el("h3", null, title);
    h3.append(" ", el("span", "troth-count", String(list.length)));
    const ul = el("ul", "troth-list");
    for (const { c, s, d } of list.slice(0, PAGE)) {
      const overdue = slug === "overdue";
      const li = el("li", `troth-row troth-row--${overdue ? "late" : tones[s]}`);
      const a = el("a", "troth-row__what", c.what);
      a.href = `#/c/${c.id}`;
      const person = people.get(c.to);
      li.append(a, el("span", "troth-row__to", `to ${person ? person.name : "someone"}`),
        el("span", "troth-row__due", describe(d.at, person)),
        el("span", "troth-tag", overdue ? "overdue" : names[s]));
      const m = missing(c);
      if (m) li.append(el("span", "troth-row__missing", `Still missing: ${m}`));
      ul.append(li);
    }
    section.append(h3, ul);
    if (list.length > PAGE) section.append(el("button", "troth-button troth-more", `Show all ${list.length}`));
    main.append(section);
  }
}

// The projector list, with the console's keys: PageDown moves, C covers, Y confirms, and each
// change is saved to localStorage as Troth saves it (the talk's record, then the revision).
function projector(id) {
  const { people, talks } = read();
  const talk = talks.find((t) => t.id === id);
  const main = document.getElementById("main");
  main.className = "troth-stage";
  const topics = talk.topics.filter((t) => !t.removed);
  const name = (p) => (people.get(p) || { name: `Person #${p}` }).name;
  const state = (t) => {
    let s = "open", waiting = [];
    for (const e of t.history || []) {
      if (e.covered) { s = "covered"; waiting = [...t.askers]; }
      else if (e.confirmed) { waiting = waiting.filter((w) => w !== e.confirmed.by); if (!waiting.length) s = "confirmed"; }
      else if (e.notyet) s = "notyet";
      else if (e.deferred) s = "deferred";
    }
    return { s, waiting };
  };
  const head = el("header", "troth-stage__head");
  const progress = el("p", "troth-stage__progress");
  head.append(el("h1", "troth-stage__title", talk.title), progress);
  const ol = el("ol", "troth-stage__topics");
  const items = topics.map((t, i) => {
    const li = el("li");
    draw(li, t, i);
    ol.append(li);
    return li;
  });
  function draw(li, t, i) {
    const { s, waiting } = state(t);
    li.className = `troth-stage__topic troth-stage__topic--${s}`;
    li.replaceChildren(el("span", "troth-stage__n", String(i + 1)),
      el(s === "confirmed" ? "s" : "span", "troth-stage__text", t.text),
      el("span", "troth-stage__asker", t.askers.map(name).join(" and ")));
    if (s === "covered") li.append(el("p", "troth-stage__prompt", `${waiting.map(name).join(" and ")} — did this cover it?`));
    if (s === "confirmed") li.append(el("p", "troth-stage__prompt", `Confirmed by ${t.askers.map(name).join(" and ")}`));
  }
  const count = () => {
    const c = topics.filter((t) => state(t).s === "confirmed").length;
    progress.textContent = `${c} of ${topics.length} confirmed`;
  };
  count();
  main.append(head, ol);
  let current = 0;
  items[0].setAttribute("aria-current", "true");
  const save = () => {
    localStorage.setItem(`troth.t.${talk.id}`, JSON.stringify(talk));
    localStorage.setItem("troth.rev", String(Number(localStorage.getItem("troth.rev") || 0) + 1));
  };
  addEventListener("keydown", (e) => {
    const t = topics[current];
    const at = Math.floor(Date.now() / 1000);
    if (e.key === "PageDown") {
      items[current].removeAttribute("aria-current");
      current = Math.min(current + 1, topics.length - 1);
      items[current].setAttribute("aria-current", "true");
      // Troth's projector follows the current topic the same way.
      requestAnimationFrame(() => items[current].scrollIntoView({ block: "nearest" }));
      return;
    }
    const { s, waiting } = state(t);
    if ((e.key === "c" || e.key === "C") && (s === "open" || s === "notyet")) {
      (t.history ||= []).push({ covered: { at } });
    } else if ((e.key === "y" || e.key === "Y") && s === "covered") {
      t.history.push({ confirmed: { at, by: waiting[0] } });
    } else return;
    save();
    draw(items[current], t, current);
    count();
  });
}

const route = location.hash.match(/^#project\/(\d+)$/);
if (route) projector(Number(route[1])); else ledger();
