//! The presenter's console: the talk's topics with their controls, kept in step with the
//! projector window. Every action has a key (`?` lists them).

use crate::domain::talk::{elapsed, split_asker, TopicAction, TopicState, MAX_TOPIC};
use crate::domain::{Command, PersonId, Recipient, TalkId, TopicId, MAX_NAME, MAX_TEXT};
use crate::ui::app::{focus, Troth};
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::keys_help::KeysHelp;
use crate::ui::components::topic_row::TopicRow;
use crate::ui::keys::StageKey;
use crate::ui::route::{Part, Route};
use crate::ui::stage::{stage_keys, toggle_fullscreen, use_clock, Stage};
use leptos::prelude::*;

#[component]
pub fn Present(id: TalkId) -> impl IntoView {
    talk_page(id, |id| view! { <Console id/> }.into_any())
}

/// Shows `page` while talk `id` exists, and says so once it does not (deleted in another window).
pub fn talk_page(id: TalkId, page: fn(TalkId) -> AnyView) -> impl IntoView {
    let troth = Troth::get();
    let exists = Memo::new(move |_| troth.book.with(|b| b.talk(id).is_some()));
    move || {
        if exists.get() {
            page(id)
        } else {
            view! {
                <h1 tabindex="-1">"No such talk"</h1>
                <p>"It may have been deleted. " <a href=Route::Talks.href()>"All talks"</a></p>
            }
            .into_any()
        }
    }
}

