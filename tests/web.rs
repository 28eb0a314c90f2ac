//! Browser tests (wasm-bindgen-test in headless Chromium): what only a browser can show —
//! `Intl` zone arithmetic, the real `localStorage` with its quota, and components in a real DOM.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDateTime;
use leptos::prelude::*;
use troth::domain::{
    describe_due, resolve_local, Book, Command, DateFormat, Direction, Instant, Kind, LocalTime,
    Zone, ZoneRules,
};
use troth::store::{local::Local, schema, Backend, CommitError, Store, StoreError};
use troth::ui::intl::{IntlDates, IntlZones};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn utc(s: &str) -> Instant {
    let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
    Instant::from_unix(t.and_utc().timestamp())
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn clear_storage() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

/// The browser's locale writes each reading as the domain chose it, whatever the zone of the
/// browser's own clock: the runner's Chromium speaks en-US.
#[wasm_bindgen_test]
fn dates_are_written_in_the_browsers_locale() {
    let plain = |s: String| s.replace('\u{202f}', " ");
    let reading = local("2026-12-01 16:05");
    assert_eq!(plain(IntlDates.day_time(reading)), "Tue, Dec 1, 4:05 PM");
    assert_eq!(plain(IntlDates.time(reading.time())), "4:05 PM");
    assert_eq!(IntlDates.day(reading.date()), "Tue, Dec 1");
    assert_eq!(IntlDates.date(reading.date()), "Tue, Dec 1, 2026");
    // Midnight and the last minute of a day stay on their day.
    assert_eq!(
        plain(IntlDates.day_time(local("2026-12-31 23:59"))),
        "Thu, Dec 31, 11:59 PM"
    );
    assert_eq!(
        plain(IntlDates.day_time(local("2027-01-01 00:00"))),
        "Fri, Jan 1, 12:00 AM"
    );
    // The words around the moments stay; each moment is the locale's.
    let berlin = Zone::parse(&IntlZones, "Europe/Berlin").unwrap();
    let tokyo = Zone::parse(&IntlZones, "Asia/Tokyo").unwrap();
    assert_eq!(
        plain(describe_due(
            &IntlZones,
            &IntlDates,
            utc("2026-12-01 16:00:00"),
            &berlin,
            Some(("Kenji", &tokyo))
        )),
        "Tue, Dec 1, 5:00 PM Berlin · Wed, Dec 2, 1:00 AM for Kenji in Tokyo"
    );
}

#[wasm_bindgen_test]
fn intl_offsets_change_exactly_at_daylight_saving_transitions() {
    let z = IntlZones;
    // Berlin springs forward at 01:00Z on 2026-03-29 and falls back at 01:00Z on 2026-10-25.
    assert_eq!(
        z.offset_at("Europe/Berlin", utc("2026-03-29 00:59:59")),
        Some(3600)
    );
    assert_eq!(
        z.offset_at("Europe/Berlin", utc("2026-03-29 01:00:00")),
        Some(7200)
    );
    assert_eq!(
        z.offset_at("Europe/Berlin", utc("2026-10-25 00:59:59")),
        Some(7200)
    );
    assert_eq!(
        z.offset_at("Europe/Berlin", utc("2026-10-25 01:00:00")),
        Some(3600)
    );
    // New York: 2026-03-08 07:00Z and 2026-11-01 06:00Z.
    assert_eq!(
        z.offset_at("America/New_York", utc("2026-03-08 06:59:59")),
        Some(-5 * 3600)
    );
    assert_eq!(
        z.offset_at("America/New_York", utc("2026-03-08 07:00:00")),
        Some(-4 * 3600)
    );
    assert_eq!(
        z.offset_at("America/New_York", utc("2026-11-01 05:59:59")),
        Some(-4 * 3600)
    );
    assert_eq!(
        z.offset_at("America/New_York", utc("2026-11-01 06:00:00")),
        Some(-5 * 3600)
    );
    // Half-hour and southern-hemisphere zones.
    assert_eq!(
        z.offset_at("Asia/Kolkata", utc("2026-06-01 00:00:00")),
        Some(19_800)
    );
    assert_eq!(
        z.offset_at("Australia/Adelaide", utc("2026-01-15 00:00:00")),
        Some(37_800)
    );
    assert_eq!(
        z.offset_at("Mars/Olympus_Mons", utc("2026-01-15 00:00:00")),
        None
    );
    assert!(Zone::parse(&z, "Europe/Atlantis").is_err());
}

/// The names people use find their zone through the browser's own database, as natively.
#[wasm_bindgen_test]
fn zones_are_found_by_the_names_people_use_through_intl() {
    let find = |name: &str| Zone::find(&IntlZones, name).map(|z| z.name().to_owned());
    for (said, iana) in [
        ("New York", "America/New_York"),
        ("berlin", "Europe/Berlin"),
        ("Kolkata", "Asia/Kolkata"),
        ("Pacific time", "America/Los_Angeles"),
        ("Asia/Tokyo", "Asia/Tokyo"),
    ] {
        assert_eq!(find(said), Ok(iana.to_owned()), "{said}");
    }
    assert!(find("Atlantis").is_err());
}

#[wasm_bindgen_test]
fn intl_resolves_skipped_and_repeated_wall_times() {
    let z = IntlZones;
    let berlin = Zone::parse(&z, "Europe/Berlin").unwrap();
    assert_eq!(
        resolve_local(&z, &berlin, local("2026-03-29 02:30")),
        LocalTime::Skipped
    );
    assert_eq!(
        resolve_local(&z, &berlin, local("2026-10-25 02:30")),
        LocalTime::Twice {
            earlier: utc("2026-10-25 00:30:00"),
            later: utc("2026-10-25 01:30:00")
        }
    );
    assert_eq!(
        resolve_local(&z, &berlin, local("2026-11-24 17:00")),
        LocalTime::Single(utc("2026-11-24 16:00:00"))
    );
    let ny = Zone::parse(&z, "America/New_York").unwrap();
    assert_eq!(
        resolve_local(&z, &ny, local("2026-03-08 02:30")),
        LocalTime::Skipped
    );
    assert!(matches!(
        resolve_local(&z, &ny, local("2026-11-01 01:30")),
        LocalTime::Twice { .. }
    ));
}

fn add(store: &mut Store<Local>, book: &mut Book, name: &str) -> Result<(), CommitError> {
    let zone = Zone::parse(&IntlZones, "UTC").unwrap();
    store
        .commit(
            book,
            Command::AddPerson {
                name: name.into(),
                zone,
            },
            Instant::from_unix(0),
        )
        .map(|_| ())
}

#[wasm_bindgen_test]
fn a_full_local_storage_refuses_the_change_and_keeps_what_was_saved() {
    clear_storage();
    let mut store = Store::new(Local);
    let mut book = store.load(Instant::from_unix(0)).book;
    add(&mut store, &mut book, "Ana").unwrap();
    // Fill the origin's quota with one filler key, halving until nothing more fits.
    let mut chunk = "x".repeat(4 * 1024 * 1024);
    let mut n = 0;
    while chunk.len() > 16 {
        if Local.set(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    let saved = Local.get(schema::META).unwrap();
    let err = add(&mut store, &mut book, &"Bo".repeat(40));
    let Err(CommitError::NotSaved { error, unsaved }) = err else {
        panic!("{err:?}");
    };
    assert_eq!(error, StoreError::Quota);
    assert_eq!(
        unsaved.people().len(),
        2,
        "the unsaved change is handed back"
    );
    assert_eq!(
        Local.get(schema::META).unwrap(),
        saved,
        "what was saved is intact"
    );
    assert_eq!(book.people().len(), 1, "the book is what is stored");
    clear_storage();
}

#[wasm_bindgen_test]
fn unreadable_local_storage_is_kept_aside() {
    clear_storage();
    let mut store = Store::new(Local);
    let mut book = store.load(Instant::from_unix(0)).book;
    add(&mut store, &mut book, "Ana").unwrap();
    Local.set("troth.c.7", "{\"id\":7,").unwrap();
    let loaded = store.load(Instant::from_unix(99));
    assert_eq!(loaded.book.people().len(), 1);
    assert_eq!(loaded.notices.len(), 1);
    assert_eq!(
        Local.get("troth.aside.99.troth.c.7").unwrap().as_deref(),
        Some("{\"id\":7,")
    );
    assert_eq!(Local.get("troth.c.7").unwrap(), None);
    clear_storage();
}

fn body() -> web_sys::HtmlElement {
    document().body().unwrap()
}

fn input(id: &str, value: &str) {
    let el: web_sys::HtmlInputElement = document().get_element_by_id(id).unwrap().unchecked_into();
    el.set_value(value);
    el.dispatch_event(
        &web_sys::Event::new_with_event_init_dict("input", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        })
        .unwrap(),
    )
    .unwrap();
}

fn text(selector: &str) -> String {
    document()
        .query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

/// One turn of the event loop: a zero-delay timer.
async fn turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until no save is in flight: each one waits its turn for the cross-tab lock, and the
/// page is `aria-busy` meanwhile (from the microtask after the click).
async fn settled() {
    for _ in 0..1000 {
        leptos::task::tick().await;
        turn().await;
        if document()
            .query_selector("main[aria-busy]")
            .unwrap()
            .is_none()
        {
            leptos::task::tick().await;
            return;
        }
    }
    panic!("a save never finished");
}

#[wasm_bindgen_test]
async fn the_form_explains_vagueness_and_makes_a_specific_commitment() {
    clear_storage();
    web_sys::window().unwrap().location().set_hash("").unwrap();
    let _mounted = leptos::mount::mount_to(body(), troth::ui::LedgerApp);
    leptos::task::tick().await;
    assert_eq!(text("h1"), "Ledger");

    input("make-what", "Send the <b>draft</b> ASAP");
    input("make-to", "Ana");
    input("make-date", "2099-11-24");
    leptos::task::tick().await;
    let notes = text(".troth-notes");
    assert!(notes.contains("“ASAP”"), "{notes}");
    assert!(notes.contains("Add a time of day"), "{notes}");
    // Markup typed by the user is text, never elements.
    assert!(document()
        .query_selector(".troth-notes b")
        .unwrap()
        .is_none());

    input("make-time", "17:00");
    input("make-zone", "Europe/Berlin");
    input("make-their-zone", "America/New_York");
    leptos::task::tick().await;
    assert!(!text(".troth-notes").contains("time of day"));
    // The user's own zone is the browser's; Ana's clock is shown beside it.
    // Written in the browser's locale: the runner's Chromium speaks en-US.
    let preview = text(".troth-preview").replace('\u{202f}', " ");
    assert!(preview.starts_with("Due Tue, Nov 24, "), "{preview}");
    assert!(
        preview.ends_with(" · 11:00 AM for Ana in New York"),
        "{preview}"
    );

    let form: web_sys::HtmlFormElement = document()
        .query_selector("form#make")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.request_submit().unwrap();
    settled().await;
    let row = text(".troth-row__what");
    assert_eq!(row, "Send the <b>draft</b> ASAP");
    assert!(Local.keys().unwrap().contains(&"troth.c.0".to_owned()));
    clear_storage();
}

/// The storage budget in the real browser: 10,000 commitments with five history entries each
/// are written to `localStorage` under Chromium's real quota, and all of them read back.
#[wasm_bindgen_test]
fn ten_thousand_commitments_fit_in_real_local_storage() {
    use troth::domain::{Change, Due, Recipient};
    clear_storage();
    let zone = Zone::parse(&IntlZones, "Europe/Berlin").unwrap();
    let now = utc("2026-11-22 12:00:00");
    let due = |h: i64| Due {
        at: now.plus_secs(h * 3600),
        zone: zone.clone(),
    };
    let mut book = Book::default();
    let to = Recipient::New {
        name: "Ana".into(),
        zone: zone.clone(),
    };
    book.apply(
        Command::Make {
            to,
            what: "warm-up".into(),
            due: due(1),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        now,
    )
    .unwrap();
    for i in 0..10_000 {
        let what = troth::domain::sample::what(i);
        let make = Command::Make {
            to: Recipient::Existing(troth::domain::PersonId(0)),
            what,
            due: due(48),
            by: Direction::Mine,
            kind: Kind::Deliver,
        };
        let Ok(Change::Commitment(id)) = book.apply(make, now).map(|a| a.change) else {
            panic!()
        };
        for action in troth::domain::sample::four_steps(due(72)) {
            book.apply(Command::Act { id, action }, now).unwrap();
        }
        let c = book.commitment(id).unwrap();
        Local
            .set(
                &schema::key::<troth::domain::Commitment>(id),
                &schema::write(c),
            )
            .expect("fits in the quota");
    }
    let meta = schema::Meta::of(&book);
    Local.set(schema::META, &schema::write(&meta)).unwrap();
    let used: usize = Local
        .keys()
        .unwrap()
        .iter()
        .map(|k| k.encode_utf16().count() + Local.get(k).unwrap().unwrap().encode_utf16().count())
        .sum();
    assert!(used < 5_242_880, "{used} units");
    let loaded = Store::new(Local).load(now);
    assert!(loaded.notices.is_empty());
    assert_eq!(loaded.book.commitments().count(), 10_000);
    clear_storage();
}

/// Saves a talk through the real store with one topic in each state, as the console would.
fn berlin() -> Zone {
    Zone::parse(&IntlZones, "Europe/Berlin").unwrap()
}

/// Empties storage and gives a way to save commands into it now, as a tab would.
fn fresh_storage() -> impl FnMut(Command) {
    clear_storage();
    let now = troth::ui::intl::now();
    let mut store = Store::new(Local);
    let mut book = store.load(now).book;
    move |command| {
        store.commit(&mut book, command, now).unwrap();
    }
}

fn talk_in_every_state() {
    use troth::domain::talk::TopicAction;
    use troth::domain::{PersonId, Recipient, TalkId, TopicId};
    let zone = berlin();
    let mut run = fresh_storage();
    let now = troth::ui::intl::now();
    let talk = TalkId(0);
    run(Command::AddTalk {
        title: "Troth for <i>schools</i>".into(),
        date: "2026-11-24".into(),
    });
    for (who, text) in [
        ("Ana", "pricing"),
        ("Bo", "offline <b>use</b>"),
        ("Cy", "exports"),
        ("Dee", "imports"),
        ("Eve", "printing"),
    ] {
        run(Command::AddTopic {
            talk,
            asker: Recipient::New {
                name: who.into(),
                zone: zone.clone(),
            },
            text: text.into(),
        });
    }
    let act = |topic, action| Command::Topic {
        talk,
        topic: TopicId(topic),
        action,
    };
    run(act(0, TopicAction::Cover));
    run(act(0, TopicAction::Confirm { by: PersonId(0) }));
    run(act(1, TopicAction::Cover));
    run(act(2, TopicAction::Cover));
    run(act(
        2,
        TopicAction::NotYet {
            by: PersonId(2),
            missing: "CSV <script>".into(),
        },
    ));
    run(act(3, TopicAction::Cover));
    run(act(
        3,
        TopicAction::NotYet {
            by: PersonId(3),
            missing: "Excel".into(),
        },
    ));
    run(Command::DeferTopic {
        talk,
        topic: TopicId(3),
        what: "Send the import guide".into(),
        due: troth::domain::Due {
            at: now.plus_secs(86_400 * 3),
            zone,
        },
    });
}

fn texts(selector: &str) -> Vec<String> {
    let found = document().query_selector_all(selector).unwrap();
    (0..found.length())
        .filter_map(|i| found.item(i)?.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn the_projector_shows_each_topic_state_in_words() {
    talk_in_every_state();
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/talks/0/project")
        .unwrap();
    let _mounted = leptos::mount::mount_to(body(), troth::ui::TalksApp);
    leptos::task::tick().await;

    // No app chrome on the projector: only the talk.
    assert!(document()
        .query_selector(".troth-header")
        .unwrap()
        .is_none());
    assert_eq!(text(".troth-stage__title"), "Troth for <i>schools</i>");
    assert_eq!(text(".troth-stage__progress"), "1 of 5 confirmed");
    let bar = document()
        .query_selector(".troth-stage__bar")
        .unwrap()
        .unwrap();
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("1"));

    let classes: Vec<String> = {
        let found = document()
            .query_selector_all(".troth-stage__topic")
            .unwrap();
        (0..found.length())
            .map(|i| {
                found
                    .item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::Element>()
                    .class_name()
            })
            .collect()
    };
    let state = |c: &str| c.rsplit("--").next().unwrap().to_owned();
    assert_eq!(
        classes.iter().map(|c| state(c)).collect::<Vec<_>>(),
        ["confirmed", "covered", "notyet", "deferred", "open"]
    );
    // Confirmed is struck through; covered asks its asker; the rest say where they stand.
    assert_eq!(texts("s.troth-stage__text"), ["pricing"]);
    let prompts = texts(".troth-stage__prompt");
    assert_eq!(prompts[0], "Confirmed by Ana");
    assert_eq!(prompts[1], "Bo — did this cover it?");
    assert_eq!(prompts[2], "Cy — still missing: CSV <script>");
    assert!(
        prompts[3].starts_with("Follow-up for Dee, due "),
        "{}",
        prompts[3]
    );
    assert_eq!(prompts.len(), 4, "an open topic has no status line");
    // User text is text: no element was made from it.
    assert!(document()
        .query_selector(".troth-stage b, .troth-stage i, .troth-stage script")
        .unwrap()
        .is_none());
    // The current topic is the first one not settled: the covered one.
    let current = document()
        .query_selector(".troth-stage__topic[aria-current]")
        .unwrap()
        .unwrap();
    assert!(current.class_name().ends_with("--covered"));
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_share_link_round_trips_through_the_browsers_compression_and_bad_ones_are_named() {
    use troth::domain::share::{ShareError, SharedTalk, SharedTopic};
    use troth::ui::share_link::{link, open};
    let shared = SharedTalk {
        v: 1,
        title: "Troth for schools — ünïcödé".into(),
        date: "2026-11-24".into(),
        topics: (0..60)
            .map(|i| SharedTopic {
                text: format!("question {i} about <b>records</b> & “quotes”"),
                askers: vec![format!("Asker {}", i % 7)],
            })
            .collect(),
    };
    let url = link(&shared).await.unwrap();
    let payload = url.split("#/share/").nth(1).unwrap().to_owned();
    assert!(payload
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    assert!(
        payload.len() < shared.to_json().len() / 3,
        "compressed: {} chars",
        payload.len()
    );
    assert_eq!(open(&payload).await.unwrap(), shared);

    // Cut short, bytes changed, not base64, too long: each says what is wrong.
    assert_eq!(
        open(&payload[..payload.len() / 2]).await,
        Err(ShareError::Damaged)
    );
    assert_eq!(
        open(&format!("AAAA{payload}")).await,
        Err(ShareError::Damaged)
    );
    assert_eq!(open("%%%").await, Err(ShareError::Damaged));
    assert_eq!(
        open(&"A".repeat(40_000)).await,
        Err(ShareError::TooLong(40_000))
    );
    assert_eq!(
        open(&"A".repeat(1_500_000)).await,
        Err(ShareError::TooLong(1_500_000))
    );
    // A bomb: a short link that inflates to 16 MB of spaces is stopped while reading, and
    // says that it holds too much, not that it is damaged.
    let bomb = bomb("deflate-raw", 16).await;
    assert!(
        bomb.len() < troth::domain::share::MAX_LINK,
        "{} chars",
        bomb.len()
    );
    assert_eq!(open(&bomb).await, Err(ShareError::Overflow));
    assert!(ShareError::Overflow
        .to_string()
        .contains("holds more than a Troth link can"));
}

/// A link payload (base64url) of `{"v":1,` followed by `mb` MB of spaces, compressed in
/// `format` (gzip without its 10-byte header, as links carry it).
async fn bomb(format: &str, mb: usize) -> String {
    use troth::ui::share_link::{compress, to_base64url};
    let json = format!("{{\"v\":1,{}", " ".repeat(mb << 20));
    let bytes = compress(&json, format).await.unwrap();
    let skip = if format == "gzip" { 10 } else { 0 };
    to_base64url(&bytes[skip..]).unwrap()
}

#[wasm_bindgen_test]
async fn a_link_round_trips_through_gzip_and_any_changed_character_is_refused() {
    use troth::domain::link::{LinkError, Token};
    use troth::ui::links::{make, read};
    use troth::ui::route::Route;
    let json = format!(
        r#"{{"v":1,"token":"{}","what":"Send the <b>deck</b> & “notes” — ünïcödé"}}"#,
        Token::from_bytes([7; 16]).as_str()
    );
    let url = make(json.clone(), Route::Reply).await.unwrap();
    assert!(url.contains("/link.html#/reply/"), "{url}");
    let payload = url.split("#/reply/").nth(1).unwrap().to_owned();
    assert_eq!(read(&payload).await, Ok(json.clone()));
    // gzip's CRC-32 catches a change anywhere: every character but the last (whose low bits
    // may be padding) is changed in turn, and each altered link is refused.
    let chars: Vec<char> = payload.chars().collect();
    for i in 0..chars.len() - 1 {
        let mut altered = chars.clone();
        altered[i] = if chars[i] == 'A' { 'B' } else { 'A' };
        let altered: String = altered.into_iter().collect();
        assert_eq!(
            read(&altered).await,
            Err(LinkError::Damaged),
            "character {i}"
        );
    }
    assert_eq!(
        read(&payload[..payload.len() - 4]).await,
        Err(LinkError::Damaged)
    );
    assert_eq!(read("%%%").await, Err(LinkError::Damaged));
    assert_eq!(
        read(&"A".repeat(9_000)).await,
        Err(LinkError::TooLong(9_000))
    );
    assert_eq!(
        read(&"A".repeat(1_500_000)).await,
        Err(LinkError::TooLong(1_500_000))
    );
    // 4 MB of spaces fit in a link's 8,192 characters, and are stopped while read.
    let bomb = bomb("gzip", 4).await;
    assert!(
        bomb.len() < troth::domain::link::MAX_LINK_PAYLOAD,
        "{}",
        bomb.len()
    );
    assert_eq!(read(&bomb).await, Err(LinkError::Overflow));
}

#[wasm_bindgen_test]
async fn a_long_group_shows_a_page_of_rows_then_all_of_them() {
    use troth::domain::ledger::PAGE;
    use troth::domain::{Due, PersonId, Recipient};
    clear_storage();
    let now = troth::ui::intl::now();
    let zone = Zone::parse(&IntlZones, "Europe/Berlin").unwrap();
    let mut store = Store::new(Local);
    let mut book = store.load(now).book;
    let total = PAGE + 10;
    for i in 0..total {
        let to = if i == 0 {
            Recipient::New {
                name: "Ana".into(),
                zone: zone.clone(),
            }
        } else {
            Recipient::Existing(PersonId(0))
        };
        let due = Due {
            at: now.plus_secs(86_400 * 10 + i as i64),
            zone: zone.clone(),
        };
        let command = Command::Make {
            to,
            what: format!("Commitment {i}"),
            due,
            by: Direction::Mine,
            kind: Kind::Deliver,
        };
        store.commit(&mut book, command, now).unwrap();
    }
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/")
        .unwrap();
    let _mounted = leptos::mount::mount_to(body(), troth::ui::LedgerApp);
    leptos::task::tick().await;
    let rows = || {
        document()
            .query_selector_all(".troth-group--later .troth-row")
            .unwrap()
            .length() as usize
    };
    assert_eq!(rows(), PAGE);
    assert_eq!(text(".troth-group--later .troth-count"), total.to_string());
    let more: web_sys::HtmlElement = document()
        .query_selector(".troth-more")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(more.text_content().unwrap(), format!("Show all {total}"));
    more.click();
    leptos::task::tick().await;
    assert_eq!(rows(), total);
    assert!(document().query_selector(".troth-more").unwrap().is_none());
    clear_storage();
}

/// The console's "Who says so" shows who is still asked, and a "not yet" is recorded against
/// exactly the person it shows: never the first asker when that one already confirmed.
#[wasm_bindgen_test]
async fn a_not_yet_is_recorded_against_the_asker_the_console_shows() {
    use troth::domain::talk::{TopicAction, TopicEntry};
    use troth::domain::{PersonId, Recipient, TalkId, TopicId};
    let zone = berlin();
    let mut run = fresh_storage();
    let talk = TalkId(0);
    run(Command::AddTalk {
        title: "Q&A".into(),
        date: "2026-11-24".into(),
    });
    for who in ["Ana", "Bo", "Cy"] {
        run(Command::AddTopic {
            talk,
            asker: Recipient::New {
                name: who.into(),
                zone: zone.clone(),
            },
            text: format!("pricing, as {who} asked"),
        });
    }
    // One topic asked by all three; Ana, the first asker, confirms.
    for from in [1, 2] {
        run(Command::MergeTopics {
            talk,
            into: TopicId(0),
            from: TopicId(from),
        });
    }
    run(Command::Topic {
        talk,
        topic: TopicId(0),
        action: TopicAction::Cover,
    });
    run(Command::Topic {
        talk,
        topic: TopicId(0),
        action: TopicAction::Confirm { by: PersonId(0) },
    });

    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/talks/0/present")
        .unwrap();
    let _mounted = leptos::mount::mount_to(body(), troth::ui::TalksApp);
    settled().await;
    let select: web_sys::HtmlSelectElement = document()
        .query_selector("#notyet-by")
        .unwrap()
        .expect("a choice between the askers still asked")
        .unchecked_into();
    let options: Vec<String> = texts("#notyet-by option");
    assert_eq!(options, ["Bo", "Cy"], "Ana has answered already");
    let shown = select
        .selected_options()
        .item(0)
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(shown, "Bo");
    input("notyet-missing", "dates per phase");
    let form: web_sys::HtmlFormElement = select.closest("form").unwrap().unwrap().unchecked_into();
    form.request_submit().unwrap();
    settled().await;

    let stored = Store::new(Local).load(troth::ui::intl::now()).book;
    let topic = stored
        .talk(talk)
        .unwrap()
        .topic(TopicId(0))
        .unwrap()
        .clone();
    match topic.history().last() {
        Some(TopicEntry::NotYet { by, missing, .. }) => {
            assert_eq!(stored.name_of(*by), shown);
            assert_eq!(missing, "dates per phase");
        }
        other => panic!("{other:?}"),
    }
    clear_storage();
}

/// Restoring someone whose name another person now has is refused, and the page says why.
#[wasm_bindgen_test]
async fn a_refused_restore_is_said_in_words() {
    use troth::domain::{Due, PersonId, Recipient};
    let zone = berlin();
    let mut run = fresh_storage();
    let now = troth::ui::intl::now();
    run(Command::Make {
        to: Recipient::New {
            name: "Ana".into(),
            zone: zone.clone(),
        },
        what: "Send the deck".into(),
        due: Due {
            at: now.plus_secs(86_400),
            zone: zone.clone(),
        },
        by: Direction::Mine,
        kind: Kind::Deliver,
    });
    // Ana has a commitment, so removing her hides her; a new Ana may then be added.
    run(Command::RemovePerson { id: PersonId(0) });
    run(Command::AddPerson {
        name: "Ana".into(),
        zone,
    });

    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/people")
        .unwrap();
    let _mounted = leptos::mount::mount_to(body(), troth::ui::LedgerApp);
    settled().await;
    let restore = document()
        .query_selector_all(".troth-plain button")
        .unwrap()
        .item(0)
        .expect("a Restore button");
    restore.unchecked_into::<web_sys::HtmlElement>().click();
    settled().await;
    let problem = text(".troth-message--problem");
    assert!(
        problem.contains("already someone called “Ana”"),
        "{problem:?}"
    );
    clear_storage();
}

/// The Backup page says what it measured and what it did not: the room Troth uses is counted,
/// the browser's limit is not known, so it is called the usual one; and whether tabs take turns.
#[wasm_bindgen_test]
async fn the_backup_page_claims_no_limit_it_did_not_measure() {
    clear_storage();
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/settings")
        .unwrap();
    let _mounted = leptos::mount::mount_to(body(), troth::ui::BackupApp);
    settled().await;
    let page = text("main");
    assert!(page.contains("that browsers usually give a site"), "{page}");
    assert!(!page.contains("this browser gives it"), "{page}");
    // The share it gives, to one decimal, is the characters it counted over the usual room.
    let number = |after: &str, before: &str| -> f64 {
        let from = page.find(after).expect(after) + after.len();
        let to = from + page[from..].find(before).expect(before);
        page[from..to].replace(',', "").parse().expect("a number")
    };
    let used = number("Troth uses ", " characters");
    let share = number(", about ", " % of the ");
    let usual = number(" % of the ", " that browsers");
    assert_eq!(
        format!("{share:.1}"),
        format!("{:.1}", used * 100.0 / usual),
        "{page}"
    );
    // Chromium has Web Locks: the page says saves take turns.
    assert!(page.contains("saves in turn"), "{page}");
    clear_storage();
}
