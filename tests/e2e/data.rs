//! No data ever lost, and no markup ever run: two tabs at once, a tab closed right after an
//! edit, a backup carried to another browser, and XSS payloads in every text field.

use super::{make, open, open_in, today_in_berlin};
use crate::support::{Browser, Engine, Server, PATIENCE};
use chrono::Duration as Days;
use fantoccini::Locator;

fn row(what: &str) -> String {
    format!("//a[@class='troth-row__what' and .='{what}']")
}

#[tokio::test(flavor = "multi_thread")]
async fn two_tabs_editing_at_once_lose_nothing_and_a_closed_tab_kept_its_edit() {
    let (server, b) = open("/").await;
    let day = today_in_berlin() + Days::days(3);
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();
    b.client.goto(&server.url("/")).await.unwrap();

    // Interleaved: each tab makes one, then the other, without reloading.
    for i in 0..3 {
        b.client.switch_to_window(first.clone()).await.unwrap();
        make(&b, &format!("From tab one #{i}"), "Ana", day, 9).await;
        b.client.switch_to_window(second.clone()).await.unwrap();
        make(&b, &format!("From tab two #{i}"), "Ana", day, 10).await;
    }
    for tab in [&first, &second] {
        b.client.switch_to_window(tab.clone()).await.unwrap();
        for i in 0..3 {
            b.find_x(&row(&format!("From tab one #{i}"))).await;
            b.find_x(&row(&format!("From tab two #{i}"))).await;
        }
    }

    // An edit, and the tab is closed at once: it was saved before the page showed it.
    b.client.switch_to_window(second.clone()).await.unwrap();
    make(&b, "Made just before closing", "Ana", day, 11).await;
    b.client.close_window().await.unwrap();
    b.client.switch_to_window(first.clone()).await.unwrap();
    b.client.refresh().await.unwrap();
    b.find_x(&row("Made just before closing")).await;
    b.close().await;
}

/// Makes `n` commitments to Ana through the form as fast as the page allows, in the background:
/// the script returns at once and `window.__burst` counts what is done (and any refusal).
const BURST: &str = r#"
const [tag, n] = arguments;
window.__burst = { done: 0, refused: [], said: new Set() };
// A message-channel turn, not a timer or a frame: a window in the background gets neither
// at full speed, and both windows must run flat out at once.
const turn = () => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
const fill = (id, value) => {
  const el = document.getElementById(id);
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
};
(async () => {
  for (let i = 0; i < n; i++) {
    fill('make-what', tag + ' #' + i); fill('make-to', 'Ana');
    fill('make-date', '2099-01-01'); fill('make-time', '10:00');
    document.querySelector('form[aria-labelledby="make-title"] button[type="submit"]').click();
    await turn();
    while (document.querySelector('main[aria-busy="true"]')) await turn();
    const error = document.querySelector('form[aria-labelledby="make-title"] .troth-error');
    if (error && error.textContent.trim()) window.__burst.refused.push(tag + ' #' + i + ': ' + error.textContent);
    // A problem said outside the form (a save given up, a tab behind) is a refusal too: once,
    // with the save it came after (it stays on the page until dismissed).
    for (const p of document.querySelectorAll('.troth-message--problem')) {
      if (window.__burst.said.has(p.textContent)) continue;
      window.__burst.said.add(p.textContent);
      window.__burst.refused.push(tag + ' #' + i + ' (message): ' + p.textContent);
    }
    window.__burst.done++;
  }
})();
return true;
"#;

