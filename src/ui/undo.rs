//! Undo in words: what the message with the Undo button says the change was, and what the
//! message after an undo says is back. Pure functions of the book, tested natively; which
//! changes can be undone, and when, is the domain's (`crate::domain::Undo`).

use crate::domain::goal::GoalEntry;
use crate::domain::talk::TopicEntry;
use crate::domain::{Book, Direction, Entry, Undo};

/// The change `undo` would take back, as the message reporting it says it: "Marked “Send the
/// deck” done." Read in the book right after the change.
pub fn reported(book: &Book, undo: &Undo) -> String {
    match undo {
        Undo::Step { id, entry } => {
            let Some(c) = book.commitment(*id) else {
                return "Changed.".into();
            };
            let what = c.what();
            let name = book.name_of(c.to());
            let theirs = c.by() == Direction::Theirs;
            match c.history().get(*entry) {
                Some(Entry::Done { .. }) if theirs => {
                    format!("Recorded that {name} says “{what}” is done.")
                }
                Some(Entry::Done { .. }) => format!("Marked “{what}” done."),
                Some(Entry::NotYet { .. }) => {
                    format!("Recorded what is still missing from “{what}”.")
                }
                Some(Entry::Acknowledged { .. }) if theirs => {
                    format!("You acknowledged “{what}”.")
                }
                Some(Entry::Acknowledged { .. }) => {
                    format!("Recorded that {name} acknowledged “{what}”.")
                }
                Some(Entry::Renegotiated { .. }) => format!("Renegotiated “{what}”."),
                Some(Entry::Missed { what: Some(_), .. }) => {
                    format!("Recorded that “{what}” was broken.")
                }
                Some(Entry::Missed { .. }) => format!("Marked “{what}” missed."),
                Some(Entry::Released { .. }) => format!("Released “{what}”."),
                _ => format!("Changed “{what}”."),
            }
        }
        Undo::TopicStep { talk, topic, entry } => {
            let Some(t) = book.talk(*talk).and_then(|t| t.topic(*topic)) else {
                return "Changed.".into();
            };
            let text = t.text();
            match t.history().get(*entry) {
                Some(TopicEntry::Covered { .. }) => format!("Marked “{text}” covered."),
                Some(TopicEntry::Confirmed { by, .. }) => {
                    format!("{} confirmed “{text}”.", book.name_of(*by))
                }
                Some(TopicEntry::NotYet { by, .. }) => {
                    format!(
                        "{} said something is missing from “{text}”.",
                        book.name_of(*by)
                    )
                }
                _ => format!("Changed “{text}”."),
            }
        }
        Undo::GoalStep { id, entry } => {
            match book.goal(*id).and_then(|g| g.history().get(*entry)) {
                Some(GoalEntry::Reviewed { review, .. }) => {
                    format!("Recorded review {}.", review + 1)
                }
                Some(GoalEntry::Rescheduled { review, .. }) => {
                    format!("Moved review {}.", review + 1)
                }
                _ => "Changed the goal.".into(),
            }
        }
        Undo::RemovedTopic { talk, topic } => {
            let text = topic_text(book, *talk, *topic);
            format!("Removed “{text}” from the list.")
        }
        Undo::MovedTopic { talk, topic, .. } => {
            let text = topic_text(book, *talk, *topic);
            let place = book
                .talk(*talk)
                .and_then(|t| t.topics().position(|x| x.id() == *topic))
                .map_or(String::new(), |n| format!(" to place {}", n + 1));
            format!("Moved “{text}”{place}.")
        }
        Undo::RemovedPerson { person } => format!("Removed {} from your people.", person.name),
    }
}

