//! The frame every part shares: mounting a part, its header and messages, the route, and the
//! listeners that keep a page in step with the address, other tabs and the clock.

use crate::ui::app::Troth;
use crate::ui::components::messages::Messages;
use crate::ui::focus::focus;
use crate::ui::intl;
use crate::ui::message::Tone;
use crate::ui::news::News;
use crate::ui::page::{current_route, Page};
use crate::ui::route::{Part, Route};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Mounts one part of Troth on `<body>`: its bin's `main` calls this. `undo` is how the part
/// takes back its last change ([`Troth::undo_last`]), or `None` where it makes none to take
/// back: then applying commands is not linked in for it.
pub fn mount(part: Part, pages: fn(Route) -> AnyView, undo: Option<fn(&Troth)>) {
    if way_out() {
        return;
    }
    leptos::mount::mount_to_body(move || view! { <Shell part pages undo/> });
}

/// Framed by another page, whose clicks could land on Troth's buttons, the page shows only a
/// link that opens it in its own tab, and reads nothing: whether it did. (A meta CSP cannot say
/// `frame-ancestors`, and a static host may send no header.) Plain DOM, and kept out of line:
/// a view here would cost every part's first load.
#[inline(never)]
fn way_out() -> bool {
    let here = window();
    let framed = matches!(here.top(), Ok(Some(top)) if !js_sys::Object::is(&top, &here));
    if framed {
        let (page, href) = (document(), here.location().href().unwrap_or_default());
        if let (Ok(a), Some(body)) = (page.create_element("a"), page.body()) {
            let _ = a.set_attribute("href", &href);
            let _ = a.set_attribute("target", "_blank");
            let _ = a.set_attribute("rel", "noopener");
            a.set_text_content(Some("Open Troth in its own tab"));
            let _ = body.append_child(&a);
        }
    }
    framed
}

/// Sets the attribute `name` of `<html>` to `value`, or removes it.
fn mark_root(name: &str, value: Option<&str>) {
    if let Some(root) = document().document_element() {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
}

/// A route that belongs to another part (an old link such as `#/talks/3/project` on the app's
/// address, or a hash typed by hand) is opened on that part's page, in place of this one.
fn hand_over(route: &Route, here: Part) -> bool {
    let away = route.part() != here;
    if away {
        let _ = window().location().replace(&route.href_from(here));
    }
    away
}

/// The frame every part shares: state in context, header, messages, and `pages` for the
/// routes of `part`; `undo` as for [`mount`].
#[component]
pub fn Shell(part: Part, pages: fn(Route) -> AnyView, undo: Option<fn(&Troth)>) -> impl IntoView {
    crate::domain::install_fold(&intl::BrowserFold);
    // A route of another part: this page goes there at once, and loads nothing.
    if hand_over(&current_route(), part) {
        return view! { <main id="main"><p>"Opening…"</p></main> }.into_any();
    }
    let news = News::new();
    let page = Page::new(part);
    let (troth, looks) = (Troth::new(page, news, undo), page.looks);
    troth.provide();
    troth.reload();
    if let Some(warning) = crate::ui::pwa::shared_folder() {
        news.say(Tone::Problem, warning);
    }
    crate::ui::pwa::start(news.update_ready);
    crate::ui::pwa::persist(page.persisted, false);

    let hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let route = current_route();
        if hand_over(&route, part) {
            return;
        }
        page.route.set(route);
        // News belongs to the page it happened on; problems stay until dismissed.
        news.messages
            .update(|m| m.retain(|x| x.tone() == Tone::Problem));
        // A new page starts at its top, with focus on its heading for screen readers.
        request_animation_frame(|| {
            focus("main h1");
        });
    });
    // Another tab saved: take its work (the revision key changes last in every save), or its
    // choice of colours.
    let storage = window_event_listener(leptos::ev::storage, move |e| {
        let key = e.key();
        troth.other_tab_saved(key.as_deref());
        looks.other_tab_saved(key.as_deref());
    });
    // Ctrl+Z / Cmd+Z outside text fields takes back the last change (in a field it undoes typing).
    let undo_key = undo.map(|_| {
        window_event_listener(leptos::ev::keydown, move |e| {
            let typing = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                .is_some_and(|el| {
                    crate::ui::keys::takes_typing(&el.tag_name(), el.is_content_editable())
                });
            if crate::ui::keys::is_undo(
                &e.key(),
                e.ctrl_key(),
                e.meta_key(),
                e.shift_key(),
                e.alt_key(),
                typing,
            ) {
                e.prevent_default();
                troth.take_back();
            }
        })
    });
    // The colours on `<html>`, where `prefs.js` put them before the first paint.
    Effect::new(move |_| mark_root("data-theme", looks.theme.get().attr()));
    Effect::new(move |_| mark_root("data-stage", looks.stage_theme.get().attr()));
    let tick =
        set_interval_with_handle(move || page.now.set(intl::now()), Duration::from_secs(30)).ok();
    on_cleanup(move || {
        hash.remove();
        storage.remove();
        if let Some(k) = undo_key {
            k.remove();
        }
        if let Some(t) = tick {
            t.clear();
        }
    });

    // The zone suggestions (some 400 of them) are for typing into a form, not for the first
    // paint: they are added right after it.
    let zones = RwSignal::new(Vec::<String>::new());
    request_animation_frame(move || {
        set_timeout(move || zones.set(intl::known_zones()), Duration::ZERO);
    });
    view! {
        {move || (!page.route.with(|r| matches!(r, Route::Project(_)))).then(|| view! {
            <a class="troth-skip" href="#main" on:click=|ev| {
                // The hash belongs to the router: move focus instead of following the link.
                ev.prevent_default();
                focus("#main");
            }>"Skip to content"</a>
            <header class="troth-header">
                <a class="troth-brand" href=Route::Ledger.href_from(part)>"Troth"</a>
                <nav aria-label="Main">
                    <a href=Route::Ledger.href_from(part) aria-current=move || page.route.with(|r| matches!(r, Route::Ledger | Route::Commitment(_))).then_some("page")>"Ledger"</a>
                    <a href=Route::People.href_from(part) aria-current=move || page.route.with(|r| matches!(r, Route::People | Route::Person(_))).then_some("page")>"People"</a>
                    <a href=Route::Talks.href_from(part) aria-current=move || page.route.with(|r| matches!(r, Route::Talks | Route::Present(_) | Route::Summary(_) | Route::Share(_))).then_some("page")>"Talks"</a>
                    <a href=Route::Settings.href_from(part) aria-current=move || page.route.with(|r| matches!(r, Route::Settings)).then_some("page")>"Backup"</a>
                </nav>
            </header>
            <Messages/>
        })}
        <main id="main" tabindex="-1" aria-busy=move || (troth.saving.get() > 0).then_some("true")>
            {move || pages(page.route.get())}
        </main>
        <datalist id="troth-zones">
            {move || zones.get().into_iter().map(|z| view! { <option value=z/> }).collect_view()}
        </datalist>
    }
    .into_any()
}
