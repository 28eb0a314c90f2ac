//! The benchmark: Troth against a hand-written vanilla-JS floor (bench/floor/), in the same
//! headless Chromium in the same run, so each figure is also a ratio that holds on a noisy
//! machine. Not part of the test run: `bash scripts/bench.sh` builds the release app and runs it.
//!
//! Startup is timed from navigation to the frame after the ledger's rows are in the page, by a
//! script DevTools installs before any of the page's own; an interaction from just before the key
//! event is dispatched to the frame after it (`requestAnimationFrame`, then a task), with frame
//! rate limits off so a frame is drawn as soon as it is ready.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::{Browser, Server};
use troth::domain::talk::TopicAction;
use troth::domain::{
    sample, Action, Command, CommitmentId, Direction, Due, Instant, Kind, PersonId, Recipient,
    TalkId, TopicId, Zone, ZoneRules,
};
use troth::store::memory::Memory;
use troth::store::Store;

const STARTUP_RUNS: usize = 15;
const INTERACTION_WARMUPS: usize = 5;
const PROJECTOR_TOPICS: usize = 200;

/// Offsets from chrono-tz, so the data's due moments are real ones in real zones.
struct Tz;
impl ZoneRules for Tz {
    fn offset_at(&self, zone: &str, at: Instant) -> Option<i32> {
        use chrono::{Offset, TimeZone};
        let tz: chrono_tz::Tz = zone.parse().ok()?;
        let utc = chrono::DateTime::from_timestamp(at.unix(), 0)?.naive_utc();
        Some(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc())
    }
}

fn now() -> Instant {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    Instant::from_unix(secs as i64)
}

const ZONES: [&str; 5] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
    "Europe/London",
    "America/Sao_Paulo",
];

/// What `commitments` commitments (and `talks` talks of `topics` topics) look like stored: the
/// keys and values Troth itself writes, made through its own commands.
fn stored(commitments: usize, talks: usize, topics: usize) -> BTreeMap<String, String> {
    let now = now();
    let mut store = Store::new(Memory::default());
    let mut book = store.load(now).book;
    let zone = |i: usize| Zone::parse(&Tz, ZONES[i % ZONES.len()]).unwrap();
    for p in 0..20 {
        let command = Command::AddPerson {
            name: format!("Person {p}"),
            zone: zone(p),
        };
        store.commit(&mut book, command, now).unwrap();
    }
    for i in 0..commitments {
        let due = |hours: i64| Due {
            at: now.plus_secs(hours * 3600),
            zone: zone(i),
        };
        let to = Recipient::Existing(PersonId((i % 20) as u64));
        let make = Command::Make {
            to,
            what: sample::what(i),
            due: due((i % 400) as i64 + 1),
            by: Direction::Mine,
            kind: Kind::Deliver,
        };
        store.commit(&mut book, make, now).unwrap();
        let id = CommitmentId(i as u64);
        // A mix of where commitments stand: open, renegotiated, awaiting, kept.
        let steps = match i % 4 {
            0 => 0,
            1 => 1,
            2 => 2,
            _ => 4,
        };
        let mut actions: Vec<Action> = sample::four_steps(due(500))
            .into_iter()
            .take(steps)
            .collect();
        if steps == 4 {
            actions.push(Action::Acknowledge {
                how: Some("by mail".into()),
            });
        }
        for action in actions {
            store
                .commit(&mut book, Command::Act { id, action }, now)
                .unwrap();
        }
    }
    for t in 0..talks {
        let title = format!("Talk {t}");
        store
            .commit(
                &mut book,
                Command::AddTalk {
                    title,
                    date: "2026-11-24".into(),
                },
                now,
            )
            .unwrap();
        let talk = TalkId(t as u64);
        for k in 0..topics {
            let text = format!("question {k} about how the pilot schools keep their records");
            let asker = Recipient::Existing(PersonId((k % 20) as u64));
            store
                .commit(&mut book, Command::AddTopic { talk, asker, text }, now)
                .unwrap();
            if k % 3 == 0 && topics < PROJECTOR_TOPICS {
                let cover = TopicAction::Cover;
                let topic = TopicId(k as u64);
                store
                    .commit(
                        &mut book,
                        Command::Topic {
                            talk,
                            topic,
                            action: cover,
                        },
                        now,
                    )
                    .unwrap();
            }
        }
    }
    store.backend().snapshot()
}

