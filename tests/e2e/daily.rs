//! Daily use, as a coach with clients in three time zones meets it: no zone carried over, zones
//! by their city, slips corrected, the ledger a list first, and the People page by where trust
//! is slipping.

use super::{entry, make, open, today_in_berlin};
use crate::support::Browser;
use chrono::Duration as Days;
use serde_json::{json, Value};

/// Now, in whole seconds, on the clock the browser also reads.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Writes `records` (storage keys to values) into the page's storage and reloads, as if an
/// earlier session had left them there.
pub(crate) async fn seed(b: &Browser, records: &serde_json::Map<String, Value>) {
    let records: serde_json::Map<String, Value> = records
        .iter()
        .map(|(k, v)| {
            let text = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
            (k.clone(), Value::String(text))
        })
        .collect();
    b.client
        .execute(
            "localStorage.clear(); for (const [k, v] of Object.entries(arguments[0])) localStorage.setItem(k, v); return null;",
            vec![Value::Object(records)],
        )
        .await
        .unwrap();
    b.client.refresh().await.unwrap();
}

pub(crate) fn person(id: u64, name: &str, zone: Option<&str>) -> Value {
    match zone {
        Some(z) => json!({ "id": id, "name": name, "zone": z }),
        None => json!({ "id": id, "name": name }),
    }
}

/// A stored commitment made `made` seconds ago and due `due` seconds from now, with `then`
/// (entries after it, each `[kind, seconds ago]`).
pub(crate) fn commitment(
    id: u64,
    to: u64,
    what: &str,
    made: i64,
    due: i64,
    then: &[(&str, i64)],
) -> Value {
    let t = now();
    let mut history = vec![
        json!({ "made": { "at": t - made, "due": { "at": t + due, "tz": "Europe/Berlin" } } }),
    ];
    for (kind, ago) in then {
        history.push(json!({ *kind: { "at": t - ago } }));
    }
    json!({ "id": id, "to": to, "what": what, "history": history })
}

