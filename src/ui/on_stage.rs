//! What a key does on stage, as a pure function of where the stage stands and the talk: the
//! product's rules for the presenter's keys, tested natively like `route.rs` and `keys.rs`.
//! `stage.rs` only listens for keys, applies the answer, and tells the other window. Also where
//! the projector scrolls its list, so the current topic is never cut at an edge.

use crate::domain::talk::{Talk, TopicAction, TopicState};
use crate::domain::{Command, TopicId};
use crate::ui::keys::StageKey;

/// Where the stage stands in one window. Not data: nothing of it is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shown {
    /// The topic on stage.
    pub current: Option<TopicId>,
    /// The projector shows nothing (the audience looks at the speaker).
    pub blank: bool,
    /// The keys overlay is open.
    pub help: bool,
    /// The console asks whether to restart the running clock: restarting is its own act.
    pub restart: bool,
}

/// Which window the key was pressed in: the console has keys that need typing after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Console,
    Projector,
}

/// Where a key lands besides the stage, from what has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Nothing that takes keys: every key is a stage key.
    Page,
    /// A text field, and a key it does not type (a clicker's PageUp/PageDown, F5, Esc).
    Field,
    /// The focused element takes the key itself: a field types it, a button presses on Space.
    Taken,
}

/// Where `key` (a `KeyboardEvent.key`) lands when the element with tag name `tag` has focus.
/// A clicker sends keys that never type, so they drive the stage even from a field.
pub fn focus_of(tag: &str, key: &str) -> Focus {
    let field = matches!(tag, "INPUT" | "TEXTAREA" | "SELECT");
    let clicker = matches!(key, "PageDown" | "PageUp" | "F5" | "Escape");
    // Space keeps its meaning on a focused button, link or disclosure.
    let presses = matches!(tag, "BUTTON" | "A" | "SUMMARY") && key == " ";
    match (field, clicker) {
        (true, true) => Focus::Field,
        (true, false) => Focus::Taken,
        _ if presses => Focus::Taken,
        _ => Focus::Page,
    }
}

/// A field of the console a key moves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The line that adds a topic.
    Topic,
    /// What the asker says is still missing.
    Missing,
    /// The follow-up commitment's "what".
    Defer,
}

/// What the window does besides showing the new stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Not a stage key here: it keeps its usual meaning (it types, presses, scrolls).
    Pass,
    Nothing,
    /// Save this change to the talk.
    Run(Command),
    /// Say why the key did nothing, in words.
    Refuse(&'static str),
    FullScreen,
    /// Switch the projector's colours (dark room, bright room), in this browser.
    Colours,
    /// Leave the field being typed in (Escape).
    Blur,
    Focus(Field),
}

/// Why `Y` does nothing on a topic that is not covered yet.
pub const COVER_FIRST: &str = "Mark the topic covered first (C); then its asker can confirm it.";

