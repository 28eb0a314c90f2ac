//! The record over time: the chart on a person's page and, for everyone, on the People page,
//! its table the same figures as the track record beside it, before and after a reload.

use super::daily::{commitment, now, person, seed, shot};
use super::open;
use crate::support::{xpath_literal, Browser};
use chrono::TimeZone;
use serde_json::{json, Map, Value};

const DAY: i64 = 86_400;

/// Ana's history with the user, settled over the last weeks in every way a commitment ends,
/// one still open, and one of Ana's own promises (which counts on her record, not the chart).
pub(crate) fn a_record_over_weeks() -> Map<String, Value> {
    let t = now();
    let mut records = Map::new();
    let mut put = |id: u64, c: Value| {
        records.insert(format!("troth.c.{id}"), c);
    };
    // Kept on time, five weeks ago.
    put(
        0,
        commitment(
            0,
            0,
            "The slides",
            40 * DAY,
            -35 * DAY,
            &[("done", 36 * DAY), ("ack", 36 * DAY)],
        ),
    );
    // Due 40 days ago, moved five days ahead of that to 30 days ago, then kept by it.
    put(
        1,
        json!({ "id": 1, "to": 0, "what": "The budget", "history": [
            { "made": { "at": t - 50 * DAY, "due": { "at": t - 40 * DAY, "tz": "Europe/Berlin" } } },
            { "reneg": { "at": t - 45 * DAY, "due": { "at": t - 30 * DAY, "tz": "Europe/Berlin" }, "reason": "The figures came late" } },
            { "done": { "at": t - 32 * DAY } },
            { "ack": { "at": t - 31 * DAY } },
        ] }),
    );
    // Done ten days after its moment: kept late.
    put(
        2,
        commitment(
            2,
            0,
            "The minutes",
            25 * DAY,
            -20 * DAY,
            &[("done", 10 * DAY), ("ack", 10 * DAY)],
        ),
    );
    put(
        3,
        commitment(
            3,
            0,
            "The call",
            20 * DAY,
            -15 * DAY,
            &[("missed", 14 * DAY)],
        ),
    );
    put(
        4,
        json!({ "id": 4, "to": 0, "what": "The visit", "history": [
            { "made": { "at": t - 10 * DAY, "due": { "at": t + 10 * DAY, "tz": "Europe/Berlin" } } },
            { "released": { "at": t - 3 * DAY, "note": "Ana moved away" } },
        ] }),
    );
    put(5, commitment(5, 0, "The review", DAY, 5 * DAY, &[]));
    let mut theirs = commitment(
        6,
        0,
        "Ana: the keys",
        9 * DAY,
        -8 * DAY,
        &[("done", 8 * DAY), ("ack", 8 * DAY)],
    );
    theirs["by"] = json!("theirs");
    put(6, theirs);
    records.insert(
        "troth.meta".into(),
        json!({ "schema": 4, "people": [person(0, "Ana", Some("Europe/Berlin"))], "next": [1, 7, 0] }),
    );
    records.insert("troth.rev".into(), json!("1"));
    records
}

/// The chart section headed `title`.
fn chart(title: &str) -> String {
    format!(
        "//section[contains(@class, 'troth-chart') and h2={}]",
        xpath_literal(title)
    )
}

/// What the page shows, read in one go: the track record `record` (the section headed so),
/// figure by figure, and the chart table's totals under the same names; the table's months
/// added up column by column; whether the table is shown; and its first and last month.
async fn figures(b: &Browser, record: &str, chart: &str) -> Value {
    b.client
        .execute(
            r#"const [recordTitle, chartTitle] = arguments;
const section = (cls, title) => [...document.querySelectorAll('section.' + cls)]
  .find(s => s.querySelector('h2').textContent === title);
const rec = section('troth-record', recordTitle), ch = section('troth-chart', chartTitle);
const table = ch.querySelector('table');
const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent).slice(1);
const cells = tr => [...tr.querySelectorAll('td')].map(td => td.textContent);
const total = cells(table.querySelector('tfoot tr'));
const rows = [...table.querySelectorAll('tbody tr')];
const sums = heads.slice(0, 5).map((_, i) => rows.reduce((s, r) => s + Number(cells(r)[i]), 0));
const shown = {};
heads.forEach((h, i) => shown[h] = total[i]);
const inRecord = {};
for (const tr of rec.querySelectorAll('tr')) inRecord[tr.querySelector('th').textContent] = tr.querySelector('td').textContent;
const share = (rec.querySelector('p').textContent.match(/^(\d+)% kept as agreed/) || [])[1];
return {
  chart: shown,
  record: Object.fromEntries(heads.slice(0, 5).map(h => [h, inRecord[h]]).concat([['Kept as agreed', share + '%']])),
  sums: sums.map(String), totals: total.slice(0, 5),
  tableShown: !table.parentElement.classList.contains('troth-visually-hidden'),
  months: [rows[0].querySelector('th').textContent, rows[rows.length - 1].querySelector('th').textContent, rows.length],
};"#,
            vec![record.into(), chart.into()],
        )
        .await
        .unwrap()
}

