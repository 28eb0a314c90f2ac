//! An offer opened by the person it was made to: what someone committed to them, kept in their
//! own Troth as a commitment promised to them on a press.

use super::due_for_reader;
use crate::domain::link::Offer;
use crate::domain::Command;
use crate::ui::app::Troth;
use crate::ui::components::field::ErrorLine;
use crate::ui::components::look_alike::{asking, IsThis};
use crate::ui::form::Form;
use crate::ui::intl::IntlZones;
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn OfferPage(payload: String) -> impl IntoView {
    let page = super::Page {
        reading: "A commitment to you",
        failed: "This link cannot be opened",
        unchanged: "Nothing was kept.",
    };
    super::opened(
        payload,
        page,
        |json| Offer::from_json(json, &IntlZones),
        |it| view! { <Keeping offer=it/> }.into_any(),
    )
}

#[component]
fn Keeping(offer: Offer) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let mine = troth.page.my_zone.get_value();
    let from = offer.promise.from.clone();
    let due = due_for_reader(rules, &offer.promise.due, &mine);
    let what = offer.promise.what.clone();
    let thread = offer.promise.thread.clone();
    let form = Form::new();
    let offer = StoredValue::new(offer);
    // "Is this Sam?" answered: `as_who` is the person the user said it is.
    let (answered, as_who) = (RwSignal::new(false), RwSignal::new(None::<String>));
    let keep = move |_| {
        let mut offer = offer.get_value();
        if let Some(known) = as_who.get_untracked() {
            offer.promise.from = known;
        }
        form.submit(Command::KeepOffer { offer }, move |_| {
            // The button is gone: focus goes to what says it was kept.
            leptos::prelude::request_animation_frame(|| {
                crate::ui::focus::focus("#link-done");
            });
        });
    };
    let from2 = from.clone();
    let state = move || {
        let from = from2.clone();
        let (own, kept) = troth.book.with(|b| {
            let own = b.sent_from(&thread).map(|c| c.id());
            (own, b.kept_from(&thread).map(|c| c.id()))
        });
        match (own, kept) {
            (Some(id), _) => view! {
                <p class="troth-note">{format!("This is your own offer link. Send it to {}: their Troth can keep it.", offer.with_value(|o| o.promise.to.clone()))}</p>
                <p><a href=Route::Commitment(id).href_from(troth.page.part)>"Back to the commitment"</a></p>
            }
            .into_any(),
            (None, Some(id)) => view! {
                <p role="status" id="link-done" tabindex="-1">{format!("It is in your Troth, as a commitment from {from}. ")}
                    <a href=Route::Commitment(id).href_from(troth.page.part)>"Open it"</a></p>
            }
            .into_any(),
            (None, None) if asking(&from, answered).is_some() => view! {
                <IsThis name=from same=Callback::new(move |known| as_who.set(Some(known))) answered/>
            }
            .into_any(),
            (None, None) => view! {
                <p>{format!("Keep it in your Troth to follow it: when {from} says it is done, you say whether it meets what you need. It counts in {from}'s record with you. Nothing is saved unless you press the button.")}</p>
                <div class="troth-buttons">
                    <button type="button" class="troth-button troth-button--primary" on:click=keep>{super::keep_label()}</button>
                </div>
            }
            .into_any(),
        }
    };
    view! {
        <h1 tabindex="-1">{format!("{from} committed to you")}</h1>
        <section class="troth-card troth-request" aria-labelledby="offer-what">
            <p id="offer-what" class="troth-request__what"><strong>{what}</strong></p>
            <dl class="troth-facts">
                <dt>"Due"</dt><dd>{due}</dd>
            </dl>
            <p class="troth-hint">{format!("{} The link holds only this and {from}'s name.", super::says_from(&from))}</p>
        </section>
        <ErrorLine error=form.error/>
        {state}
    }
}
