//! One goal: what it says now and its earlier versions, the kickoff, its reviews (each held by
//! writing what was said and whether it holds, changes or ends), the commitments serving it with
//! their record, and the successes affirmed toward it.

use crate::domain::goal::{Goal, GoalAction, Verdict};
use crate::domain::success::Source;
use crate::domain::{
    describe_due, relative, Command, DateFormat, Direction, Due, GoalId, Instant, Standing,
    TrustCommand, Zone, MAX_TEXT,
};
use crate::ui::app::Troth;
use crate::ui::components::commitment_list::{CommitmentList, Row};
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::pick::Pick;
use crate::ui::components::successes::{AffirmForm, SuccessList, SuccessRow};
use crate::ui::components::track_record::TrackRecordView;
use crate::ui::form::Form;
use crate::ui::intl::IntlDates;
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn GoalPage(id: GoalId) -> impl IntoView {
    let troth = Troth::get();
    let found = Memo::new(move |_| troth.book.with(|b| b.goal(id).cloned()));
    move || {
        let Some(goal) = found.get() else {
            return view! {
                <h1 tabindex="-1">"No such goal"</h1>
                <p><a href=Route::People.href()>"Back to people"</a></p>
            }
            .into_any();
        };
        view! { <Details goal/> }.into_any()
    }
}