/// This month and the one eleven before it, as the table names them, in Berlin (the browser's zone).
fn twelve_months() -> (String, String) {
    let today = chrono_tz::Europe::Berlin
        .timestamp_opt(now(), 0)
        .unwrap()
        .date_naive();
    let first = today - chrono::Months::new(11);
    (
        first.format("%b %Y").to_string(),
        today.format("%b %Y").to_string(),
    )
}

/// Checks the chart headed `title` against the record headed `record`: the table shown on
/// request, its totals the record's, its months adding up to them.
async fn table_equals_record(b: &Browser, record: &str, title: &str) -> Value {
    let section = chart(title);
    b.find_x(&format!(
        "{section}//button[.='Show as table' and @aria-pressed='false']"
    ))
    .await
    .click()
    .await
    .unwrap();
    b.find_x(&format!(
        "{section}//button[.='Show as table' and @aria-pressed='true']"
    ))
    .await;
    b.find_x(&format!("{section}//figure[@hidden]")).await;
    let f = figures(b, record, title).await;
    assert_eq!(f["tableShown"], json!(true), "{f}");
    assert_eq!(f["chart"].as_object().unwrap().len(), 6, "{f}");
    for (name, value) in f["record"].as_object().unwrap() {
        assert_eq!(&f["chart"][name], value, "{name}: {f}");
    }
    assert_eq!(
        f["sums"], f["totals"],
        "the months add up to the totals: {f}"
    );
    f
}

#[tokio::test(flavor = "multi_thread")]
async fn the_chart_shows_the_same_figures_as_the_record_and_a_reload_keeps_them() {
    let (server, b) = open("/").await;
    seed(&b, &a_record_over_weeks()).await;
    b.client.goto(&server.url("/#/people/0")).await.unwrap();
    b.find_x("//h1[.='Ana']").await;
    let title = "Your word to Ana, month by month";
    let section = chart(title);

    // A picture with a name that says what it shows, a legend, and the table for screen readers.
    b.find_x(&format!(
        "{section}//*[local-name()='svg' and @role='img']/*[local-name()='title' and starts-with(., {})]",
        xpath_literal(&format!("{title}: a bar for each month from "))
    ))
    .await;
    b.find_x(&format!(
        "{section}//*[local-name()='title' and contains(., '5 settled in all, 50% of them kept as agreed')]"
    ))
    .await;
    b.find_x(&format!(
        "{section}//ol[contains(@class, 'troth-chart__legend')]/li[1][contains(., 'Kept on time')]"
    ))
    .await;
    b.find_x(&format!(
        "{section}//div[@class='troth-visually-hidden']/table/caption"
    ))
    .await;
    b.find_x(&format!(
        "{section}/p[.='Renegotiated early 1 time, a median 5 days ahead of the due moment.']"
    ))
    .await;
    b.client
        .execute(
            "document.getElementById('chart-person-title').scrollIntoView(); return null;",
            vec![],
        )
        .await
        .unwrap();
    shot(&b, "chart-person").await;

    // The table: the record's own figures, over the last twelve months, ending with this one.
    let f = table_equals_record(&b, "Your word to Ana", title).await;
    let (first, last) = twelve_months();
    assert_eq!(f["months"], json!([first, last, 12]));
    assert_eq!(f["chart"]["Kept on time"], json!("1"), "{f}");
    assert_eq!(f["chart"]["Kept as agreed"], json!("50%"), "{f}");

    // Every month: from the first one settled to this one.
    b.find_x(&format!(
        "{section}//label[normalize-space(.)='All months']"
    ))
    .await
    .click()
    .await
    .unwrap();
    b.find_x(&format!(
        "{section}//input[@id='chart-person-all' and @type='radio']"
    ))
    .await;
    // From the first month anything was settled in (weeks ago): fewer rows than twelve.
    b.until("return document.querySelectorAll('section[aria-labelledby=chart-person-title] tbody tr').length < 12;")
        .await;
    shot(&b, "chart-person-all-table").await;
    let all = figures(&b, "Your word to Ana", title).await;
    for (name, value) in all["record"].as_object().unwrap() {
        assert_eq!(&all["chart"][name], value, "all months, {name}: {all}");
    }
    assert_eq!(all["months"][1], json!(last));

    // After a reload: the chart again, the same figures.
    b.client.refresh().await.unwrap();
    b.find_x("//h1[.='Ana']").await;
    b.find_x(&format!("{section}//*[local-name()='svg' and @role='img']"))
        .await;
    let again = table_equals_record(&b, "Your word to Ana", title).await;
    assert_eq!(again["chart"], f["chart"]);

    // Everyone's: on the People page, the same as Ana's, the only one with anything settled.
    b.client.goto(&server.url("/#/people")).await.unwrap();
    let everyone = chart("Your word, month by month");
    b.find_x(&format!(
        "{everyone}//*[local-name()='svg' and @role='img']"
    ))
    .await;
    b.find_x(&format!("{everyone}//button[.='Show as table']"))
        .await
        .click()
        .await
        .unwrap();
    let totals = b
        .client
        .execute(
            "return [...document.querySelectorAll('.troth-chart tfoot td')].map(td => td.textContent);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(totals, json!(["1", "1", "1", "1", "1", "50%"]));
    b.close().await;
}