/// What `key` does to `shown`, with `focus` where the key lands besides.
pub fn on_key(
    shown: Shown,
    key: StageKey,
    talk: &Talk,
    window: Window,
    focus: Focus,
) -> (Shown, Then) {
    let mut next = shown;
    if focus == Focus::Taken {
        return (next, Then::Pass);
    }
    let on_topic = |f: &dyn Fn(TopicId) -> Then| shown.current.map_or(Then::Nothing, f);
    let topic = |topic: TopicId, action: TopicAction| {
        Then::Run(Command::Topic {
            talk: talk.id(),
            topic,
            action,
        })
    };
    let console = window == Window::Console;
    let then = match key {
        StageKey::Next | StageKey::Previous => {
            let by = if key == StageKey::Next { 1 } else { -1 };
            next.current = talk.step_from(shown.current, by);
            Then::Nothing
        }
        StageKey::Blank => {
            next.blank = !shown.blank;
            Then::Nothing
        }
        StageKey::Fullscreen => Then::FullScreen,
        StageKey::Colours => Then::Colours,
        StageKey::Help => {
            next.help = !shown.help;
            Then::Nothing
        }
        // One thing at a time: the help, the question, the blank screen, then the field.
        StageKey::Escape if shown.help => {
            next.help = false;
            Then::Nothing
        }
        StageKey::Escape if shown.restart => {
            next.restart = false;
            Then::Nothing
        }
        StageKey::Escape if shown.blank => {
            next.blank = false;
            Then::Nothing
        }
        StageKey::Escape if focus == Focus::Field => Then::Blur,
        StageKey::Escape => Then::Nothing,
        StageKey::Cover => on_topic(&|t| topic(t, TopicAction::Cover)),
        // The product's rule: `Y` confirms for the first asker still to answer. Only covered
        // topics can be confirmed, and never by the app on its own.
        StageKey::Confirm => on_topic(&|t| match talk.topic(t).map(|t| t.state()) {
            Some(TopicState::Covered { waiting }) if !waiting.is_empty() => {
                topic(t, TopicAction::Confirm { by: waiting[0] })
            }
            _ => Then::Refuse(COVER_FIRST),
        }),
        _ if !console => Then::Nothing,
        StageKey::NotYet => on_topic(&|_| Then::Focus(Field::Missing)),
        StageKey::Defer => on_topic(&|_| Then::Focus(Field::Defer)),
        StageKey::AddTopic => Then::Focus(Field::Topic),
        // A running clock is not restarted by one key: the console asks first.
        StageKey::StartClock if talk.started().is_some() => {
            next.restart = true;
            Then::Nothing
        }
        StageKey::StartClock => Then::Run(Command::StartTalk { id: talk.id() }),
        StageKey::MoveUp | StageKey::MoveDown => on_topic(&|t| {
            let Some(at) = talk.topics().position(|x| x.id() == t) else {
                return Then::Nothing;
            };
            let to = if key == StageKey::MoveUp {
                at.saturating_sub(1)
            } else {
                at + 1
            };
            Then::Run(Command::MoveTopic {
                talk: talk.id(),
                topic: t,
                to,
            })
        }),
    };
    (next, then)
}