#[component]
fn Console(id: TalkId) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.rules();
    let stage = Stage::join(id);
    let clock = use_clock();
    let help = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<(TopicId, String)>);

    let title = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id)
                .map(|t| (t.title().to_owned(), t.date().to_owned(), t.started()))
        })
    });
    let rows = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id)
                .map(|t| TopicRow::all(b, t, rules))
                .unwrap_or_default()
        })
    });
    let current = Memo::new(move |_| {
        let at = stage.current.get();
        rows.with(|r| r.iter().find(|r| Some(r.id) == at).cloned())
    });
    let progress = Memo::new(move |_| {
        troth
            .book
            .with(|b| b.talk(id).map_or((0, 0), |t| t.progress()))
    });
    let report = move |r: Result<_, String>| error.set(r.err());
    let topic = move |topic: TopicId, action: TopicAction| {
        let command = Command::Topic {
            talk: id,
            topic,
            action,
        };
        troth.run(command, report);
    };

    // The keys of the console: the stage's own, then the ones that act on the current topic.
    stage_keys(stage, help, move |key| {
        let Some(row) = current.get_untracked() else {
            return;
        };
        match key {
            StageKey::Cover | StageKey::Confirm => stage.answer(key, move |why| error.set(why)),
            StageKey::NotYet => focus("#notyet-missing"),
            StageKey::Defer => focus("#defer-what"),
            StageKey::StartClock => troth.run(Command::StartTalk { id }, report),
            StageKey::MoveUp | StageKey::MoveDown => {
                let to = if key == StageKey::MoveUp {
                    row.n.saturating_sub(2)
                } else {
                    row.n
                };
                let command = Command::MoveTopic {
                    talk: id,
                    topic: row.id,
                    to,
                };
                troth.run(command, report);
            }
            _ => {}
        }
    });

    let open_projector = move |_| {
        let _ = window().open_with_url_and_target(&Route::Project(id).href(), "troth-projector");
    };
    let share = RwSignal::new(None::<String>);
    let make_link = move |_| {
        let Some(shared) = troth
            .book
            .with_untracked(|b| crate::domain::share::SharedTalk::of(b, id))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match crate::ui::share_link::link(&shared).await {
                Ok(link) => {
                    let _ = window().navigator().clipboard().write_text(&link);
                    share.set(Some(link));
                }
                Err(_) => error.set(Some(
                    "This browser cannot compress a share link (it needs CompressionStream)."
                        .into(),
                )),
            }
        });
    };
    let remove = move |row: TopicRow| {
        let command = Command::RemoveTopic {
            talk: id,
            topic: row.id,
        };
        troth.run(command, move |removed| match removed {
            Ok(_) => {
                let next = troth
                    .book
                    .with_untracked(|b| b.talk(id).and_then(|t| t.step_from(Some(row.id), 0)));
                stage.go(next);
                undo.set(Some((row.id, row.text)));
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        });
    };
    let removed = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id).map_or_else(Vec::new, |t| {
                t.all_topics()
                    .iter()
                    .filter(|x| x.is_removed())
                    .map(|x| (x.id(), x.text().to_owned()))
                    .collect::<Vec<_>>()
            })
        })
    });

    view! {
        <p class="troth-back"><a href=Route::Talks.href()>"← Talks"</a></p>
        <header class="troth-console__head">
            <h1 tabindex="-1">{move || title.get().map(|t| t.0).unwrap_or_default()}</h1>
            <p class="troth-console__meta">
                {move || title.get().map(|t| t.1).unwrap_or_default()}
                " · "
                <strong>{move || { let (c, n) = progress.get(); format!("{c} of {n} confirmed") }}</strong>
                " · "
                <span class="troth-console__clock" aria-live="off">{move || match title.get().and_then(|t| t.2) {
                    Some(started) => format!("{} elapsed", elapsed(started, clock.get())),
                    None => "clock not started".to_owned(),
                }}</span>
            </p>
            <div class="troth-buttons">
                <button type="button" class="troth-button troth-button--primary" on:click=open_projector>"Open projector window"</button>
                <button type="button" class="troth-button" on:click=move |_| troth.run(Command::StartTalk { id }, report)>
                    {move || if title.get().and_then(|t| t.2).is_some() { "Restart clock (S)" } else { "Start clock (S)" }}
                </button>
                <button type="button" class="troth-button" on:click=move |_| stage.set_blank(!stage.blank.get_untracked())>
                    {move || if stage.blank.get() { "Show the screen (B)" } else { "Blank the screen (B)" }}
                </button>
                <button type="button" class="troth-button" on:click=move |_| toggle_fullscreen()>"Full screen (F)"</button>
                <button type="button" class="troth-button" on:click=move |_| help.update(|h| *h = !*h)>"Keys (?)"</button>
                <a class="troth-button" href=Route::Summary(id).href()>"Summary"</a>
                <button type="button" class="troth-button" on:click=make_link>"Share link"</button>
            </div>
            <Show when=move || share.with(Option::is_some)>
                <div class="troth-field troth-field--wide">
                    <label for="share-link">"Share link (copied): anyone who opens it can import this topic list"</label>
                    <input id="share-link" readonly prop:value=move || share.get().unwrap_or_default()
                        on:focus=|ev| { use wasm_bindgen::JsCast; if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); } }/>
                </div>
            </Show>
        </header>
        <ErrorLine error/>
        <Show when=move || undo.with(Option::is_some)>
            <p class="troth-message" role="status">
                <span>{move || undo.get().map(|u| format!("Removed “{}”.", u.1))}</span>
                <button type="button" class="troth-button" on:click=move |_| {
                    if let Some((topic, _)) = undo.get_untracked() {
                        troth.run(Command::RestoreTopic { talk: id, topic }, report);
                        stage.go(Some(topic));
                    }
                    undo.set(None);
                }>"Undo"</button>
            </p>
        </Show>
        <AddTopic id stage/>
        <div class="troth-console">
            <section class="troth-card" aria-labelledby="topics-title">
                <h2 id="topics-title">"Topics"</h2>
                <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="troth-empty">"No topics yet: ask the room what they want covered."</p> }>
                    <ol class="troth-topics">
                        <For each=move || rows.get() key=|r| r.clone() let:row>
                            <TopicItem row stage/>
                        </For>
                    </ol>
                </Show>
            </section>
            <section class="troth-card troth-current" aria-labelledby="current-title" aria-live="polite">
                {move || match current.get() {
                    Some(row) => view! { <Current row id stage topic error remove/> }.into_any(),
                    None => view! { <h2 id="current-title">"Current topic"</h2><p class="troth-empty">"Choose a topic (PageDown, or click it)."</p> }.into_any(),
                }}
            </section>
        </div>
        <Show when=move || !removed.with(Vec::is_empty)>
            <details class="troth-card">
                <summary>{move || format!("Removed topics ({})", removed.with(Vec::len))}</summary>
                <ul class="troth-plain">
                    {move || removed.get().into_iter().map(|(topic, text)| view! {
                        <li>{text.clone()}" "
                            <button type="button" class="troth-button troth-button--quiet"
                                on:click=move |_| troth.run(Command::RestoreTopic { talk: id, topic }, report)>
                                "Restore"
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        </Show>
        <KeysHelp open=help console=true/>
    }
}

/// The line a presenter types: `Ana: pricing for schools` fills both the asker and the topic.
#[component]
fn AddTopic(id: TalkId, stage: Stage) -> impl IntoView {
    let troth = Troth::get();
    let line = RwSignal::new(String::new());
    let asker = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let typed_name = move || split_asker(&line.get()).0.map(str::to_owned);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = line.get_untracked();
        let (name, topic) = split_asker(&text);
        let name = name.map_or_else(|| asker.get_untracked(), str::to_owned);
        if name.trim().is_empty() {
            error.set(Some(
                "Say who asked: type “Name: topic”, or fill in “Asked by”.".into(),
            ));
            return;
        }
        let who = troth
            .book
            .with_untracked(|b| b.person_named(&name).map(|p| p.id));
        let recipient = who.map_or_else(
            || Recipient::New {
                name: name.clone(),
                zone: troth.my_zone.get_value(),
            },
            Recipient::Existing,
        );
        let command = Command::AddTopic {
            talk: id,
            asker: recipient,
            text: topic.to_owned(),
        };
        troth.run(command, move |added| match added {
            Ok(_) => {
                line.set(String::new());
                asker.set(String::new());
                error.set(None);
                if stage
                    .current
                    .try_get_untracked()
                    .is_some_and(|c| c.is_none())
                {
                    let first = troth
                        .book
                        .with_untracked(|b| b.talk(id).and_then(|t| t.first_unsettled()));
                    stage.go(first);
                }
            }
            Err(e) => error.set(Some(e)),
        });
    };
    view! {
        <form class="troth-card troth-form" on:submit=add aria-labelledby="add-topic-title">
            <h2 id="add-topic-title">"Add a topic"</h2>
            <TextField id="topic-line" label="Topic" value=line max=MAX_TOPIC + MAX_NAME + 2 wide=true
                hint="Type “Ana: pricing for schools” to note who asked in the same line."/>
            <div class="troth-field">
                <label for="topic-asker">"Asked by"</label>
                <input id="topic-asker" list="troth-people" autocomplete="off" maxlength=MAX_NAME
                    prop:value=move || typed_name().unwrap_or_else(|| asker.get())
                    prop:readonly=move || typed_name().is_some()
                    on:input=move |ev| asker.set(event_target_value(&ev))/>
            </div>
            <ErrorLine error/>
            <button type="submit" class="troth-button troth-button--primary">"Add topic"</button>
            <datalist id="troth-people">
                {move || troth.book.with(|b| b.people().iter().map(|p| view! { <option value=p.name.clone()/> }).collect_view())}
            </datalist>
        </form>
    }
}

