//! The question before a running clock starts again from 0:00: restarting is its own act, so a
//! stray `S` (or a click meant for another button) never loses the time.

use super::Stage;
use crate::domain::{Command, TalkId};
use crate::ui::form::Form;
use leptos::html;
use leptos::prelude::*;

/// Asks "Restart the clock?" while `stage.restart` is set; Esc or "Keep it running" closes it.
#[component]
pub fn RestartClock(
    id: TalkId,
    stage: Stage,
    /// Where a refused restart is said.
    form: Form,
) -> impl IntoView {
    let keep = NodeRef::<html::Button>::new();
    // The safe answer takes the focus, so Enter keeps the clock running.
    Effect::new(move |_| {
        if let Some(keep) = keep.get() {
            let _ = keep.focus();
        }
    });
    let restart = move |_| {
        stage.restart.set(false);
        form.submit(Command::StartTalk { id }, |_| {});
    };
    view! {
        <Show when=move || stage.restart.get()>
            <div class="troth-question" role="group" aria-labelledby="restart-question">
                <p id="restart-question"><strong>"Restart the clock from 0:00?"</strong></p>
                <div class="troth-buttons">
                    <button type="button" class="troth-button troth-button--danger" on:click=restart>"Yes, restart"</button>
                    <button type="button" class="troth-button troth-button--primary" node_ref=keep
                        on:click=move |_| stage.restart.set(false)>"Keep it running (Esc)"</button>
                </div>
            </div>
        </Show>
    }
}