/// On the projector: where to scroll a list whose rows span `rows` (top, bottom; unscrolled, in order) so that row
/// `current` is wholly inside a view `height` tall with a row starting at its top edge, moving as
/// little as possible from `now`. A row taller than the view starts at the top.
pub fn scroll_for(rows: &[(f64, f64)], current: usize, height: f64, now: f64) -> f64 {
    let (top, bottom) = rows[current];
    rows.iter()
        .map(|r| r.0)
        .filter(|&t| t <= top && bottom - t <= height + 0.5)
        .min_by(|a, b| (a - now).abs().total_cmp(&(b - now).abs()))
        .unwrap_or(top)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::{Book, Change, Command, Instant, PersonId, Recipient, TalkId, Zone};

    /// A talk with three topics, asked by Ana, Bo and Cy.
    fn talk() -> (Book, TalkId, Vec<TopicId>) {
        let mut book = Book::default();
        let now = Instant::from_unix(1_800_000_000);
        let add = Command::AddTalk {
            title: "Troth for schools".into(),
            date: "2027-01-01".into(),
        };
        let Ok(Change::Talk(id)) = book.apply(add, now).map(|a| a.change) else {
            panic!("a talk is added");
        };
        for (name, text) in [("Ana", "pricing"), ("Bo", "offline"), ("Cy", "exports")] {
            let asker = Recipient::New {
                name: name.into(),
                zone: Zone::utc(),
            };
            let text = text.into();
            book.apply(
                Command::AddTopic {
                    talk: id,
                    asker,
                    text,
                },
                now,
            )
            .unwrap();
        }
        let topics = book.talk(id).unwrap().topics().map(|t| t.id()).collect();
        (book, id, topics)
    }

    #[test]
    fn arrows_move_through_the_topics_and_stop_at_the_ends() {
        let (book, id, t) = talk();
        let talk = book.talk(id).unwrap();
        let at = |current| Shown {
            current,
            ..Shown::default()
        };
        let go = |s, k| on_key(s, k, talk, Window::Projector, Focus::Page).0.current;
        assert_eq!(go(at(Some(t[0])), StageKey::Next), Some(t[1]));
        assert_eq!(go(at(Some(t[2])), StageKey::Next), Some(t[2]));
        assert_eq!(go(at(Some(t[0])), StageKey::Previous), Some(t[0]));
    }

    #[test]
    fn confirm_is_only_for_a_covered_topic_and_answers_for_its_first_waiting_asker() {
        let (mut book, id, t) = talk();
        let shown = Shown {
            current: Some(t[1]),
            ..Shown::default()
        };
        let talk = book.talk(id).unwrap();
        let (_, then) = on_key(
            shown,
            StageKey::Confirm,
            talk,
            Window::Projector,
            Focus::Page,
        );
        assert_eq!(then, Then::Refuse(COVER_FIRST));

        let (_, cover) = on_key(shown, StageKey::Cover, talk, Window::Projector, Focus::Page);
        let Then::Run(command) = cover else {
            panic!("{cover:?}")
        };
        book.apply(command, Instant::from_unix(1_800_000_100))
            .unwrap();
        let talk = book.talk(id).unwrap();
        let bo: PersonId = talk.topic(t[1]).unwrap().askers()[0];
        let (_, then) = on_key(
            shown,
            StageKey::Confirm,
            talk,
            Window::Projector,
            Focus::Page,
        );
        assert_eq!(
            then,
            Then::Run(Command::Topic {
                talk: id,
                topic: t[1],
                action: TopicAction::Confirm { by: bo }
            })
        );
        // Nothing on stage: nothing to confirm, nothing refused.
        let none = on_key(
            Shown::default(),
            StageKey::Confirm,
            talk,
            Window::Console,
            Focus::Page,
        );
        assert_eq!(none.1, Then::Nothing);
    }

    #[test]
    fn escape_closes_the_help_then_the_blank_then_leaves_the_field() {
        let (book, id, _) = talk();
        let talk = book.talk(id).unwrap();
        let all = Shown {
            current: None,
            blank: true,
            help: true,
            restart: true,
        };
        let esc = |s| on_key(s, StageKey::Escape, talk, Window::Console, Focus::Field);
        let (s, then) = esc(all);
        assert_eq!((s.help, s.restart, s.blank), (false, true, true));
        assert_eq!(then, Then::Nothing);
        let (s, _) = esc(s);
        assert_eq!((s.restart, s.blank), (false, true));
        let (s, _) = esc(s);
        assert!(!s.blank);
        assert_eq!(esc(s).1, Then::Blur);
    }

    #[test]
    fn keys_that_need_typing_work_only_in_the_console() {
        let (book, id, t) = talk();
        let talk = book.talk(id).unwrap();
        let shown = Shown {
            current: Some(t[0]),
            ..Shown::default()
        };
        let key = |k, w| on_key(shown, k, talk, w, Focus::Page).1;
        assert_eq!(
            key(StageKey::NotYet, Window::Console),
            Then::Focus(Field::Missing)
        );
        assert_eq!(key(StageKey::NotYet, Window::Projector), Then::Nothing);
        assert_eq!(
            key(StageKey::AddTopic, Window::Console),
            Then::Focus(Field::Topic)
        );
        assert_eq!(
            key(StageKey::StartClock, Window::Console),
            Then::Run(Command::StartTalk { id })
        );
        assert_eq!(
            key(StageKey::MoveDown, Window::Console),
            Then::Run(Command::MoveTopic {
                talk: id,
                topic: t[0],
                to: 1
            })
        );
        assert_eq!(key(StageKey::MoveDown, Window::Projector), Then::Nothing);
    }

    #[test]
    fn l_switches_the_projector_colours_from_either_window_and_types_in_a_field() {
        let (book, id, t) = talk();
        let talk = book.talk(id).unwrap();
        let shown = Shown {
            current: Some(t[1]),
            help: true,
            ..Shown::default()
        };
        for window in [Window::Console, Window::Projector] {
            // The stage stays where it is: only the colours change.
            let switched = on_key(shown, StageKey::Colours, talk, window, Focus::Page);
            assert_eq!(switched, (shown, Then::Colours), "{window:?}");
        }
        assert_eq!(focus_of("INPUT", "l"), Focus::Taken);
        let typed = on_key(
            shown,
            StageKey::Colours,
            talk,
            Window::Console,
            Focus::Taken,
        );
        assert_eq!(typed, (shown, Then::Pass));
    }

    #[test]
    fn a_clicker_drives_the_stage_from_a_text_field_where_letters_still_type() {
        let (book, id, t) = talk();
        let talk = book.talk(id).unwrap();
        let shown = Shown {
            current: Some(t[0]),
            ..Shown::default()
        };
        assert_eq!(focus_of("INPUT", "PageDown"), Focus::Field);
        let (next, then) = on_key(shown, StageKey::Next, talk, Window::Console, Focus::Field);
        assert_eq!((next.current, then), (Some(t[1]), Then::Nothing));

        // `b` is a letter of the topic being typed, not the blank key.
        assert_eq!(focus_of("INPUT", "b"), Focus::Taken);
        assert_eq!(focus_of("TEXTAREA", "ArrowDown"), Focus::Taken);
        let typed = on_key(shown, StageKey::Blank, talk, Window::Console, Focus::Taken);
        assert_eq!(typed, (shown, Then::Pass));

        // Off a field every stage key works, except Space on something it presses.
        assert_eq!(focus_of("BUTTON", "b"), Focus::Page);
        assert_eq!(focus_of("BUTTON", " "), Focus::Taken);
        assert_eq!(focus_of("BODY", " "), Focus::Page);
    }

    #[test]
    fn s_starts_a_stopped_clock_and_only_asks_about_a_running_one() {
        let (mut book, id, _) = talk();
        let s = |book: &Book, shown| {
            on_key(
                shown,
                StageKey::StartClock,
                book.talk(id).unwrap(),
                Window::Console,
                Focus::Page,
            )
        };
        let (shown, start) = s(&book, Shown::default());
        assert_eq!(start, Then::Run(Command::StartTalk { id }));
        assert!(!shown.restart);
        book.apply(Command::StartTalk { id }, Instant::from_unix(1_800_000_100))
            .unwrap();

        // Running: a question, and no command (the clock keeps its start).
        let (asking, then) = s(&book, Shown::default());
        assert_eq!((asking.restart, then), (true, Then::Nothing));
        let talk = book.talk(id).unwrap();
        let (kept, _) = on_key(asking, StageKey::Escape, talk, Window::Console, Focus::Page);
        assert!(!kept.restart);
        // Never from the projector, where nobody types the answer.
        let (_, then) = on_key(
            Shown::default(),
            StageKey::StartClock,
            talk,
            Window::Projector,
            Focus::Page,
        );
        assert_eq!(then, Then::Nothing);
    }

    /// Five rows 100 tall with gaps of 10, in a view 250 tall.
    const ROWS: [(f64, f64); 5] = [
        (0.0, 100.0),
        (110.0, 210.0),
        (220.0, 320.0),
        (330.0, 430.0),
        (440.0, 540.0),
    ];

    #[test]
    fn a_row_in_view_moves_nothing_and_a_row_below_brings_the_least_scroll() {
        assert_eq!(scroll_for(&ROWS, 1, 250.0, 0.0), 0.0);
        // Row 2 ends at 320: the first row start that shows it whole is 110, not 220.
        assert_eq!(scroll_for(&ROWS, 2, 250.0, 0.0), 110.0);
        assert_eq!(scroll_for(&ROWS, 4, 250.0, 110.0), 330.0);
    }

    #[test]
    fn moving_up_puts_the_row_at_the_top_and_a_grown_row_pulls_the_list_on() {
        assert_eq!(scroll_for(&ROWS, 1, 250.0, 330.0), 110.0);
        // Row 3 grew to end at 480: from 220 it no longer fits, so the list moves to 330.
        let mut grown = ROWS;
        grown[3].1 = 480.0;
        assert_eq!(scroll_for(&grown, 3, 250.0, 220.0), 330.0);
        // Taller than the view: its top at the top edge.
        grown[3].1 = 700.0;
        assert_eq!(scroll_for(&grown, 3, 250.0, 0.0), 330.0);
    }
}
