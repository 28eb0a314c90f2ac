//! What the domain refuses, in words a person can act on.

use thiserror::Error;

#[derive(Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("A name is needed.")]
    EmptyName,
    #[error(
        "There is already someone called “{0}”. Add a surname or an initial to tell them apart."
    )]
    NameTaken(String),
    #[error("Say what you commit to.")]
    EmptyWhat,
    #[error("That text is {len} characters long; keep it under {max}.")]
    TooLong { len: usize, max: usize },
    #[error("A reason is needed: it is what makes renegotiating honest.")]
    EmptyReason,
    #[error("Say why you both agreed to let it go.")]
    EmptyNote,
    #[error("Say what is still missing, so it can be delivered.")]
    EmptyMissing,
    #[error(
        "“{0}” is not a time zone Troth knows: try a city (“New York”) or a name from the list."
    )]
    UnknownZone(String),
    #[error(
        "That time does not exist on that day in that time zone: the clocks skip it. Choose a \
         time an hour later."
    )]
    NonexistentLocalTime,
    /// A moment outside [`crate::domain::EARLIEST`]..[`crate::domain::LATEST`]; names the field.
    #[error("The {0} is outside the years Troth can show (1970–2200).")]
    OutOfYears(&'static str),
    #[error("The new due moment has already passed; choose one still ahead.")]
    DueInPast,
    #[error("The new due moment is the same as the current one.")]
    SameDue,
    #[error(
        "It is too late to correct it: a slip can be corrected only in the first 15 minutes, \
         before anything else happens to it. Renegotiate instead."
    )]
    TooLateToCorrect,
    #[error("Nothing differs from what is recorded, so there is nothing to correct.")]
    NothingToCorrect,
    #[error("That person no longer exists.")]
    NoSuchPerson,
    #[error("That commitment no longer exists.")]
    NoSuchCommitment,
    #[error("{who} was removed; restore them before making new commitments to them.")]
    PersonRemoved { who: String },
    #[error("This commitment is {state}: {action} is not possible now.")]
    NotAllowed {
        state: &'static str,
        action: &'static str,
    },
    #[error("It is not due yet: it can only be marked missed once its due moment has passed.")]
    NotDueYet,
    #[error("Give the talk a title.")]
    EmptyTitle,
    #[error("Choose the day of the talk.")]
    NoTalkDate,
    #[error("Say what the topic is.")]
    EmptyTopic,
    #[error("A talk holds at most {0} topics; merge duplicates or remove some first.")]
    TooManyTopics(usize),
    #[error("A topic is asked by at most {max} people; this one names {len}.")]
    TooManyAskers { len: usize, max: usize },
    #[error("One import adds at most {max} new people; this talk would add {len}.")]
    TooManyNewPeople { len: usize, max: usize },
    #[error("That talk no longer exists.")]
    NoSuchTalk,
    #[error("That topic no longer exists.")]
    NoSuchTopic,
    #[error("This topic is {state}: {action} is not possible now.")]
    TopicNotAllowed {
        state: &'static str,
        action: &'static str,
    },
    #[error("Only someone who asked for this topic can answer for it.")]
    NotAnAsker,
    #[error("That person has already confirmed this topic.")]
    AlreadyAnswered,
    #[error(
        "This topic has already been covered, so its wording and askers stay as the audience saw them."
    )]
    TopicUnderway,
    #[error(
        "Someone who asked for this topic has answered, so it stays on the list as part of the \
         talk's record."
    )]
    TopicAnswered,
    #[error("Choose two different topics to merge.")]
    MergeSelf,
    #[error(
        "This reply answers a request this Troth never made: perhaps it was made in another \
         browser, or before the data here was reset. Nothing was recorded."
    )]
    NoSuchRequest,
    #[error("This reply cannot be recorded now; open it again to see why. Nothing was recorded.")]
    ReplyRefused,
    #[error(
        "This reply was changed after it was made, or made by someone who never had your \
         request: its signature does not match. Nothing was recorded."
    )]
    ReplyForged,
    #[error("This is already in your Troth: nothing was added twice.")]
    AlreadyKept,
    #[error(
        "It is kept until its end moment: mark it done once that has passed, or say what \
         happened if it was broken."
    )]
    StandingNotOver,
    #[error("Say what happened, so both of you know what broke it.")]
    EmptyWhatHappened,
    #[error(
        "Only a commitment kept until a moment (a standing one) can be broken; one to deliver \
         is renegotiated, released or marked missed."
    )]
    NotStanding,
    #[error("This one is not settled yet: make the next one once it is kept, missed or released.")]
    NotSettledYet,
    #[error("A later one of this series is already made: repeat that one instead.")]
    NotLatestInSeries,
    #[error("A stored history is not valid: {0}")]
    InvalidHistory(String),
    #[error("It refers to something it does not hold: {0}.")]
    Dangling(String),
    #[error("Say what you both agreed.")]
    EmptyGoal,
    #[error("Say, in a few words, what was said.")]
    EmptySaid,
    #[error("Say, for yourself, where trust seems absent.")]
    EmptyConcern,
    #[error("Say what went well, in the words you would use with them.")]
    EmptySuccess,
    #[error("That goal no longer exists.")]
    NoSuchGoal,
    #[error("That review is not one of this goal's.")]
    NoSuchReview,
    #[error("That raised hand no longer exists.")]
    NoSuchHand,
    #[error("A review comes after the kickoff; choose a moment after it.")]
    ReviewBeforeKickoff,
    #[error("A goal holds at most {0} review moments.")]
    TooManyReviews(usize),
    #[error("This {what} is {state}: {action} is not possible now.")]
    RecordNotAllowed {
        what: &'static str,
        state: &'static str,
        action: &'static str,
    },
    #[error("That commitment already serves this goal.")]
    AlreadyServes,
    #[error("That commitment already serves another goal.")]
    ServesAnotherGoal,
    #[error("That is with someone else: a {0} links only what is with the same person.")]
    NotWithThem(&'static str),
    #[error("The goal already says that; if it holds as it is, say it holds.")]
    SameGoal,
    #[error("That topic has not been confirmed by them, so there is no success to affirm yet.")]
    NotConfirmed,
    #[error(
        "That commitment has not been acknowledged yet: only their acknowledgement makes it met."
    )]
    NotKeptYet,
    #[error(
        "This cannot be undone: {0} changed since (perhaps in another tab). Nothing was changed; \
         what happened is in its history."
    )]
    ChangedSince(&'static str),
    #[error(
        "Only your own last step can be undone (done, not yet, acknowledged, renegotiated, \
         missed, released, covered, removed, moved, a review held or moved); “{0}” cannot be."
    )]
    NotUndoable(&'static str),
    #[error(
        "This cannot be undone: {0} was built on it since, and that stays. Nothing was changed."
    )]
    BuiltOnSince(&'static str),
    #[error("This cannot be undone: someone called “{0}” was added since. Nothing was changed.")]
    NameTakenSince(String),
}

/// Debug is the message itself: tests print it, and the browser build keeps one formatter
/// instead of a second, derived one for every variant (3.2 KB of WASM on every page).
impl std::fmt::Debug for DomainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}