#[component]
fn TopicItem(row: TopicRow, stage: Stage) -> impl IntoView {
    let id = row.id;
    let is_current = move || stage.current.get() == Some(id);
    let class = format!("troth-topic troth-topic--{}", row.class());
    let status = row.status_line();
    view! {
        <li class=class aria-current=move || is_current().then_some("true")>
            <button type="button" class="troth-topic__pick" on:click=move |_| stage.go(Some(id))>
                <span class="troth-topic__n">{row.n}"."</span>
                <span class="troth-topic__text">{row.text.clone()}</span>
                <span class="troth-topic__askers">{row.asker_names()}</span>
                <span class="troth-tag">{row.state.name()}</span>
            </button>
            {(!status.is_empty()).then(|| view! { <p class="troth-topic__status">{status}</p> })}
        </li>
    }
}

/// The current topic and what can be done with it, by state.
#[component]
fn Current(
    row: TopicRow,
    id: TalkId,
    stage: Stage,
    topic: impl Fn(TopicId, TopicAction) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<String>>,
    remove: impl Fn(TopicRow) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let troth = Troth::get();
    let tid = row.id;
    let report = move |r: Result<_, String>| error.set(r.err());
    let actions = match &row.state {
        TopicState::Open | TopicState::NotYet { .. } => {
            let label = if matches!(row.state, TopicState::Open) { "Mark covered (C)" } else { "Delivered: mark covered again (C)" };
            view! {
                <div class="troth-buttons">
                    <button type="button" class="troth-button troth-button--primary" on:click=move |_| topic(tid, TopicAction::Cover)>{label}</button>
                </div>
                {matches!(row.state, TopicState::NotYet { .. }).then(|| view! { <Defer row=row.clone() id error/> })}
            }
            .into_any()
        }
        TopicState::Covered { .. } => view! { <Answers row=row.clone() topic/> }.into_any(),
        TopicState::Confirmed { .. } => view! { <p class="troth-closed">{format!("Crossed off: {}.", row.status_line())}</p> }.into_any(),
        TopicState::Deferred { commitment, .. } => view! {
            <p class="troth-closed">{row.status_line()}" "<a href=Route::Commitment(*commitment).href_from(Part::Talks)>"Open the commitment"</a></p>
        }
        .into_any(),
    };
    let untouched = row.untouched;
    let arrange = untouched.then(|| view! { <Arrange row=row.clone() id stage error/> });
    let removing = row.clone();
    view! {
        <h2 id="current-title">{format!("{}. {}", row.n, row.text)}</h2>
        <p class="troth-hint">{format!("Asked by {} · {}", row.asker_names(), row.state.name())}</p>
        {(!row.status_line().is_empty()).then(|| view! { <p class="troth-topic__status">{row.status_line()}</p> })}
        {actions}
        {arrange}
        <div class="troth-buttons">
            <button type="button" class="troth-button" on:click=move |_| troth.run(Command::MoveTopic { talk: id, topic: tid, to: row.n.saturating_sub(2) }, report)>"Move up (Alt+↑)"</button>
            <button type="button" class="troth-button" on:click=move |_| troth.run(Command::MoveTopic { talk: id, topic: tid, to: row.n }, report)>"Move down (Alt+↓)"</button>
            <button type="button" class="troth-button troth-button--danger" on:click=move |_| remove(removing.clone())>"Remove"</button>
        </div>
    }
}

