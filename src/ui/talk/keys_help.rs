//! The `?` overlay: every key of presentation mode, from the same table the handlers use.

use crate::ui::keys::{KEYS, TYPING};
use leptos::prelude::*;

#[component]
pub fn KeysHelp(open: RwSignal<bool>, console: bool) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <section class="troth-keys" role="dialog" aria-labelledby="keys-title">
                <h2 id="keys-title">"Keys"</h2>
                <table>
                    <tbody>
                        {KEYS.iter().filter(|k| console || !k.2).map(|(keys, what, ..)| view! {
                            <tr><th scope="row"><kbd>{*keys}</kbd></th><td>{*what}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                // Only the console has fields to type in.
                {console.then(|| view! { <p class="troth-keys__typing">{TYPING}</p> })}
                <button type="button" class="troth-button" on:click=move |_| open.set(false)>"Close (Esc)"</button>
            </section>
        </Show>
    }
}