/// Saves from two windows at the very same time: each window's 500 commitments are all
/// stored, none written over another, and every history reads back legal.
#[tokio::test(flavor = "multi_thread")]
async fn two_windows_saving_at_the_same_time_lose_nothing() {
    const EACH: usize = 500;
    let (server, b) = open("/").await;
    // Due when the burst's are, so the ledger counts all of them in one group.
    let day = chrono::NaiveDate::from_ymd_opt(2099, 1, 2).unwrap();
    make(&b, "Ana first", "Ana", day, 9).await;
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();
    b.client.goto(&server.url("/")).await.unwrap();
    b.find_x(&row("Ana first")).await;
    // A ledger with something in it opens on its list: the form is a button away.
    b.click_button("Make a commitment").await;

    // Start both, then wait for both.
    for (tab, tag) in [(&first, "One"), (&second, "Two")] {
        b.client.switch_to_window(tab.clone()).await.unwrap();
        b.client
            .execute(BURST, vec![tag.into(), EACH.into()])
            .await
            .unwrap();
    }
    for tab in [&first, &second] {
        b.client.switch_to_window(tab.clone()).await.unwrap();
        // Waits for all of them, however slow a busy machine makes a thousand saves: it gives
        // up only when saving stops, no save done in four times the usual patience (a minute).
        let (mut done, mut moved) = (0, std::time::Instant::now());
        while done < EACH {
            let now: usize = serde_json::from_value(
                b.client
                    .execute("return window.__burst.done;", vec![])
                    .await
                    .unwrap(),
            )
            .unwrap();
            if now > done {
                (done, moved) = (now, std::time::Instant::now());
            } else if moved.elapsed() > 4 * PATIENCE {
                panic!(
                    "saving stopped: {done} of {EACH} saved, none for {:?}\n{}",
                    moved.elapsed(),
                    b.state().await
                );
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        let refused = b
            .client
            .execute("return window.__burst.refused;", vec![])
            .await
            .unwrap();
        if refused != serde_json::json!([]) {
            panic!("a save was refused: {refused}\n{}", b.state().await);
        }
    }

    // A fresh load: every commitment once, nothing set aside, nothing reported unreadable.
    b.client.refresh().await.unwrap();
    // The app read them all: the group counts every one.
    b.find_x(&format!(
        "//button[normalize-space(.)='Show all {}']",
        2 * EACH + 1
    ))
    .await;
    let stored = b
        .client
        .execute(
            r#"const keys = Object.keys(localStorage);
               const whats = keys.filter(k => k.startsWith('troth.c.')).map(k => JSON.parse(localStorage.getItem(k)).what);
               return { whats, aside: keys.filter(k => k.startsWith('troth.aside.')),
                        problems: [...document.querySelectorAll('.troth-message--problem')].map(p => p.textContent) };"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(stored["aside"], serde_json::json!([]), "set aside");
    assert_eq!(stored["problems"], serde_json::json!([]), "said on loading");
    let mut whats: Vec<String> = serde_json::from_value(stored["whats"].clone()).unwrap();
    whats.sort();
    let mut expected: Vec<String> = (0..EACH)
        .flat_map(|i| [format!("One #{i}"), format!("Two #{i}")])
        .chain(["Ana first".to_owned()])
        .collect();
    expected.sort();
    // Named, not a thousand-line diff: which are missing, which are there twice or unasked.
    let missing: Vec<_> = expected.iter().filter(|w| !whats.contains(w)).collect();
    let extra: Vec<_> = whats
        .iter()
        .enumerate()
        .filter(|(i, w)| !expected.contains(w) || whats[..*i].contains(w))
        .map(|(_, w)| w)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, extra {extra:?}"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_carries_everything_to_another_browser() {
    let (server, b) = open("/").await;
    let day = today_in_berlin() + Days::days(3);
    make(&b, "Send the budget draft", "Ana", day, 17).await;
    make(&b, "Call the school", "Bo", day, 9).await;
    b.client.goto(&server.url("/#/settings")).await.unwrap();
    b.click_button("Export everything (backup file)").await;
    let file = downloaded(&b, "troth-backup-").await;
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("{\"troth_backup\":5,"), "{text}");

    // A fresh browser: preview, then merge.
    let other = Browser::launch().await;
    other.client.goto(&server.url("/#/settings")).await.unwrap();
    let input = other.find("#import-file").await;
    input.send_keys(file.to_str().unwrap()).await.unwrap();
    other
        .find_x("//p[.='This backup holds 2 people, 2 commitments and 0 talks.']")
        .await;
    other.click_button("Merge into what is here").await;
    // The ledger is another page: leave this one once the merge is saved, as its message says.
    other
        .find_x("//p[starts-with(., 'Backup merged: 2 people, 2 commitments')]")
        .await;
    other.client.goto(&server.url("/")).await.unwrap();
    other.find_x(&row("Send the budget draft")).await;
    other.find_x(&row("Call the school")).await;

    // A damaged file is refused in words, and nothing changes.
    let damaged = file.with_file_name("damaged.json");
    std::fs::write(&damaged, &text[..text.len() / 2]).unwrap();
    other.client.goto(&server.url("/#/settings")).await.unwrap();
    other
        .find("#import-file")
        .await
        .send_keys(damaged.to_str().unwrap())
        .await
        .unwrap();
    other
        .find_x("//p[@role='alert' and starts-with(., 'This file is not a Troth backup')]")
        .await;
    other.client.goto(&server.url("/")).await.unwrap();
    other.find_x(&row("Call the school")).await;

    // The calendar file of open commitments.
    b.click_button("Calendar of open commitments (.ics)").await;
    let ics = std::fs::read_to_string(downloaded(&b, "troth-commitments").await).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2, "{ics}");
    assert!(ics.contains("TZID=Europe/Berlin"), "{ics}");
    other.close().await;
    b.close().await;
}

/// A backup of more than 3 MB: 8,000 people (the names a merge folds), each with a commitment.
fn large_backup() -> String {
    use troth::domain::{
        Book, Command, Direction, Due, Instant, Kind, NextIds, Person, PersonId, Recipient, Zone,
    };
    let now = Instant::from_unix(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64,
    );
    let people = (0..8_000u64).map(|i| Person {
        id: PersonId(i),
        name: format!("Élodie Asker {i}"),
        zone: Some(Zone::utc()),
        removed: false,
    });
    let mut book = Book::counted(people.collect(), NextIds::default());
    for i in 0..8_000u64 {
        book.apply(
            Command::Make {
                to: Recipient::Existing(PersonId(i)),
                what: format!(
                    "Send the reviewed chapter {i} with the corrected figures and the \
                     references checked against the library's copy, then call to agree on \
                     the next part \
                     of the book, before the editor's meeting on the schedule, with the \
                     appendix, the index and the list of illustrations"
                ),
                due: Due {
                    at: Instant::from_unix(now.unix() + 30 * 86_400),
                    zone: Zone::utc(),
                },
                by: Direction::Mine,
                kind: Kind::Deliver,
            },
            now,
        )
        .unwrap();
    }
    troth::store::transfer::Backup::of(&book, now).to_json()
}

/// Notes, in order, when the import's progress first shows, when a click on another control
/// (queued as soon as the progress shows) is handled, and when the preview shows; and the
/// longest task the page ran meanwhile.
const WATCH: &str = r#"
window.__order = [];
window.__progress = [];
window.__longest = 0;
const note = what => { if (!window.__order.includes(what)) window.__order.push(what); };
try {
  new PerformanceObserver(list => list.getEntries().forEach(e =>
    window.__longest = Math.max(window.__longest, e.duration))).observe({ type: 'longtask' });
} catch (e) {}
document.getElementById('theme-dark').addEventListener('change', () => note('click'));
new MutationObserver(() => {
  const p = document.getElementById('import-progress');
  if (p) {
    if (!window.__order.includes('progress')) {
      note('progress');
      setTimeout(() => document.getElementById('theme-dark').click(), 0);
    }
    if (!window.__progress.includes(p.textContent)) window.__progress.push(p.textContent);
  }
  if ([...document.querySelectorAll('p')].some(e => e.textContent.startsWith('This backup holds'))) note('preview');
}).observe(document.body, { childList: true, subtree: true, characterData: true });
return true;
"#;

/// A 3 MB backup froze the page for 15 s before any choice was offered. Now its progress shows
/// first, and the page handles a click while the preview is worked out.
#[tokio::test(flavor = "multi_thread")]
async fn a_large_backup_is_previewed_while_the_page_stays_responsive() {
    let json = large_backup();
    assert!(json.len() > 3_000_000, "{} bytes", json.len());
    let dir = std::env::temp_dir().join(format!("troth-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("large-backup.json");
    std::fs::write(&file, &json).unwrap();

    let (_server, b) = open("/#/settings").await;
    b.find("#theme-dark").await;
    b.client.execute(WATCH, vec![]).await.unwrap();
    let started = std::time::Instant::now();
    b.find("#import-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    b.find_x("//p[.='This backup holds 8000 people, 8000 commitments and 0 talks.']")
        .await;
    let took = started.elapsed();
    b.until("return window.__order.includes('preview');").await;
    let seen = b
        .client
        .execute(
            "return [window.__order, window.__progress, window.__longest];",
            vec![],
        )
        .await
        .unwrap();
    eprintln!(
        "preview of a {} byte backup: {took:?}; order, progress, longest task (ms): {seen}",
        json.len()
    );
    assert_eq!(
        seen[0],
        serde_json::json!(["progress", "click", "preview"]),
        "{seen}"
    );
    assert!(seen[1].as_array().unwrap().len() >= 2, "{seen}");
    // The click was handled: the page is dark.
    b.find("#theme-dark:checked").await;
    b.find_x("//p[starts-with(., 'Adds 8000 people, 8000 commitments')]")
        .await;
    b.close().await;
}

in_every_engine!(a_full_storage_says_so_keeps_what_was_saved_and_hands_over_the_unsaved_change);
async fn a_full_storage_says_so_keeps_what_was_saved_and_hands_over_the_unsaved_change(
    engine: Engine,
) {
    let (_server, b) = open_in(engine, "/").await;
    let day = today_in_berlin() + Days::days(3);
    make(&b, "Saved before the storage filled", "Ana", day, 9).await;
    // Another page of this origin fills the rest of its localStorage, to the last character.
    let left = b
        .client
        .execute(
            "let n = 0;
             for (let size = 1 << 20; size >= 1; size >>= 1) {
               const chunk = 'x'.repeat(size);
               for (;;) { try { localStorage.setItem('filler.' + n++, chunk); } catch (e) { break; } }
             }
             return n;",
            vec![],
        )
        .await
        .unwrap();
    assert!(left.as_u64().unwrap() > 5, "{left}");

    b.type_into("make-what", "Made with the storage full").await;
    b.type_into("make-to", "Ana").await;
    b.type_date("make-date", day).await;
    b.type_time("make-time", 10, 0).await;
    b.click_button("Make commitment").await;
    b.find_x("//p[@role='alert']//span[contains(., 'storage for Troth is full') and contains(., 'not lost')]")
        .await;
    b.click_button("Download a backup that includes the unsaved change")
        .await;
    let backup =
        std::fs::read_to_string(downloaded(&b, "troth-backup-with-unsaved-change").await).unwrap();
    assert!(backup.contains("Made with the storage full"), "{backup}");
    assert!(backup.contains("Saved before the storage filled"));

    // What was saved is intact after a reload; the unsaved change is not pretended saved.
    b.client.refresh().await.unwrap();
    b.find_x(&row("Saved before the storage filled")).await;
    b.gone_x(&row("Made with the storage full")).await;
    b.close().await;
}

in_every_engine!(a_save_kept_waiting_by_another_tab_says_so_then_hands_over_the_change);
async fn a_save_kept_waiting_by_another_tab_says_so_then_hands_over_the_change(engine: Engine) {
    let (server, b) = open_in(engine, "/").await;
    let day = today_in_berlin() + Days::days(3);
    make(&b, "Saved before the other tab", "Ana", day, 9).await;
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();
    b.client.goto(&server.url("/")).await.unwrap();
    b.find_x(&row("Saved before the other tab")).await;
    // The other tab takes the save lock and never lets go (a tab stuck in a save).
    let held = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.locks.request('troth.save', () => { done(true); return new Promise(() => {}); });",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(held, serde_json::Value::Bool(true));

    b.client.switch_to_window(first.clone()).await.unwrap();
    b.type_into("make-what", "Made while another tab held on")
        .await;
    b.type_into("make-to", "Ana").await;
    b.type_date("make-date", day).await;
    b.type_time("make-time", 10, 0).await;
    b.click_button("Make commitment").await;
    // First a word that it waits, then the change offered as a file, and the wait is over.
    let waiting = "//p[@role='status']/span[.='Waiting for another Troth tab…']";
    b.find_x(waiting).await;
    let gave_up = std::time::Duration::from_secs(troth::store::SAVE_PATIENCE_SECS) + PATIENCE;
    b.find_x_within("//p[@role='alert']/span[contains(., 'Another Troth tab has been saving') and contains(., 'not lost')]", gave_up)
        .await;
    b.gone_x(waiting).await;
    b.gone_x("//main[@aria-busy='true']").await;
    b.click_button("Download a backup that includes the unsaved change")
        .await;
    let backup =
        std::fs::read_to_string(downloaded(&b, "troth-backup-with-unsaved-change").await).unwrap();
    assert!(
        backup.contains("Made while another tab held on"),
        "{backup}"
    );
    assert!(backup.contains("Saved before the other tab"));
    b.gone_x(&row("Made while another tab held on")).await;

    // The other tab closes, letting go: the same press now saves, and a reload keeps it.
    b.client.switch_to_window(second).await.unwrap();
    b.client.close_window().await.unwrap();
    b.client.switch_to_window(first).await.unwrap();
    b.click_button("Make commitment").await;
    b.find_x(&row("Made while another tab held on")).await;
    b.client.refresh().await.unwrap();
    b.find_x(&row("Made while another tab held on")).await;
    b.close().await;
}

/// Waits for a finished download whose name starts with `prefix`.
pub(crate) async fn downloaded(b: &Browser, prefix: &str) -> std::path::PathBuf {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let found = std::fs::read_dir(b.downloads()).ok().and_then(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).find(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                // A browser may create the file before it writes it, or write it under another
                // name first (Chromium's .crdownload, Firefox's .part, WebKit's .wkdownload).
                let written = std::fs::metadata(p).is_ok_and(|m| m.len() > 0);
                let partial = [".crdownload", ".part", ".wkdownload", ".download"]
                    .iter()
                    .any(|end| name.ends_with(end));
                name.starts_with(prefix) && !partial && written
            })
        });
        if let Some(p) = found {
            return p;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no download {prefix}*"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// XSS payloads: each would set `window.__troth_xss` if the browser ever ran it.
fn payloads() -> Vec<String> {
    let vectors = [
        "<script>window.__troth_xss=1</script>",
        "<img src=x onerror=window.__troth_xss=2>",
        "<svg onload=window.__troth_xss=3>",
        "<iframe srcdoc=\"<script>parent.__troth_xss=4</script>\"></iframe>",
        "<body onload=window.__troth_xss=5>",
        "<a href=\"javascript:window.__troth_xss=6\">x</a>",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__troth_xss=7>",
        "<details open ontoggle=window.__troth_xss=8>",
        "<video><source onerror=window.__troth_xss=9></video>",
        "<input autofocus onfocus=window.__troth_xss=10>",
        "<object data=\"javascript:window.__troth_xss=11\"></object>",
        "<embed src=\"javascript:window.__troth_xss=12\">",
        "{{constructor.constructor('window.__troth_xss=13')()}}",
        "${window.__troth_xss=14}",
        "</textarea><script>window.__troth_xss=15</script>",
        "<style>@import 'javascript:window.__troth_xss=16'</style>",
        "<marquee onstart=window.__troth_xss=17>",
        "<form><button formaction=javascript:window.__troth_xss=18>x</button></form>",
        "<base href=\"javascript:window.__troth_xss=19//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__troth_xss=20\">",
        "[x](javascript:window.__troth_xss=21)",
        "<img src=\"x` `<script>window.__troth_xss=22</script>\"` `>",
        "<scr<script>ipt>window.__troth_xss=23</scr</script>ipt>",
        "<svg><animate onbegin=window.__troth_xss=24 attributeName=x dur=1s>",
        "<div style=\"background:url(javascript:window.__troth_xss=25)\">",
        "&lt;img src=x onerror=window.__troth_xss=26&gt;",
        "<noscript><p title=\"</noscript><img src=x onerror=window.__troth_xss=27>\">",
    ];
    let wraps: [fn(&str) -> String; 4] = [
        |v| v.to_owned(),
        |v| format!("\"'>{v}"),
        |v| format!("Ana: {v}"),
        |v| format!("{v}<!--"),
    ];
    vectors
        .iter()
        .flat_map(|v| wraps.iter().map(move |w| w(v)))
        .collect()
}

/// What both fill scripts share: the payloads, and filling and pressing as a user would.
macro_rules! fill_helpers {
    () => {
        r#"
const [payloads, done] = [arguments[0], arguments[arguments.length - 1]];
const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
const go = async (hash) => { location.hash = hash; await frame(); await frame(); };
const fill = (id, value) => {
  const el = document.getElementById(id);
  if (!el) throw new Error('no field #' + id + ' on ' + location.hash + ' (' + [...document.querySelectorAll('.troth-error')].map(e => e.textContent).join(' / ') + '): ' + document.querySelector('main').innerText.slice(0, 300));
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
  setter.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  filled++;
};
// A save waits its turn for the cross-tab lock: the page is aria-busy until it is done.
// The page marks itself busy once the click's handler has run (a microtask later): look after
// the next frame, not at once.
const settled = async () => {
  await frame();
  for (let i = 0; i < 5000 && document.querySelector('main[aria-busy="true"]'); i++) await frame();
  await frame();
};
const press = async (text) => {
  const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === text);
  if (!b) throw new Error('no button ' + text + ' on ' + location.hash);
  b.click(); await settled();
};
const name = (i) => ('P' + i + ' ' + payloads[i]).slice(0, 80);
let filled = 0;
"#
    };
}

/// Fills every text field of the ledger part with each payload, as input events from the
/// keyboard would, and submits each form. Returns how many fields were filled. `FILL_TALK` does
/// the same on the talk page (its own page: a script does not outlive its page).
const FILL_LEDGER: &str = concat!(
    fill_helpers!(),
    r#"
(async () => {
  try {
    await go('#/');
    for (let i = 0; i < payloads.length; i++) {
      fill('make-what', payloads[i]); fill('make-to', name(i));
      fill('make-date', '2099-01-0' + (1 + i % 8)); fill('make-time', '10:00');
      await press('Make commitment');
    }
    fill('filter-query', payloads[0]); await frame(); fill('filter-query', '');
    for (let i = 0; i < payloads.length; i++) {
      await go('#/c/' + i);
      // Still fresh: a slip in what and whom is corrected first.
      fill('fix-what', payloads[(i + 1) % payloads.length]); fill('fix-to', ('Q' + i + ' ' + payloads[i]).slice(0, 80));
      await press('Correct it');
      fill('reneg-date', '2099-02-01'); fill('reneg-time', '11:00'); fill('reneg-reason', payloads[i]);
      await press('Renegotiate');
      await press('Mark done');
      fill('notyet-missing', payloads[i]); await press('Not yet');
      if (i % 2 === 0) {
        await press('Mark done');
        fill('ack-how', payloads[i]);
        const ack = [...document.querySelectorAll('button')].find(b => b.textContent.trim().endsWith(' acknowledged it'));
        ack.click(); await settled();
      } else {
        fill('release-note', payloads[i]); await press('Release it');
      }
    }
    await go('#/people');
    fill('person-name', 'Extra ' + payloads[1].slice(0, 60)); await press('Add');
    await go('#/people/0');
    fill('edit-name', 'Renamed ' + payloads[2].slice(0, 60)); await press('Save details');
    // Goals, successes and raised hands: each of their text fields, a few payloads each.
    const pick = (id, value) => {
      const el = document.getElementById(id);
      if (!el) throw new Error('no select #' + id + ' on ' + location.hash);
      el.value = value; el.dispatchEvent(new Event('change', { bubbles: true }));
    };
    for (let i = 0; i < 6; i++) {
      await go('#/people/0');
      fill('person-success-what', payloads[i]); await press('Note the success');
      fill('hand-concern', payloads[i]); fill('hand-date', '2099-01-02'); fill('hand-time', '10:00');
      await press('Raise my hand');
      fill('hand-' + i + '-said', payloads[i]); pick('hand-' + i + '-outcome', '1'); await frame();
      fill('hand-' + i + '-follow', payloads[i + 1]);
      fill('hand-' + i + '-due-date', '2099-01-03'); fill('hand-' + i + '-due-time', '10:00');
      await press('Record it');
      fill('goal-what', payloads[i]); fill('goal-kickoff-date', '2099-01-01'); fill('goal-kickoff-time', '09:00');
      await press('Set the goal'); await frame(); await frame();
      fill('review-0-said', payloads[i]); pick('review-0-verdict', '1'); await frame();
      fill('review-0-what', payloads[i + 2]); await press('Record the review');
      await press('Yes, hold it now');
      fill('serve-what', payloads[i + 3]); fill('serve-date', '2099-01-05'); fill('serve-time', '10:00');
      await press('Make it');
      fill('goal-success-what', payloads[i + 4]); await press('Note the success');
    }
    await go('#/c/0');
    fill('ack-success-what', payloads[7]); await press('Note the success');
    done({ filled, hash: location.hash });
  } catch (e) { done({ error: String(e), filled }); }
})();
"#
);

const FILL_TALK: &str = concat!(
    fill_helpers!(),
    r#"
(async () => {
  try {
    fill('talk-title', payloads[3]); fill('talk-date', '2099-03-01'); await press('Create talk');
    await frame(); await frame();
    for (let i = 0; i < payloads.length; i++) {
      fill('topic-line', 'Asker ' + i + ': ' + payloads[i]); await press('Add topic');
    }
    for (let i = 0; i < payloads.length; i += 2) {
      const pick = document.querySelectorAll('.troth-topic__pick')[i];
      pick.click(); await frame();
      await press('Mark covered (C)');
      fill('notyet-missing', payloads[i]); await press('Not yet');
      fill('defer-what', payloads[i + 1] || payloads[0]);
      fill('defer-date', '2099-04-01'); fill('defer-time', '09:00');
      await press('Defer to a commitment');
    }
    document.querySelectorAll('.troth-topic__pick')[1].click(); await frame();
    fill('edit-topic', 'Asker 1: ' + payloads[5]); await press('Save wording');
    done({ filled, hash: location.hash });
  } catch (e) { done({ error: String(e), filled }); }
})();
"#
);

/// Whether anything from user text became markup: script-bearing elements, handler attributes,
/// `javascript:` links — whether or not the Content-Security-Policy stopped them running.
const INJECTED: &str = r#"
const bad = [...document.body.querySelectorAll('*')].filter(el =>
  ['SCRIPT','IFRAME','OBJECT','EMBED','BASE','META','LINK','STYLE','MARQUEE','VIDEO','MATH','IMG','FRAME'].includes(el.tagName)
  || [...el.attributes].some(a => a.name.startsWith('on') || /^\s*javascript:/i.test(a.value)));
return { ran: window.__troth_xss ?? null, bad: bad.slice(0, 3).map(el => el.outerHTML.slice(0, 80)), count: document.body.innerText.length };
"#;

async fn clean(b: &Browser, place: &str) {
    let r = b.client.execute(INJECTED, vec![]).await.unwrap();
    assert_eq!(
        r["ran"],
        serde_json::Value::Null,
        "a payload ran on {place}: {r}"
    );
    assert_eq!(
        r["bad"],
        serde_json::json!([]),
        "markup from user text on {place}: {r}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_in_every_text_field_stays_text_everywhere_it_is_shown() {
    let payloads = payloads();
    assert!(payloads.len() >= 100);
    let server = Server::start(crate::support::dist());
    let b = Browser::launch().await;
    b.client.goto(&server.url("/")).await.unwrap();
    b.find_x("//h1[.='Ledger']").await;
    let started = std::time::Instant::now();
    let r = b
        .client
        .execute_async(FILL_LEDGER, vec![serde_json::json!(payloads)])
        .await
        .unwrap();
    assert!(r.get("error").is_none(), "{r}");
    let mut filled = r["filled"].as_u64().unwrap();
    // Presentation mode is its own page.
    b.client
        .goto(&server.url("/talk.html#/talks"))
        .await
        .unwrap();
    b.find_x("//h1[.='Talks']").await;
    let r = b
        .client
        .execute_async(FILL_TALK, vec![serde_json::json!(payloads)])
        .await
        .unwrap();
    assert!(r.get("error").is_none(), "{r}");
    filled += r["filled"].as_u64().unwrap();
    eprintln!(
        "{} payloads, {filled} fields filled in {:.1} s",
        payloads.len(),
        started.elapsed().as_secs_f64()
    );

    // Every view that shows user text, normal and projector.
    let talk = r["hash"].as_str().unwrap().to_owned();
    let mut places = vec![
        "/#/".to_owned(),
        "/#/people".to_owned(),
        "/#/talks".to_owned(),
        format!("/{talk}"),
        format!("/{}", talk.replace("/present", "/project")),
        format!("/{}", talk.replace("/present", "/summary")),
    ];
    places.extend((0..payloads.len()).step_by(9).map(|i| format!("/#/c/{i}")));
    places.extend((0..6).map(|i| format!("/#/people/{i}")));
    places.extend((0..6).map(|i| format!("/#/goal/{i}")));
    for place in &places {
        b.client.goto(&server.url(place)).await.unwrap();
        b.find("main h1, .troth-stage__title").await;
        clean(&b, place).await;
    }
    // The projector shows the deferred and missing texts too; step through every topic.
    b.client
        .goto(&server.url(&format!("/{}", talk.replace("/present", "/project"))))
        .await
        .unwrap();
    let shown = b
        .client
        .find_all(Locator::Css(".troth-stage__prompt"))
        .await
        .unwrap()
        .len();
    assert!(shown >= payloads.len() / 2, "{shown} status lines");
    clean(&b, "projector").await;
    b.close().await;
}