/// The asker's answer to "did this cover it?".
#[component]
fn Answers(
    row: TopicRow,
    topic: impl Fn(TopicId, TopicAction) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let tid = row.id;
    let waiting = row.waiting();
    let missing = RwSignal::new(String::new());
    // Who says "not yet": one of those still asked, the first unless another is chosen. The
    // select shows exactly this value, so what is recorded is who is shown.
    let by = RwSignal::new(waiting.first().map(|(id, _)| *id));
    let choices = waiting.clone();
    view! {
        <div class="troth-buttons">
            {waiting.iter().enumerate().map(|(i, (who, name))| {
                let who = *who;
                let label = if i == 0 { format!("{name} confirms (Y)") } else { format!("{name} confirms") };
                view! { <button type="button" class="troth-button troth-button--primary" on:click=move |_| topic(tid, TopicAction::Confirm { by: who })>{label}</button> }
            }).collect_view()}
        </div>
        <form class="troth-form" on:submit=move |ev| {
            ev.prevent_default();
            if let Some(by) = by.get_untracked() {
                topic(tid, TopicAction::NotYet { by, missing: missing.get_untracked() });
            }
        }>
            {(choices.len() > 1).then(|| view! {
                <div class="troth-field">
                    <label for="notyet-by">"Who says so"</label>
                    <select id="notyet-by"
                        prop:value=move || by.get().map(|p| p.0.to_string()).unwrap_or_default()
                        on:change=move |ev| by.set(event_target_value(&ev).parse().ok().map(PersonId))>
                        {choices.iter().map(|(id, name)| view! { <option value=id.0.to_string()>{name.clone()}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <TextField id="notyet-missing" label="Not yet: what is still missing? (N)" value=missing max=MAX_TOPIC wide=true/>
            <button type="submit" class="troth-button">"Not yet"</button>
        </form>
    }
}

/// Turns what is missing into a commitment to the asker, with a specific due moment.
#[component]
fn Defer(row: TopicRow, id: TalkId, error: RwSignal<Option<String>>) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.rules();
    let tid = row.id;
    let missing = match &row.state {
        TopicState::NotYet { missing, .. } => missing.clone(),
        _ => String::new(),
    };
    let what = RwSignal::new(
        format!("{}: {missing}", row.text)
            .chars()
            .take(MAX_TEXT)
            .collect::<String>(),
    );
    let zone = match &row.state {
        TopicState::NotYet { by, .. } => troth
            .book
            .with_untracked(|b| b.person(*by).map(|p| p.zone.clone())),
        _ => None,
    }
    .unwrap_or_else(|| troth.my_zone.get_value());
    let inputs = DueInputs::new(zone.name());
    let defer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match inputs.due(rules) {
            Ok(due) => {
                let command = Command::DeferTopic {
                    talk: id,
                    topic: tid,
                    what: what.get_untracked(),
                    due,
                };
                troth.run(command, move |r| error.set(r.err()));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="troth-form" on:submit=defer aria-labelledby="defer-title">
            <h3 id="defer-title">{format!("Or defer it: a commitment to {}", row.who)}</h3>
            <TextField id="defer-what" label="What you will deliver (D)" value=what max=MAX_TEXT wide=true/>
            <DueFields inputs id="defer"/>
            <button type="submit" class="troth-button">"Defer to a commitment"</button>
        </form>
    }
}

/// Rewording and merging, while nobody has answered for the topic yet.
#[component]
fn Arrange(
    row: TopicRow,
    id: TalkId,
    stage: Stage,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let troth = Troth::get();
    let tid = row.id;
    let single = row.askers.len() == 1;
    let first = row.askers.first().map(|a| a.1.clone()).unwrap_or_default();
    let line = RwSignal::new(if single {
        format!("{first}: {}", row.text)
    } else {
        row.text.clone()
    });
    let merge_with = RwSignal::new(String::new());
    let others = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id).map_or_else(Vec::new, |t| {
                t.topics()
                    .filter(|x| x.id() != tid && x.history().is_empty())
                    .map(|x| (x.id(), x.text().to_owned()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = line.get_untracked();
        let (name, text) = split_asker(&typed);
        let asker = name.map(|n| {
            troth
                .book
                .with_untracked(|b| b.person_named(n).map(|p| p.id))
                .map_or_else(
                    || Recipient::New {
                        name: n.to_owned(),
                        zone: troth.my_zone.get_value(),
                    },
                    Recipient::Existing,
                )
        });
        let command = Command::EditTopic {
            talk: id,
            topic: tid,
            text: text.to_owned(),
            asker,
        };
        troth.run(command, move |r| error.set(r.err()));
    };
    let merge = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(from) = merge_with.get_untracked().parse().map(TopicId) else {
            error.set(Some("Choose the topic to merge into this one.".into()));
            return;
        };
        let command = Command::MergeTopics {
            talk: id,
            into: tid,
            from,
        };
        troth.run(command, move |r| error.set(r.err()));
        stage.go(Some(tid));
    };
    view! {
        <details class="troth-arrange">
            <summary>"Reword or merge"</summary>
            <form class="troth-form" on:submit=save>
                <TextField id="edit-topic" label="Wording (“Name: topic” changes who asked)" value=line max=MAX_TOPIC + MAX_NAME + 2 wide=true/>
                <button type="submit" class="troth-button">"Save wording"</button>
            </form>
            <Show when=move || !others.with(Vec::is_empty)>
                <form class="troth-form" on:submit=merge>
                    <div class="troth-field troth-field--wide">
                        <label for="merge-with">"Same as (merge it into this one, keeping both askers)"</label>
                        <select id="merge-with" on:change=move |ev| merge_with.set(event_target_value(&ev))>
                            <option value="">"Choose a topic"</option>
                            {move || others.get().into_iter().map(|(oid, text)| view! { <option value=oid.0.to_string()>{text}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="troth-button">"Merge"</button>
                </form>
            </Show>
        </details>
    }
}