/// The site: Troth's dist/ at the root, the floor under /floor/ (same origin, same storage),
/// with Troth's stylesheets so both draw the same boxes.
fn site() -> PathBuf {
    let root = support::copy_of(&support::dist());
    let floor = root.join("floor");
    std::fs::create_dir_all(&floor).unwrap();
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/floor");
    for f in ["index.html", "floor.js"] {
        std::fs::copy(bench.join(f), floor.join(f)).unwrap();
    }
    let style = Path::new(env!("CARGO_MANIFEST_DIR")).join("style");
    let css: String = ["tokens", "base", "forms", "ledger", "talks", "stage"]
        .iter()
        .map(|f| std::fs::read_to_string(style.join(format!("{f}.css"))).unwrap())
        .collect();
    std::fs::write(floor.join("floor.css"), css).unwrap();
    root
}

/// Marks when the ledger's rows (or its empty state) are first painted: installed by DevTools
/// before any script of the page runs.
const READY: &str = r#"
(() => {
  const seen = () => document.querySelector('.troth-row, .troth-empty, .troth-stage__topic');
  const done = () => requestAnimationFrame(() => setTimeout(() => { window.__ready = performance.now(); }, 0));
  const watch = new MutationObserver(() => { if (seen()) { watch.disconnect(); done(); } });
  watch.observe(document, { childList: true, subtree: true });
})();
"#;

/// Presses `key` and reports the milliseconds until the frame that shows its effect: once no
/// save is waiting for its turn (Troth's page is `aria-busy` from the microtask after the input
/// until the save is written; the floor saves at once), the next frame.
const PRESS: &str = r#"
const [key, done] = [arguments[0], arguments[arguments.length - 1]];
const turn = () => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
const t0 = performance.now();
document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
Promise.resolve().then(async () => {
  while (document.querySelector('main[aria-busy="true"]')) await turn();
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
});
"#;

/// Clicks the button whose text is `label` and reports the milliseconds until the frame that
/// shows its effect, as [`PRESS`] does.
const CLICK: &str = r#"
const [label, done] = [arguments[0], arguments[arguments.length - 1]];
const turn = () => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
const button = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === label);
if (!button) { done(-1); return; }
const t0 = performance.now();
button.click();
Promise.resolve().then(async () => {
  while (document.querySelector('main[aria-busy="true"]')) await turn();
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
});
"#;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

async fn fill(b: &Browser, server: &Server, data: &BTreeMap<String, String>) {
    b.client
        .goto(&server.url("/floor/index.html#empty"))
        .await
        .unwrap();
    let ok = b
        .client
        .execute(
            "localStorage.clear(); for (const [k, v] of Object.entries(arguments[0])) localStorage.setItem(k, v); return localStorage.length;",
            vec![serde_json::json!(data)],
        )
        .await
        .unwrap();
    assert_eq!(ok.as_u64(), Some(data.len() as u64));
    // Leave the page, so the next load is a load and not a jump within it.
    b.client.goto("about:blank").await.unwrap();
}

