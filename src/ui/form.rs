//! A form's submit, and its [`Refusal`](crate::ui::app::Refusal) said beside it.

use crate::domain::{Change, Command};
use crate::ui::app::Troth;
use leptos::prelude::*;

/// A form that sends one command at a time and says beside itself why one was refused.
/// One handle: copied into every closure that submits or refuses, it holds no Troth
/// ([`Troth::of_page`]).
#[derive(Clone, Copy)]
pub struct Form {
    /// Why the last submit was refused, for the form's [`ErrorLine`]; gone once one is saved.
    ///
    /// [`ErrorLine`]: crate::ui::components::field::ErrorLine
    pub error: RwSignal<Option<String>>,
}

impl Form {
    pub fn new() -> Self {
        Self {
            error: RwSignal::new(None),
        }
    }

    /// Refuses before anything is sent: a field the form reads itself (a zone, a date).
    pub fn refuse(&self, why: impl ToString) {
        self.error.set(Some(why.to_string()));
    }

    /// Sends `command`; once it is saved, clears the refusal and hands `then` the change.
    pub fn submit(&self, command: Command, then: impl FnOnce(Change) + 'static) {
        // One copy of the saving path for every form, not one per closure type.
        self.submit_boxed(command, Box::new(then));
    }

    fn submit_boxed(&self, command: Command, then: Box<dyn FnOnce(Change)>) {
        let error = self.error;
        Troth::of_page().run(command, move |r| match r {
            Ok(change) => {
                error.set(None);
                then(change);
            }
            Err(why) => error.set(Some(why.to_string())),
        });
    }
}
