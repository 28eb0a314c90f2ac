//! The keys of presentation mode, including what presentation clickers send (PageDown/PageUp,
//! arrows, `B`/`.` to blank, `F5` to start). One table serves both the handlers and the `?`
//! overlay, so the help on screen is always the truth.

/// What a key does on stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageKey {
    Next,
    Previous,
    Blank,
    Fullscreen,
    /// Leaves the blank screen or the help; the browser leaves full screen by itself.
    Escape,
    Help,
    /// The projector's colours: dark on white for a bright room, or back.
    Colours,
    Cover,
    Confirm,
    // The presenter's console only (they need typing):
    /// Moves to the Topic field, to type a topic the room just asked for.
    AddTopic,
    NotYet,
    Defer,
    StartClock,
    MoveUp,
    MoveDown,
}

/// The keys, as the `?` overlay lists them: (keys, what they do, console only, the action).
pub const KEYS: [(&str, &str, bool, StageKey); 15] = [
    (
        "PageDown, →, ↓, J, Space",
        "next topic",
        false,
        StageKey::Next,
    ),
    (
        "PageUp, ←, ↑, K",
        "previous topic",
        false,
        StageKey::Previous,
    ),
    (
        "B, .",
        "blank the screen (again to show it)",
        false,
        StageKey::Blank,
    ),
    ("F, F5", "full screen", false, StageKey::Fullscreen),
    (
        "Esc",
        "leave the blank screen or this help",
        false,
        StageKey::Escape,
    ),
    ("?", "show or hide these keys", false, StageKey::Help),
    (
        "L",
        "projector colours: dark on white for a bright room (again for light on black)",
        false,
        StageKey::Colours,
    ),
    (
        "C",
        "mark the current topic covered",
        false,
        StageKey::Cover,
    ),
    ("Y", "the asker confirms it", false, StageKey::Confirm),
    (
        "A",
        "type a topic the room asks for",
        true,
        StageKey::AddTopic,
    ),
    (
        "N",
        "the asker says something is missing",
        true,
        StageKey::NotYet,
    ),
    (
        "D",
        "defer what is missing to a commitment",
        true,
        StageKey::Defer,
    ),
    (
        "S",
        "start the clock (a running clock asks before it restarts)",
        true,
        StageKey::StartClock,
    ),
    (
        "Alt + ↑",
        "move the current topic up",
        true,
        StageKey::MoveUp,
    ),
    (
        "Alt + ↓",
        "move the current topic down",
        true,
        StageKey::MoveDown,
    ),
];

/// How typing and the clicker share the keyboard, as the console's `?` overlay says it.
pub const TYPING: &str = "In a text field, letters, arrows and Space type. A clicker's keys still \
     work there: PageUp and PageDown move the stage, F5 goes full screen, Esc leaves the field. \
     Enter adds a topic and leaves its field, so B, C and Y work again at once; A types another. \
     Outside a field, Ctrl+Z (Cmd+Z) undoes the last change: covered, moved, removed.";

/// The meaning of a `KeyboardEvent.key`, with Alt held or not.
pub fn stage_key(key: &str, alt: bool) -> Option<StageKey> {
    use StageKey::*;
    Some(match (key, alt) {
        ("ArrowUp", true) => MoveUp,
        ("ArrowDown", true) => MoveDown,
        ("PageDown" | "ArrowRight" | "ArrowDown" | "j" | "J" | " ", false) => Next,
        ("PageUp" | "ArrowLeft" | "ArrowUp" | "k" | "K", false) => Previous,
        ("b" | "B" | ".", false) => Blank,
        ("f" | "F" | "F5", false) => Fullscreen,
        ("Escape", _) => Escape,
        ("?", _) => Help,
        ("l" | "L", false) => Colours,
        ("c" | "C", false) => Cover,
        ("y" | "Y", false) => Confirm,
        ("a" | "A", false) => AddTopic,
        ("n" | "N", false) => NotYet,
        ("d" | "D", false) => Defer,
        ("s" | "S", false) => StartClock,
        _ => return None,
    })
}

/// Whether a key press asks to undo the last change: Ctrl+Z, or Cmd+Z on a Mac, without Shift
/// (that is redo) or Alt, and not while typing in a text field (there it undoes the typing).
pub fn is_undo(key: &str, ctrl: bool, meta: bool, shift: bool, alt: bool, typing: bool) -> bool {
    matches!(key, "z" | "Z") && (ctrl || meta) && !shift && !alt && !typing
}

/// Whether an element with this tag name (and `contenteditable` or not) takes typing.
pub fn takes_typing(tag: &str, editable: bool) -> bool {
    editable
        || matches!(
            tag.to_ascii_uppercase().as_str(),
            "INPUT" | "TEXTAREA" | "SELECT"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_or_cmd_z_undoes_outside_text_fields_only() {
        assert!(is_undo("z", true, false, false, false, false));
        assert!(is_undo("z", false, true, false, false, false), "Cmd+Z");
        assert!(is_undo("Z", true, false, false, false, false), "Caps Lock");
        assert!(
            !is_undo("z", false, false, false, false, false),
            "a plain z"
        );
        assert!(
            !is_undo("z", true, false, true, false, false),
            "Ctrl+Shift+Z is redo"
        );
        assert!(!is_undo("z", true, false, false, true, false));
        assert!(!is_undo("z", true, false, false, false, true), "typing");
        assert!(!is_undo("y", true, false, false, false, false));
        assert!(takes_typing("input", false) && takes_typing("TEXTAREA", false));
        assert!(takes_typing("SELECT", false) && takes_typing("DIV", true));
        assert!(!takes_typing("BUTTON", false) && !takes_typing("A", false));
    }

    #[test]
    fn clicker_keys_move_blank_and_go_full_screen() {
        assert_eq!(stage_key("PageDown", false), Some(StageKey::Next));
        assert_eq!(stage_key("PageUp", false), Some(StageKey::Previous));
        assert_eq!(stage_key(".", false), Some(StageKey::Blank));
        assert_eq!(stage_key("F5", false), Some(StageKey::Fullscreen));
        assert_eq!(stage_key("ArrowUp", true), Some(StageKey::MoveUp));
        assert_eq!(stage_key("x", false), None);
    }

    #[test]
    fn the_help_on_screen_is_what_the_keys_do() {
        for (keys, what, _, action) in KEYS {
            for shown in keys.split(", ") {
                let (alt, shown) = match shown.strip_prefix("Alt + ") {
                    Some(k) => (true, k),
                    None => (false, shown),
                };
                let key = match shown {
                    "→" => "ArrowRight",
                    "↓" => "ArrowDown",
                    "←" => "ArrowLeft",
                    "↑" => "ArrowUp",
                    "Esc" => "Escape",
                    "Space" => " ",
                    other => other,
                };
                assert_eq!(stage_key(key, alt), Some(action), "{shown} should {what}");
                if key.len() == 1 {
                    // Letters work with or without Shift (Caps Lock on a presenter's laptop).
                    let lower = key.to_ascii_lowercase();
                    assert_eq!(stage_key(&lower, alt), Some(action), "{shown} lower case");
                }
            }
        }
        let mut actions: Vec<String> = KEYS.iter().map(|k| format!("{:?}", k.3)).collect();
        // Sorted first: `dedup` drops only neighbours.
        actions.sort_unstable();
        actions.dedup();
        assert_eq!(actions.len(), KEYS.len(), "each action is listed once");
    }
}