/// Loads `path` and waits for its first painted ledger: milliseconds since navigation start.
async fn startup(b: &Browser, server: &Server, path: &str) -> f64 {
    b.client.goto(&server.url(path)).await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let v = b
            .client
            .execute("return window.__ready ?? null", vec![])
            .await
            .unwrap();
        if let Some(ms) = v.as_f64() {
            return ms;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{path} never rendered its ledger"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Median startup of Troth and of the floor, alternating so both see the same noise. The first
/// load of each is a warm-up (Troth's service worker installs then).
async fn startups(b: &Browser, server: &Server) -> (f64, f64) {
    let (mut troth, mut floor) = (Vec::new(), Vec::new());
    for run in 0..=STARTUP_RUNS {
        let t = startup(b, server, "/").await;
        let f = startup(b, server, "/floor/index.html").await;
        if run > 0 {
            troth.push(t);
            floor.push(f);
        }
    }
    (median(troth), median(floor))
}

/// Covers and confirms each topic of the big talk in turn: medians of (cover, confirm).
async fn interactions(b: &Browser, server: &Server, path: &str) -> (f64, f64) {
    b.client.goto(&server.url(path)).await.unwrap();
    b.find(".troth-stage__topic").await;
    // Start at the first topic.
    for _ in 0..PROJECTOR_TOPICS {
        b.client
            .execute("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true }))", vec![])
            .await
            .unwrap();
    }
    let (mut cover, mut confirm) = (Vec::new(), Vec::new());
    for i in 0..PROJECTOR_TOPICS {
        let c = b
            .client
            .execute_async(PRESS, vec!["c".into()])
            .await
            .unwrap();
        let y = b
            .client
            .execute_async(PRESS, vec!["y".into()])
            .await
            .unwrap();
        if i >= INTERACTION_WARMUPS {
            cover.push(c.as_f64().unwrap());
            confirm.push(y.as_f64().unwrap());
        }
        b.client
            .execute_async(PRESS, vec!["PageDown".into()])
            .await
            .unwrap();
    }
    let confirmed = b
        .client
        .execute(
            "return document.querySelector('.troth-stage__progress').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(confirmed.as_str(), Some("200 of 200 confirmed"), "{path}");
    (median(cover), median(confirm))
}

/// Saving one change: "Mark done" then "Not yet" on open commitments, click to next frame.
async fn saves(b: &Browser, server: &Server, ids: impl Iterator<Item = usize>) -> f64 {
    let mut times = Vec::new();
    for (n, id) in ids.enumerate() {
        b.client
            .goto(&server.url(&format!("/#/c/{id}")))
            .await
            .unwrap();
        b.find_x("//button[.='Mark done']").await;
        let t = b
            .client
            .execute_async(CLICK, vec!["Mark done".into()])
            .await
            .unwrap();
        if n >= INTERACTION_WARMUPS {
            times.push(t.as_f64().unwrap());
        }
    }
    median(times)
}

fn gzip_len(path: &Path) -> u64 {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .expect("gzip");
    out.stdout.len() as u64
}

/// Each page of dist/ (one per part of Troth) with the gzip bytes fetched before it is usable:
/// the page and the scripts, WASM and styles it names, as `scripts/size.sh` counts them.
fn first_load() -> Vec<(String, u64)> {
    let dist = support::dist();
    let mut pages: Vec<(String, u64)> = Vec::new();
    for entry in std::fs::read_dir(&dist).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let mut files: Vec<&str> = html
            .split("=\"./")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|f| [".js", ".wasm", ".css"].iter().any(|e| f.ends_with(e)))
            .collect();
        files.sort_unstable();
        files.dedup();
        let bytes =
            gzip_len(&entry.path()) + files.iter().map(|f| gzip_len(&dist.join(f))).sum::<u64>();
        pages.push((name, bytes));
    }
    pages.sort();
    pages
}

/// `true`: every fetch goes past the service worker and the HTTP cache, as on a first visit.
async fn first_visit(b: &Browser, on: bool) {
    let bypass = serde_json::json!({ "bypass": on });
    b.cdp("Network.setBypassServiceWorker", bypass).await;
    let off = serde_json::json!({ "cacheDisabled": on });
    b.cdp("Network.setCacheDisabled", off).await;
}

/// Opens the projector of talk 0 by a whole page load from the ledger (as following the
/// console's link does), `runs` times: the median milliseconds from navigation to its topics
/// painted. `cold`: past the service worker and with the HTTP cache off, as a first visit.
async fn opens(b: &Browser, server: &Server, from: &str, to: &str, cold: bool) -> f64 {
    b.cdp("Network.enable", serde_json::json!({})).await;
    first_visit(b, cold).await;
    let mut times = Vec::new();
    for run in 0..=STARTUP_RUNS {
        startup(b, server, from).await;
        let ms = startup(b, server, to).await;
        if run > 0 {
            times.push(ms);
        }
    }
    first_visit(b, false).await;
    median(times)
}

/// The site served, and a Chromium that draws frames as soon as they are ready and marks when
/// each page first paints its rows.
async fn launch() -> (Server, Browser) {
    let server = Server::start(site());
    let b = Browser::launch_with(&["--disable-frame-rate-limit", "--disable-gpu-vsync"]).await;
    b.cdp("Page.enable", serde_json::json!({})).await;
    let ready = serde_json::json!({ "source": READY });
    b.cdp("Page.addScriptToEvaluateOnNewDocument", ready).await;
    (server, b)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "pass"
    } else {
        "FAIL"
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark, not a test: bash scripts/bench.sh"]
async fn benchmark() {
    let (server, b) = launch().await;

    let mut table: Vec<(String, String, String, String)> = Vec::new();
    let mut budgets: Vec<(String, bool)> = Vec::new();
    let row = |t: &mut Vec<_>, what: &str, troth: String, floor: String, ratio: String| {
        t.push((what.to_owned(), troth, floor, ratio));
    };

    // First-load bytes, page by page: each part of Troth loads only its own code.
    for (page, gz) in first_load() {
        row(
            &mut table,
            &format!("first load: {page} (gzip, all it fetches)"),
            format!("{gz} B"),
            "—".into(),
            "—".into(),
        );
        budgets.push((
            format!("first load of {page}: {gz} B gzip ≤ 153,600 B (150 KB)"),
            gz <= 153_600,
        ));
    }

    // Startup at 0, 1,000 and 10,000 commitments, with 20 talks of 20 topics.
    let (mut startup_1k, mut startup_10k) = ((0.0, 0.0), (0.0, 0.0));
    for n in [0, 1_000, 10_000] {
        let data = stored(n, 20, 20);
        fill(&b, &server, &data).await;
        let (t, f) = startups(&b, &server).await;
        if n == 1_000 {
            startup_1k = (t, f);
        }
        if n == 10_000 {
            startup_10k = (t, f);
        }
        row(
            &mut table,
            &format!("startup, {n} commitments (median of {STARTUP_RUNS})"),
            format!("{t:.1} ms"),
            format!("{f:.1} ms"),
            format!("{:.2}×", t / f),
        );
        if n == 10_000 {
            let used: u64 = data
                .iter()
                .map(|(k, v)| (k.encode_utf16().count() + v.encode_utf16().count()) as u64)
                .sum();
            row(
                &mut table,
                "storage at 10,000 commitments",
                format!(
                    "{used} of 5,242,880 units ({:.1} %)",
                    used as f64 * 100.0 / 5_242_880.0
                ),
                "—".into(),
                "—".into(),
            );
        }
    }
    let ratio = startup_1k.0 / startup_1k.1;
    budgets.push((
        format!("startup at 1,000: {ratio:.2}× the floor ≤ 1.3×"),
        ratio <= 1.3,
    ));
    let ratio = startup_10k.0 / startup_10k.1;
    budgets.push((
        format!("startup at 10,000: {ratio:.2}× the floor ≤ 1.3×"),
        ratio <= 1.3,
    ));

    // Opening presentation mode from the ledger: its own page, at 1,000 commitments and 20
    // talks. The floor is one page: it is loaded whole at its projector the same way.
    fill(&b, &server, &stored(1_000, 20, 20)).await;
    for cold in [true, false] {
        let how = if cold {
            "cold (no cache, no service worker)"
        } else {
            "from the service worker's cache"
        };
        let t = opens(&b, &server, "/", "/talk.html#/talks/0/project", cold).await;
        let f = opens(
            &b,
            &server,
            "/floor/index.html",
            // A query makes it a whole new load, not a jump within the page.
            "/floor/index.html?open#project/0",
            cold,
        )
        .await;
        row(
            &mut table,
            &format!("open a talk's projector from the ledger, {how} (median of {STARTUP_RUNS})"),
            format!("{t:.1} ms"),
            format!("{f:.1} ms"),
            format!("{:.2}×", t / f),
        );
    }

    // One projector interaction with 200 topics.
    let mut data = stored(0, 1, PROJECTOR_TOPICS);
    data.retain(|k, _| !k.starts_with("troth.c."));
    fill(&b, &server, &data).await;
    let troth = interactions(&b, &server, "/talk.html#/talks/0/project").await;
    fill(&b, &server, &data).await;
    let floor = interactions(&b, &server, "/floor/index.html#project/0").await;
    let runs = PROJECTOR_TOPICS - INTERACTION_WARMUPS;
    for (what, t, f) in [
        ("mark covered", troth.0, floor.0),
        ("confirm", troth.1, floor.1),
    ] {
        row(
            &mut table,
            &format!("projector, 200 topics: {what} (median of {runs})"),
            format!("{t:.2} ms"),
            format!("{f:.2} ms"),
            format!("{:.2}×", t / f),
        );
        budgets.push((format!("{what}: {t:.2} ms ≤ 16.7 ms"), t <= 16.7));
        budgets.push((
            format!("{what}: {:.2}× the floor ≤ 1.3×", t / f),
            t / f <= 1.3,
        ));
    }

    // Saving one change at 100 and at 10,000 commitments (open ones: ids ≡ 0 mod 4).
    let mut save = Vec::new();
    for n in [100, 10_000] {
        fill(&b, &server, &stored(n, 0, 0)).await;
        let ms = saves(&b, &server, (0..n).step_by(4).take(25)).await;
        row(
            &mut table,
            &format!("save one change, {n} commitments (median of 20)"),
            format!("{ms:.2} ms"),
            "—".into(),
            "—".into(),
        );
        save.push(ms);
    }
    let ratio = save[1] / save[0];
    budgets.push((
        format!("saving at 10,000: {ratio:.2}× saving at 100 ≤ 1.5×"),
        ratio <= 1.5,
    ));

    let mut out = String::new();
    out.push_str("| measure | Troth | floor | Troth / floor |\n|---|---:|---:|---:|\n");
    for (what, t, f, r) in &table {
        out.push_str(&format!("| {what} | {t} | {f} | {r} |\n"));
    }
    out.push_str("\n| budget | result |\n|---|---|\n");
    for (what, ok) in &budgets {
        out.push_str(&format!("| {what} | {} |\n", verdict(*ok)));
    }
    println!("\n{out}");
    if let Ok(path) = std::env::var("TROTH_BENCH_OUT") {
        std::fs::write(path, &out).unwrap();
    }
    b.close().await;
}

/// Where the time goes: a DevTools CPU profile, self time by function. Ten loads with 1,000
/// commitments, or (with `TROTH_PROFILE_PATH` set to a projector page) 100 covers and confirms.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a profile, not a test: cargo test --test bench profile_startup -- --ignored --nocapture"]
async fn profile_startup() {
    let (server, b) = launch().await;
    let path = std::env::var("TROTH_PROFILE_PATH").unwrap_or_else(|_| "/".into());
    let projector = path.contains("project");
    if projector {
        let mut data = stored(0, 1, PROJECTOR_TOPICS);
        data.retain(|k, _| !k.starts_with("troth.c."));
        fill(&b, &server, &data).await;
    } else {
        fill(&b, &server, &stored(1_000, 20, 20)).await;
    }
    startup(&b, &server, &path).await;
    b.cdp("Profiler.enable", serde_json::json!({})).await;
    b.cdp(
        "Profiler.setSamplingInterval",
        serde_json::json!({ "interval": 50 }),
    )
    .await;
    b.cdp("Profiler.start", serde_json::json!({})).await;
    if projector {
        for _ in 0..100 {
            b.client
                .execute_async(PRESS, vec!["c".into()])
                .await
                .unwrap();
            b.client
                .execute_async(PRESS, vec!["y".into()])
                .await
                .unwrap();
            b.client
                .execute_async(PRESS, vec!["PageDown".into()])
                .await
                .unwrap();
        }
    } else {
        for _ in 0..10 {
            startup(&b, &server, &path).await;
        }
    }
    let profile = b.cdp("Profiler.stop", serde_json::json!({})).await;
    let nodes = profile["profile"]["nodes"].as_array().unwrap();
    let mut by: BTreeMap<String, u64> = BTreeMap::new();
    let mut total = 0;
    for n in nodes {
        let hits = n["hitCount"].as_u64().unwrap_or(0);
        let f = &n["callFrame"];
        let url = f["url"].as_str().unwrap_or("");
        let name = format!(
            "{} {}",
            f["functionName"].as_str().unwrap_or("?"),
            url.rsplit('/').next().unwrap_or("")
        );
        *by.entry(name).or_default() += hits;
        total += hits;
    }
    let mut top: Vec<_> = by.into_iter().collect();
    top.sort_by_key(|t| std::cmp::Reverse(t.1));
    let nodes = b
        .client
        .execute("const w = document.createTreeWalker(document.body); let n = 0, t = 0, c = 0; while (w.nextNode()) { n++; if (w.currentNode.nodeType === 3) t++; if (w.currentNode.nodeType === 8) c++; } return [n, t, c, document.body.getElementsByTagName('*').length];", vec![])
        .await
        .unwrap();
    println!("nodes (all, text, comments, elements): {nodes}");
    for (name, hits) in top.iter().take(40) {
        println!("{:5.1}% {name}", *hits as f64 * 100.0 / total as f64);
    }
    b.close().await;
}