/// For looking at the pages: `TROTH_SHOTS=/some/dir cargo test --test e2e daily` saves them.
pub(crate) async fn shot(b: &Browser, name: &str) {
    if let Ok(dir) = std::env::var("TROTH_SHOTS") {
        let png = b.client.screenshot().await.unwrap();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

/// Whether the element `css` matches first lies wholly inside the window.
async fn wholly_in_view(b: &Browser, css: &str) -> Value {
    b.client
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: innerHeight, inside: r.top >= 0 && r.bottom <= innerHeight };",
            vec![css.into()],
        )
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_zone_is_never_carried_over_and_is_found_by_its_city() {
    let (server, b) = open("/").await;
    let day = today_in_berlin() + Days::days(3);

    // A zone nobody knows is pointed out at its field, and the note goes once it is fixed.
    b.type_into("make-what", "Send Maria the slides").await;
    b.type_into("make-to", "Maria").await;
    b.type_into("make-their-zone", "New York").await;
    b.type_into("make-zone", "Atlantis").await;
    b.find_x("//input[@id='make-zone' and @aria-invalid='true']")
        .await;
    b.find_x("//p[@id='make-zone-error' and contains(., '“Atlantis” is not a time zone')]")
        .await;
    b.type_into("make-zone", "New York").await;
    b.gone_x("//p[@id='make-zone-error' and normalize-space(.)!='']")
        .await;
    // A zone other than the user's own is said next to the time.
    b.find_x("//span[@class='troth-zone__elsewhere' and .='Stated in New York time, not yours (Berlin).']")
        .await;
    b.type_date("make-date", day).await;
    b.type_time("make-time", 11, 0).await;
    b.click_button("Make commitment").await;
    // Confirmed where the user is looking, in words with how soon.
    b.find_x("//p[@class='troth-made' and contains(., 'Committed to Maria: Send Maria the slides, due in ')]")
        .await;

    // The next one starts in the user's own zone, for them and for someone new.
    let value = |id: &'static str| {
        let b = &b;
        async move {
            b.find(&format!("#{id}"))
                .await
                .prop("value")
                .await
                .unwrap()
                .unwrap_or_default()
        }
    };
    assert_eq!(value("make-zone").await, "Europe/Berlin");
    make(&b, "Send Jonas the notes", "Jonas", day, 12).await;
    b.find_x("//a[.='Send Jonas the notes']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//span[@class='troth-hint' and .='(stated in Europe/Berlin)']")
        .await;
    // In the browser's en-US (some ICU versions put a narrow no-break space before "PM").
    b.find_x("//dd/strong[contains(translate(., '\u{202f}', ' '), '12:00 PM Berlin')]")
        .await;

    // Maria's own zone is one click away once she is chosen, and her clock is shown.
    b.client.goto(&server.url("/")).await.unwrap();
    b.click_button("Make a commitment").await;
    b.type_into("make-to", "Maria").await;
    shot(&b, "make-for-maria").await;
    b.click_button("Use Maria’s (New York)").await;
    assert_eq!(value("make-zone").await, "America/New_York");

    // Renegotiating shows both clocks too.
    b.client.goto(&server.url("/#/people")).await.unwrap();
    b.find_x("//a[.='Maria']").await;
    b.find_x("//tr[th/a[.='Maria']]/td[.='New York']").await;
    b.gone_x("//*[contains(., 'Committed to')]").await;
    b.client.goto(&server.url("/")).await.unwrap();
    b.find_x("//a[.='Send Maria the slides']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//span[@class='troth-hint' and .='(stated in America/New_York)']")
        .await;
    b.type_date("reneg-date", day + Days::days(1)).await;
    b.type_time("reneg-time", 9, 0).await;
    b.find_x("//form[@aria-labelledby='reneg-title']//p[@class='troth-preview' and contains(., ' for Maria in New York')]")
        .await;
    shot(&b, "renegotiate").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slip_is_corrected_and_not_counted_as_a_renegotiation() {
    let (server, b) = open("/").await;
    let day = today_in_berlin() + Days::days(2);
    make(&b, "Send Maria the slids", "Maria", day, 11).await;
    b.find_x("//a[.='Send Maria the slids']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//h2[.='Correct a slip']").await;
    b.type_into("fix-what", "Send Maria the slides").await;
    b.type_time("fix-time", 15, 0).await;
    b.click_button("Correct it").await;
    b.find_x("//h1[.='Send Maria the slides']").await;
    b.find_x(&entry(
        "Corrected a slip (not a renegotiation): what is now “Send Maria the slides”; due ",
    ))
    .await;
    b.find_x(&entry("Made as “Send Maria the slids” to Maria"))
        .await;
    shot(&b, "corrected").await;

    // Kept: on time, with no renegotiation in Maria's record.
    b.click_button("Mark done").await;
    b.click_button("Maria acknowledged it").await;
    b.find_x("//span[contains(@class, 'troth-state') and .='kept']")
        .await;
    b.client.goto(&server.url("/#/people/0")).await.unwrap();
    b.find_x("//tr[th='Kept on time' and td='1']").await;
    b.find_x("//section[contains(@class, 'troth-record')]/p[contains(., '0 renegotiated early, 0 late')]")
        .await;
    b.close().await;
}

/// Sixteen commitments in every state, as a coach's week leaves them.
pub(crate) fn a_busy_week() -> serde_json::Map<String, Value> {
    let (h, d) = (3600, 86_400);
    let mut records = serde_json::Map::new();
    let mut n = 0;
    let mut add = |to: u64, what: &str, made: i64, due: i64, then: &[(&str, i64)]| {
        records.insert(
            format!("troth.c.{n}"),
            commitment(n, to, what, made, due, then),
        );
        n += 1;
    };
    for i in 0..2 {
        add(i, &format!("Overdue report {i}"), 3 * d, -d, &[]);
    }
    for i in 0..3 {
        add(
            i % 3,
            &format!("Call back soon {i}"),
            h,
            5 * h + i as i64,
            &[],
        );
    }
    for i in 0..2 {
        add(i, &format!("Awaiting note {i}"), 2 * d, d, &[("done", h)]);
    }
    for i in 0..4 {
        add(i % 3, &format!("Later plan {i}"), h, 5 * d, &[]);
    }
    for i in 0..4 {
        add(
            i % 2,
            &format!("Kept promise {i}"),
            5 * d,
            -3 * d,
            &[("done", 4 * d), ("ack", 4 * d)],
        );
    }
    add(2, "Missed one", 5 * d, -4 * d, &[("missed", 3 * d)]);
    records.insert(
        "troth.meta".into(),
        json!({
            "schema": 3,
            "people": [person(0, "Ana", Some("Europe/Berlin")), person(1, "Bo", Some("America/New_York")), person(2, "Cy", Some("Asia/Kolkata"))],
            "next": [3, n, 0],
        }),
    );
    records.insert("troth.rev".into(), json!("1"));
    records
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ledger_opens_on_what_needs_attention_above_the_fold() {
    let (_server, b) = open("/").await;
    seed(&b, &a_busy_week()).await;
    b.client.set_window_size(1280, 800).await.unwrap();
    b.find_x("//h3[@id='group-overdue']").await;
    // What needs attention first; the ended ones folded away with their count.
    let order = b
        .client
        .execute(
            "return [...document.querySelectorAll('.troth-group')].map(g => g.className.split('--')[1]);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        order,
        json!(["overdue", "soon", "awaiting", "later", "kept", "ended"])
    );
    b.find_x("//details[contains(@class, 'troth-group--kept') and not(@open)]/summary[contains(., 'Kept') and span='4']")
        .await;
    b.find_x("//li[a='Overdue report 0']//strong[@class='troth-row__when' and .='24 h late']")
        .await;
    b.find_x("//li[a='Call back soon 0']//strong[@class='troth-row__when' and (.='in 4 h' or .='in 5 h')]")
        .await;
    let first = wholly_in_view(&b, ".troth-row").await;
    assert_eq!(first["inside"], json!(true), "1280 × 800: {first}");
    shot(&b, "ledger-1280x800").await;
    // The form is one button away, and a commitment made shows where the user is looking.
    b.click_button("Make a commitment").await;
    let focused = b
        .client
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, json!("make-what"));

    // Settled from the list, where it is: done, then acknowledged, one click each.
    let click = |xpath: &'static str| {
        let b = &b;
        async move { b.find_x(xpath).await.click().await.unwrap() }
    };
    click("//button[@aria-label='Mark done: Call back soon 0']").await;
    b.find_x("//section[contains(@class, 'troth-group--awaiting')]//li[a='Call back soon 0']//strong[starts-with(., 'waiting ')]")
        .await;
    click("//button[@aria-label='Ana acknowledged it: Call back soon 0']").await;
    b.find_x("//details[contains(@class, 'troth-group--kept')]/summary/span[.='5']")
        .await;

    // A phone: 390 × 844.
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": true }),
    )
    .await;
    b.client.refresh().await.unwrap();
    b.find_x("//h3[@id='group-overdue']").await;
    let first = wholly_in_view(&b, ".troth-row").await;
    assert_eq!(first["inside"], json!(true), "390 × 844: {first}");
    // A commitment made on the phone is confirmed in sight, not scrolled away.
    b.click_button("Make a commitment").await;
    b.type_into("make-what", "Text Ana the address").await;
    b.type_into("make-to", "Ana").await;
    b.type_date("make-date", today_in_berlin() + Days::days(1))
        .await;
    b.type_time("make-time", 18, 0).await;
    b.find("#make-time")
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap();
    b.find_x("//p[@class='troth-made' and contains(., 'Committed to Ana: Text Ana the address')]")
        .await;
    let made = wholly_in_view(&b, ".troth-made").await;
    assert_eq!(made["inside"], json!(true), "390 × 844: {made}");
    shot(&b, "ledger-390x844").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_people_page_puts_where_trust_is_slipping_first() {
    let (server, b) = open("/").await;
    let (h, d) = (3600, 86_400);
    let kept = [("done", 4 * d), ("ack", 4 * d)];
    let mut records = serde_json::Map::new();
    for (n, (to, due, then)) in [
        (0, -3 * d, &kept[..]),
        (0, -3 * d, &kept[..]),
        (1, -3 * d, &kept[..]),
        // Bo's second is overdue now: his 100 % must not stand alone.
        (1, -h, &[][..]),
    ]
    .into_iter()
    .enumerate()
    {
        records.insert(
            format!("troth.c.{n}"),
            commitment(n as u64, to, &format!("Promise {n}"), 5 * d, due, then),
        );
    }
    records.insert(
        "troth.t.0".into(),
        json!({ "id": 0, "title": "Open day", "date": "2026-12-01", "topics": [{ "id": 0, "text": "pricing", "askers": [2] }], "next_topic": 1 }),
    );
    records.insert(
        "troth.meta".into(),
        json!({
            "schema": 3,
            "people": [person(0, "Ana", Some("Europe/Berlin")), person(1, "Bo", Some("America/New_York")), person(2, "Cy", None)],
            "next": [3, 4, 1],
        }),
    );
    records.insert("troth.rev".into(), json!("1"));
    seed(&b, &records).await;
    b.find_x(
        "//p[@class='troth-word' and contains(., '100% kept as agreed so far, and 1 overdue now')]",
    )
    .await;

    b.client.goto(&server.url("/#/people")).await.unwrap();
    b.find_x("//table//a[.='Ana']").await;
    let names = b
        .client
        .execute(
            "return [...document.querySelectorAll('tbody th a')].map(a => a.textContent);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(names, json!(["Bo", "Ana", "Cy"]));
    b.find_x("//tr[th/a='Bo']/td[.='100% kept as agreed so far, and 1 overdue now']")
        .await;
    b.find_x("//tr[th/a='Ana']/td[.='100% kept as agreed']")
        .await;
    shot(&b, "people").await;
    // Someone who only asked a topic: marked so, with no zone guessed.
    b.find_x(
        "//tr[th[a='Cy' and contains(., 'asked a topic in “Open day”')]]/td[.='not known yet']",
    )
    .await;
    b.close().await;
}