/// What is back after `undo` was applied, read in the book after it: "Undone: “Send the deck”
/// is open again, as before; its history keeps the step, marked undone."
pub fn undone(book: &Book, undo: &Undo) -> String {
    match undo {
        Undo::Step { id, .. } => match book.commitment(*id) {
            Some(c) => format!(
                "Undone: “{}” is {} again, as before; its history keeps the step, marked undone.",
                c.what(),
                c.status().as_str()
            ),
            None => "Undone.".into(),
        },
        Undo::TopicStep { talk, topic, .. } => match book.talk(*talk).and_then(|t| t.topic(*topic))
        {
            Some(t) => format!(
                "Undone: “{}” is {} again, as before.",
                t.text(),
                t.state().name()
            ),
            None => "Undone.".into(),
        },
        Undo::GoalStep { id, entry } => {
            match book.goal(*id).and_then(|g| g.history().get(*entry)) {
                Some(GoalEntry::Reviewed { review, .. }) => format!(
                "Undone: review {} is not held, as before; the goal's history keeps it, marked \
                 undone.",
                review + 1
            ),
                _ => "Undone: the goal is as it was before.".into(),
            }
        }
        Undo::RemovedTopic { talk, topic } => format!(
            "Undone: “{}” is back on the list, in its place.",
            topic_text(book, *talk, *topic)
        ),
        Undo::MovedTopic { talk, topic, .. } => format!(
            "Undone: “{}” is back in its place.",
            topic_text(book, *talk, *topic)
        ),
        Undo::RemovedPerson { person } => {
            format!("Undone: {} is back in your people.", person.name)
        }
    }
}

fn topic_text(book: &Book, talk: crate::domain::TalkId, topic: crate::domain::TopicId) -> String {
    book.talk(talk)
        .and_then(|t| t.topic(topic))
        .map_or_else(|| "the topic".to_owned(), |t| t.text().to_owned())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::talk::TopicAction;
    use crate::domain::{
        Action, Command, CommitmentId, Due, Instant, Kind, Recipient, TalkId, TopicId,
    };

    const NOW: Instant = Instant::from_unix(1_795_348_800);

    fn due() -> Due {
        Due {
            at: NOW.plus_secs(86_400),
            zone: crate::domain::Zone::utc(),
        }
    }

    #[test]
    fn a_step_is_reported_and_its_undo_says_what_is_back() {
        let mut b = Book::default();
        let make = Command::Make {
            to: Recipient::NameOnly("Ana".into()),
            what: "Send the deck".into(),
            due: due(),
            by: Direction::Mine,
            kind: Kind::Deliver,
        };
        b.apply(make, NOW).unwrap();
        let id = CommitmentId(0);
        let done = Command::Act {
            id,
            action: Action::MarkDone,
        };
        let applied = b.apply(done, NOW).unwrap();
        let u = applied.undo.unwrap();
        assert_eq!(reported(&b, &u), "Marked “Send the deck” done.");
        b.apply(Command::Undo(u.clone()), NOW).unwrap();
        assert_eq!(
            undone(&b, &u),
            "Undone: “Send the deck” is open again, as before; its history keeps the step, \
             marked undone."
        );
    }

    #[test]
    fn topic_changes_are_reported_by_their_words() {
        let mut b = Book::default();
        let add = Command::AddTalk {
            title: "Talk".into(),
            date: "2026-11-24".into(),
        };
        b.apply(add, NOW).unwrap();
        let talk = TalkId(0);
        for text in ["pricing", "offline use"] {
            let command = Command::AddTopic {
                talk,
                asker: Recipient::NameOnly(format!("Asker of {text}")),
                text: text.into(),
            };
            b.apply(command, NOW).unwrap();
        }
        let cover = Command::Topic {
            talk,
            topic: TopicId(1),
            action: TopicAction::Cover,
        };
        let applied = b.apply(cover, NOW).unwrap();
        let u = applied.undo.unwrap();
        assert_eq!(reported(&b, &u), "Marked “offline use” covered.");
        let moved = Command::MoveTopic {
            talk,
            topic: TopicId(1),
            to: 0,
        };
        let applied = b.apply(moved, NOW).unwrap();
        let u = applied.undo.unwrap();
        assert_eq!(reported(&b, &u), "Moved “offline use” to place 1.");
        let remove = Command::RemoveTopic {
            talk,
            topic: TopicId(0),
        };
        let applied = b.apply(remove, NOW).unwrap();
        let u = applied.undo.unwrap();
        assert_eq!(reported(&b, &u), "Removed “pricing” from the list.");
        b.apply(Command::Undo(u.clone()), NOW).unwrap();
        assert_eq!(
            undone(&b, &u),
            "Undone: “pricing” is back on the list, in its place."
        );
    }
}