#[component]
fn Details(goal: Goal) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let mine = troth.page.my_zone.get_value();
    let id = goal.id();
    let with = goal.with();
    let (name, zone, removed) = troth.book.with_untracked(|b| {
        b.person(with)
            .map_or(("someone".to_owned(), None, true), |p| {
                (p.name.clone(), p.zone.clone(), p.removed)
            })
    });
    let other = zone.clone().map(|z| (name.clone(), z));
    let say = |at| describe_due(rules, &IntlDates, at, &mine, None);
    let when = |due: &Due| {
        let other = other.as_ref().map(|(n, z)| (n.as_str(), z));
        describe_due(rules, &IntlDates, due.at, &mine, other)
    };
    let ended = goal.ended();
    let live = ended.is_none() && !removed;
    let next = goal.next_review().map(|r| r.due.at);
    let kickoff = describe_due(
        rules,
        &IntlDates,
        goal.kickoff().at,
        &mine,
        other.as_ref().map(|(n, z)| (n.as_str(), z)),
    );

    let rows = Signal::derive(move || {
        let now = troth.page.now.get();
        let mine = troth.page.my_zone.get_value();
        troth.book.with(|b| {
            let Some(g) = b.goal(id) else {
                return Vec::new();
            };
            g.serving()
                .filter_map(|c| b.commitment(c))
                .map(|c| Row::of(b, c, rules, &mine, now))
                .collect::<Vec<_>>()
        })
    });
    let record = Signal::derive(move || {
        let now = troth.page.now.get();
        troth.book.with(|b| {
            let serving: Vec<_> = b.goal(id).map_or_else(Vec::new, |g| g.serving().collect());
            Standing::of(
                serving
                    .iter()
                    .filter_map(|c| b.commitment(*c))
                    .filter(|c| c.by() == Direction::Mine),
                now,
            )
        })
    });
    let successes = Signal::derive(move || {
        let mine = troth.page.my_zone.get_value();
        troth.book.with(|b| {
            b.successes_toward(id)
                .into_iter()
                .map(|s| SuccessRow::of(b, s, rules, &mine))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <p class="troth-back"><a href=Route::Person(with).href()>{format!("← {name}")}</a></p>
        <h1 tabindex="-1">{format!("Goal with {name}")}</h1>
        <p class="troth-goal-what"><strong>{goal.what().to_owned()}</strong>{ended.is_some().then_some(" (ended)")}</p>
        <dl class="troth-facts">
            <dt>"Agreed"</dt><dd>{say(goal.agreed_at())}</dd>
            <dt>"Kickoff"</dt><dd>{kickoff}</dd>
            <dt>"Next review"</dt><dd>{match (ended, next) {
                (Some(at), _) => format!("none: it ended {}", say(at)),
                (None, Some(at)) => format!("{} ({})", say(at), relative(troth.page.now.get_untracked(), at)),
                (None, None) => "none set".to_owned(),
            }}</dd>
        </dl>
        {earlier(&goal, &say)}
        {reviews(&goal, live, other.clone(), &say, &when)}
        <section class="troth-card" aria-labelledby="serving-title">
            <h2 id="serving-title">"Commitments serving it"</h2>
            <Show when=move || rows.with(|r| !r.is_empty()) fallback=|| view! { <p class="troth-empty">"None yet."</p> }>
                <CommitmentList rows/>
            </Show>
            {live.then(|| view! { <Serve goal=id name=name.clone() other=other.clone()/> })}
        </section>
        <TrackRecordView record by=Direction::Mine name=name.clone()/>
        <section class="troth-card" aria-labelledby="goal-successes-title">
            <h2 id="goal-successes-title">"Successes toward it"</h2>
            <SuccessList rows=successes/>
            {(!removed).then(|| view! {
                <AffirmForm with name=name.clone() id="goal-success"
                    from=Source { goal: Some(id), ..Source::default() }/>
            })}
        </section>
    }
}

/// What the goal said before it changed, each until when.
fn earlier(goal: &Goal, say: &dyn Fn(Instant) -> String) -> Option<impl IntoView> {
    let earlier: Vec<(String, String)> = goal
        .versions()
        .windows(2)
        .map(|w| (w[0].what.to_owned(), say(w[1].since)))
        .collect();
    (!earlier.is_empty()).then(|| view! {
        <section class="troth-card" aria-labelledby="versions-title">
            <h2 id="versions-title">"Earlier versions"</h2>
            <p class="troth-hint">"A goal that changes keeps what it said before."</p>
            <ul class="troth-summary">
                {earlier.into_iter().map(|(what, until)| view! { <li>{what}" "<span class="troth-hint">{format!("(until {until})")}</span></li> }).collect_view()}
            </ul>
        </section>
    })
}

/// The goal's reviews: each held, with what was said and decided, or to hold while it lives.
fn reviews(
    goal: &Goal,
    live: bool,
    other: Option<(String, Zone)>,
    say: &dyn Fn(Instant) -> String,
    when: &dyn Fn(&Due) -> String,
) -> impl IntoView {
    let id = goal.id();
    let reviews: Vec<_> = goal
        .reviews()
        .iter()
        .map(|r| {
            (
                r.index,
                r.due.clone(),
                r.held
                    .map(|h| (say(h.at), h.said.to_owned(), verdict(h.verdict))),
            )
        })
        .collect();
    view! {
        <section class="troth-card" aria-labelledby="reviews-title">
            <h2 id="reviews-title">"Reviews"</h2>
            <ol class="troth-reviews">
                {reviews.into_iter().map(|(index, due, held)| {
                    let when = when(&due);
                    view! {
                        <li class="troth-review">
                            <p><strong>{format!("Review {}", index + 1)}</strong>" — "{when}</p>
                            {match held {
                                Some((at, said, verdict)) => view! {
                                    <p>{format!("Held {at}: the goal {verdict}.")}</p>
                                    <p class="troth-row__missing">"Said: "{said}</p>
                                }.into_any(),
                                None if live => view! { <HoldReview goal=id index current=goal.what().to_owned() other=other.clone()/> }.into_any(),
                                None => view! { <p class="troth-hint">"Not held."</p> }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {live.then(|| view! { <AddReview goal=id other=other.clone()/> })}
        </section>
    }
}

/// What a review decided, in words: "holds", "changes to “…”", "ends".
fn verdict(v: &Verdict) -> String {
    match v {
        Verdict::Holds => "holds".to_owned(),
        Verdict::Changes { what } => format!("changes to “{what}”"),
        Verdict::Ends => "ends".to_owned(),
    }
}

/// Holds one review: what was said, and whether the goal holds, changes or ends. Moving it is
/// folded away beside.
#[component]
fn HoldReview(
    goal: GoalId,
    index: usize,
    current: String,
    other: Option<(String, Zone)>,
) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let said = RwSignal::new(String::new());
    let chosen = RwSignal::new(0usize);
    let what = RwSignal::new(current);
    let inputs = DueInputs::new(troth.page.my_zone.get_value().name());
    let form = Form::new();
    let asking = RwSignal::new(None::<String>);
    // The goal's page is drawn anew after each change: focus goes to the message.
    let run = move |action| {
        form.submit(
            Command::Trust(TrustCommand::Goal { id: goal, action }),
            move |_| troth.news.done("Recorded on the goal.".into(), None),
        )
    };
    let record = move || {
        asking.set(None);
        let verdict = match chosen.get_untracked() {
            0 => Verdict::Holds,
            1 => Verdict::Changes {
                what: what.get_untracked(),
            },
            _ => Verdict::Ends,
        };
        run(GoalAction::Review {
            review: index,
            said: said.get_untracked(),
            verdict,
        });
    };
    // Held before its day it counts for good (it can be undone, not unheld later): ask first.
    let hold = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mine = troth.page.my_zone.get_value();
        let early = troth.book.with_untracked(|b| {
            b.goal(goal)
                .and_then(|g| g.review_is_early(index, crate::ui::intl::now(), rules, &mine))
        });
        match early {
            Some(day) => asking.set(Some(format!(
                "This review is due on {} — hold it now?",
                IntlDates.day(day)
            ))),
            None => record(),
        }
    };
    let reschedule = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match inputs.due(rules) {
            Ok(due) => run(GoalAction::Reschedule { review: index, due }),
            Err(e) => form.refuse(e),
        }
    };
    let p = format!("review-{index}");
    let what_id = format!("{p}-what");
    view! {
        <form class="troth-form" on:submit=hold aria-label=format!("Hold review {}", index + 1)>
            <TextField id=format!("{p}-said") label="What was said?" value=said max=MAX_TEXT wide=true/>
            <Pick id=format!("{p}-verdict") label="The goal…" chosen
                options=&["holds", "changes (a new version; the old one is kept)", "ends"]/>
            <Show when=move || chosen.get() == 1>
                <TextField id=what_id.clone() label="What it says now" value=what max=MAX_TEXT wide=true/>
            </Show>
            <ErrorLine error=form.error/>
            <Show when=move || asking.with(Option::is_some) fallback=|| view! {
                <button type="submit" class="troth-button troth-button--primary">"Record the review"</button>
            }>
                <p class="troth-note" role="alert">{move || asking.get()}</p>
                <div class="troth-buttons">
                    <button type="button" class="troth-button troth-button--primary" on:click=move |_| record()>"Yes, hold it now"</button>
                    <button type="button" class="troth-button" on:click=move |_| asking.set(None)>"Not yet"</button>
                </div>
            </Show>
        </form>
        <details class="troth-release">
            <summary>{format!("Move review {}", index + 1)}</summary>
            <form class="troth-form" on:submit=reschedule>
                <DueFields inputs id=format!("{p}-move") other=Signal::stored(other)/>
                <button type="submit" class="troth-button">"Move it"</button>
            </form>
        </details>
    }
}

/// Adds one more review moment.
#[component]
fn AddReview(goal: GoalId, other: Option<(String, Zone)>) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let inputs = DueInputs::new(troth.page.my_zone.get_value().name());
    let form = Form::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due = match inputs.due(rules) {
            Ok(due) => due,
            Err(e) => return form.refuse(e),
        };
        let action = GoalAction::Schedule { due };
        form.submit(
            Command::Trust(TrustCommand::Goal { id: goal, action }),
            move |_| troth.news.done("Review added.".into(), None),
        );
    };
    view! {
        <details class="troth-release">
            <summary>"Add a review"</summary>
            <form class="troth-form" on:submit=submit>
                <DueFields inputs id="review-add" other=Signal::stored(other)/>
                <ErrorLine error=form.error/>
                <button type="submit" class="troth-button">"Add the review"</button>
            </form>
        </details>
    }
}

/// A commitment toward the goal: a new one, made for it in one step, or one made earlier with
/// the same person.
#[component]
fn Serve(goal: GoalId, name: String, other: Option<(String, Zone)>) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let what = RwSignal::new(String::new());
    let inputs = DueInputs::new(troth.page.my_zone.get_value().name());
    let form = Form::new();
    let chosen = RwSignal::new(String::new());
    let free = Memo::new(move |_| {
        troth.book.with(|b| {
            b.may_serve(goal)
                .map(|c| (c.id(), c.what().to_owned()))
                .collect::<Vec<_>>()
        })
    });
    let make = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due = match inputs.due(rules) {
            Ok(due) => due,
            Err(e) => return form.refuse(e),
        };
        let command = Command::Trust(TrustCommand::MakeServing {
            goal,
            what: what.get_untracked(),
            due,
        });
        form.submit(command, move |_| {
            troth
                .news
                .done("Made a commitment toward this goal.".into(), None)
        });
    };
    let link = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(n) = chosen.get_untracked().parse() else {
            return form.refuse("Choose a commitment first.");
        };
        let action = GoalAction::Serve {
            commitment: crate::domain::CommitmentId(n),
        };
        form.submit(
            Command::Trust(TrustCommand::Goal { id: goal, action }),
            move |_| {
                troth
                    .news
                    .done("The commitment now serves this goal.".into(), None)
            },
        );
    };
    view! {
        <form class="troth-form" on:submit=make aria-labelledby="serve-make-title">
            <h3 id="serve-make-title">{format!("Make a commitment to {name} toward it")}</h3>
            <TextField id="serve-what" label="What will you do?" value=what max=MAX_TEXT wide=true/>
            <DueFields inputs id="serve" other=Signal::stored(other)/>
            <button type="submit" class="troth-button">"Make it"</button>
        </form>
        <Show when=move || free.with(|f| !f.is_empty())>
            <form class="troth-form" on:submit=link aria-labelledby="serve-link-title">
                <h3 id="serve-link-title">"Or link one made earlier"</h3>
                <div class="troth-field troth-field--wide">
                    <label for="serve-existing">"Commitment"</label>
                    <select id="serve-existing" prop:value=move || chosen.get()
                        on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">"Choose one"</option>
                        {move || free.get().into_iter().map(|(c, what)| view! { <option value=c.to_string()>{what}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="troth-button">"Link it"</button>
            </form>
        </Show>
        <ErrorLine error=form.error/>
    }
}
