//! After the talk: confirmed, not yet (with what was missing), deferred (with their follow-up
//! commitments). Copied as Markdown, or printed.

use crate::domain::summary::{Summary, SummaryLine};
use crate::domain::TalkId;
use crate::ui::app::Troth;
use crate::ui::components::successes::AffirmForm;
use crate::ui::intl::talk_day;
use crate::ui::message::copy;
use crate::ui::route::{Part, Route};
use leptos::prelude::*;

#[component]
pub fn SummaryPage(id: TalkId) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let found = Memo::new(move |_| {
        troth.book.with(|b| {
            let t = b.talk(id)?;
            Some((
                t.title().to_owned(),
                talk_day(t.date()),
                Summary::of(b, id, rules, troth.page.dates())?,
            ))
        })
    });
    // The Markdown, shown at once, and whether it went on the clipboard (or why not) once the
    // browser says.
    let copied = RwSignal::new(None::<(String, Option<Result<(), &str>>)>);
    move || {
        let Some((title, date, summary)) = found.get() else {
            return view! {
                <h1 tabindex="-1">"No such talk"</h1>
                <p><a href=Route::Talks.href()>"All talks"</a></p>
            }
            .into_any();
        };
        let markdown = summary.markdown(&title, &date);
        let on_copy = move |_| {
            let markdown = markdown.clone();
            copied.set(Some((markdown.clone(), None)));
            leptos::task::spawn_local(async move {
                let done = copy(&markdown).await;
                copied.update(|c| c.iter_mut().for_each(|c| c.1 = Some(done)));
            });
        };
        let total = summary.total();
        view! {
            <p class="troth-back troth-noprint"><a href=Route::Present(id).href()>"← Back to the talk"</a></p>
            <h1 tabindex="-1">{format!("{title} — summary")}</h1>
            <p>{format!("{date} · {} of {total} topics confirmed by the people who asked.", summary.confirmed.len())}</p>
            <div class="troth-buttons troth-noprint">
                <button type="button" class="troth-button troth-button--primary" on:click=on_copy>"Copy as Markdown"</button>
                <button type="button" class="troth-button" on:click=|_| { let _ = window().print(); }>"Print"</button>
            </div>
            <Show when=move || copied.with(Option::is_some)>
                <div class="troth-field troth-field--wide troth-noprint">
                    <label for="summary-markdown">{move || match copied.get().and_then(|c| c.1) {
                        Some(Ok(())) => "Markdown (copied to the clipboard)".into(),
                        Some(Err(why)) => format!("Markdown. {why}"),
                        None => "Markdown".into(),
                    }}</label>
                    <textarea id="summary-markdown" readonly rows="10">{move || copied.get().map(|c| c.0).unwrap_or_default()}</textarea>
                </div>
            </Show>
            {summary.sections().map(|(title, lines)| view! { <Section title lines=lines.to_vec()/> }).into_iter().collect_view()}
            <Affirm id/>
        }
        .into_any()
    }
}

#[component]
fn Section(title: &'static str, lines: Vec<SummaryLine>) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        view! {
            <section class="troth-card">
                <h2>{format!("{title} ({})", lines.len())}</h2>
                <ul class="troth-summary">
                    {lines.into_iter().map(|l| view! {
                        <li>
                            <strong>{l.text}</strong>" — asked by "{l.askers}
                            {l.missing.map(|m| view! { <br/><span>"Missing: "{m}</span> })}
                            {l.follow_up.map(|(c, what, due)| view! {
                                <br/><span>"Follow-up: "<a href=Route::Commitment(c).href_from(Part::Talks)>{what}</a>{format!(", due {due}")}</span>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// Each confirmed topic, offered (never required) as a success to affirm with whoever
/// confirmed it.
#[component]
fn Affirm(id: TalkId) -> impl IntoView {
    let troth = Troth::get();
    // Read once: noting a success changes the book, and the forms should stay where they are.
    let confirmed = troth.book.with_untracked(|b| {
        b.confirmed_in(id)
            .into_iter()
            .map(|c| (c.clone(), b.name_of(c.by)))
            .collect::<Vec<_>>()
    });
    (!confirmed.is_empty()).then(|| {
        view! {
            <section class="troth-card troth-noprint" aria-labelledby="affirm-title">
                <h2 id="affirm-title">"Affirm what was confirmed"</h2>
                <p class="troth-hint">"Optional: note a confirmed topic as a success with the person who asked, on their page."</p>
                {confirmed.into_iter().enumerate().map(|(n, (c, name))| {
                    let from = crate::domain::success::Source { topic: Some(c.topic), ..Default::default() };
                    let field = format!("affirm-{n}");
                    view! {
                        <details class="troth-release">
                            <summary>{format!("{}: {name}{}", c.text, if c.affirmed { " (noted)" } else { "" })}</summary>
                            <AffirmForm with=c.by name id=field from start=c.text.clone()/>
                        </details>
                    }
                }).collect_view()}
            </section>
        }
    })
}
