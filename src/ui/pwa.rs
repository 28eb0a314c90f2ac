//! Offline and installable: registers the service worker (public/sw.js), offers a new version
//! when one is ready, and asks the browser to keep Troth's data.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The message public/sw.js waits for before it takes over from the running version.
const SKIP_WAITING: &str = "troth-skip-waiting";

fn container() -> Option<ServiceWorkerContainer> {
    // Service workers exist only in a secure context (https, or localhost).
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Served from a folder, Troth shares its origin (the browser's storage for the address, and
/// service workers registered from its root) with whatever else the address serves: what to
/// say about it, if it is.
#[inline(never)]
pub fn shared_folder() -> Option<String> {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let folder = crate::ui::route::shared_folder(&path)?;
    let host = location.host().unwrap_or_default();
    Some(format!("Troth is served from a folder ({folder}) of {host}: other pages there share its storage and can read or change it. Give Troth an address of its own (see the README)."))
}

/// Registers the service worker and watches for a new build. Called once, at start-up.
/// `update_ready` becomes true when a new build is installed and waits.
pub fn start(update_ready: RwSignal<bool>) {
    let Some(sw) = container() else {
        return;
    };
    // A page that already had a worker was loaded from the cache: a newer worker waiting means
    // a newer build is ready. On the very first load there is nothing to offer.
    let had_worker = sw.controller().is_some();
    // When the new worker takes over (the user chose to reload), load the new build.
    let reload = Closure::<dyn Fn()>::new(move || {
        if update_ready.get_untracked() {
            let _ = window().location().reload();
        }
    });
    sw.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    // These listeners live as long as the page: nothing ever removes them.
    reload.forget();

    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(sw.register("./sw.js")).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        if had_worker && registration.waiting().is_some() {
            update_ready.set(true);
        }
        let found = registration.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = found.installing() else {
                return;
            };
            let watched = installing.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if watched.state() == ServiceWorkerState::Installed && had_worker {
                    update_ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    });
}

/// Lets the waiting build take over; the page reloads when it has.
pub fn update() {
    let Some(sw) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(found) = JsFuture::from(sw.get_registration()).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = found.unchecked_into();
        match registration.waiting() {
            Some(waiting) => {
                let _ = waiting.post_message(&SKIP_WAITING.into());
            }
            None => {
                let _ = window().location().reload();
            }
        }
    });
}

/// Once there is something worth keeping, asks the browser to keep it: once a page, unless
/// it already promised.
pub fn ask_to_keep(persisted: RwSignal<Option<bool>>) {
    thread_local! {
        static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if persisted.get_untracked() != Some(true) && !ASKED.replace(true) {
        persist(persisted, true);
    }
}

/// Asks the browser to keep Troth's data even when storage runs low (or, not `ask`ing, how it
/// stands), and records the answer in `persisted`.
pub fn persist(persisted: RwSignal<Option<bool>>, ask: bool) {
    let Ok(storage) = js_sys::Reflect::get(&window().navigator(), &"storage".into()) else {
        return;
    };
    if storage.is_undefined() {
        return;
    }
    let storage: web_sys::StorageManager = storage.unchecked_into();
    let promise = if ask {
        storage.persist()
    } else {
        storage.persisted()
    };
    let Ok(promise) = promise else {
        return;
    };
    leptos::task::spawn_local(async move {
        if let Ok(answer) = JsFuture::from(promise).await {
            persisted.set(answer.as_bool());
        }
    });
}
