//! Undo: what can be taken back, what cannot, and that taking back never rewrites history.

use super::{due, zone, NOW};
use crate::domain::goal::{default_reviews, Goal, GoalAction, GoalEntry, Verdict};
use crate::domain::link::{Answer, Token};
use crate::domain::success::{Source, TopicRef};
use crate::domain::talk::{TopicAction, TopicEntry, TopicState};
use crate::domain::{
    Action, Book, Command, Commitment, CommitmentId, DomainError, Entry, GoalId, Instant, PersonId,
    Recipient, Status, TalkId, TopicId, TrackRecord, TrustCommand, Undo,
};
use crate::domain::{Direction, Kind};

const LATER: Instant = Instant::from_unix(NOW.unix() + 60);
const ANA: PersonId = PersonId(0);

/// A book with Ana and one commitment to her (id 0), due on the 26th.
fn book() -> Book {
    let mut b = Book::default();
    let command = Command::Make {
        to: Recipient::New {
            name: "Ana".into(),
            zone: zone("America/New_York"),
        },
        what: "Send the deck".into(),
        due: due("Europe/Berlin", 26, 17, 0),
        by: Direction::Mine,
        kind: Kind::Deliver,
    };
    let applied = b.apply(command, NOW).unwrap();
    assert_eq!(
        applied.undo, None,
        "making something is not undone this way"
    );
    b
}

const C: CommitmentId = CommitmentId(0);

fn act(b: &mut Book, action: Action) -> Undo {
    let applied = b.apply(Command::Act { id: C, action }, NOW).unwrap();
    applied.undo.expect("the step can be undone")
}

fn undo(b: &mut Book, undo: Undo) -> Result<(), DomainError> {
    b.apply(Command::Undo(undo), LATER).map(drop)
}

fn it(b: &Book) -> &Commitment {
    b.commitment(C).unwrap()
}

#[test]
fn done_is_undone_by_a_new_entry_and_reads_as_if_never_done() {
    let mut b = book();
    let before = it(&b).clone();
    let u = act(&mut b, Action::MarkDone);
    assert_eq!(u, Undo::Step { id: C, entry: 1 });
    undo(&mut b, u).unwrap();
    let c = it(&b);
    // History only grows: the step stays, followed by the entry that takes it back.
    assert!(c.history().starts_with(before.history()));
    assert_eq!(c.history().len(), 3);
    assert!(matches!(c.history()[1], Entry::Done { .. }));
    assert_eq!(
        c.history()[2],
        Entry::Undone {
            at: LATER,
            entry: 1
        }
    );
    assert!(c.history().is_undone(1) && !c.history().is_undone(0));
    assert_eq!(c.status(), Status::Open);
    assert_eq!(c.history().in_force().count(), 1);
    // A step taken back can be taken again, and that one undone too.
    let again = act(&mut b, Action::MarkDone);
    assert_eq!(again, Undo::Step { id: C, entry: 3 });
    assert_eq!(it(&b).status(), Status::AwaitingAck);
    undo(&mut b, again).unwrap();
    assert_eq!(it(&b).status(), Status::Open);
    assert_eq!(it(&b).history().len(), 5);
}

#[test]
fn every_step_of_the_users_own_is_undone_to_the_state_before_it() {
    let renegotiate = Action::Renegotiate {
        due: due("Europe/Berlin", 27, 17, 0),
        reason: "numbers arrive later".into(),
    };
    let not_yet = Action::NotYet {
        missing: "the appendix".into(),
    };
    let ack = Action::Acknowledge {
        how: Some("by mail".into()),
    };
    let release = Action::Release {
        note: "not needed".into(),
    };
    // (steps before, the step undone)
    let cases: Vec<(Vec<Action>, Action)> = vec![
        (vec![], renegotiate),
        (vec![], Action::MarkDone),
        (vec![Action::MarkDone], not_yet),
        (vec![Action::MarkDone], ack),
        (vec![], release.clone()),
        (vec![Action::MarkDone], release),
    ];
    for (setup, step) in cases {
        let mut b = book();
        for s in setup {
            act(&mut b, s);
        }
        let before = it(&b).clone();
        let record = TrackRecord::of(b.commitments());
        let u = act(&mut b, step.clone());
        undo(&mut b, u).unwrap();
        let c = it(&b);
        assert!(c.history().starts_with(before.history()), "{step:?}");
        assert_eq!(c.history().len(), before.history().len() + 2, "{step:?}");
        assert_eq!(c.status(), before.status(), "{step:?}");
        assert_eq!(c.due(), before.due(), "{step:?}");
        assert_eq!(c.missing(), before.missing(), "{step:?}");
        assert_eq!(c.outcome(), before.outcome(), "{step:?}");
        assert_eq!(TrackRecord::of(b.commitments()), record, "{step:?}");
    }
    // Missed, once it is due.
    let mut b = book();
    let due_passed = Instant::from_unix(due("Europe/Berlin", 26, 17, 0).at.unix() + 60);
    let applied = b
        .apply(
            Command::Act {
                id: C,
                action: Action::MarkMissed,
            },
            due_passed,
        )
        .unwrap();
    let u = applied.undo.unwrap();
    assert_eq!(it(&b).status(), Status::Missed);
    b.apply(Command::Undo(u), due_passed).unwrap();
    assert_eq!(it(&b).status(), Status::Open);
    assert_eq!(TrackRecord::of(b.commitments()).missed, 0);
}

#[test]
fn only_the_last_step_can_be_undone() {
    let mut b = book();
    let done = act(&mut b, Action::MarkDone);
    let ack = act(&mut b, Action::Acknowledge { how: None });
    let before = b.clone();
    assert_eq!(
        undo(&mut b, done.clone()),
        Err(DomainError::ChangedSince("this commitment has"))
    );
    assert_eq!(b, before, "a refusal changes nothing");
    undo(&mut b, ack.clone()).unwrap();
    assert_eq!(it(&b).status(), Status::AwaitingAck);
    // The undo is now the last thing that happened: the step before stays out of reach, and
    // the same undo twice is refused.
    assert!(undo(&mut b, done).is_err());
    assert!(undo(&mut b, ack).is_err());
    assert_eq!(it(&b).history().len(), 4);
}

#[test]
fn what_is_not_the_users_own_step_cannot_be_undone() {
    let mut b = book();
    // The making.
    let made = Undo::Step { id: C, entry: 0 };
    assert_eq!(undo(&mut b, made), Err(DomainError::NotUndoable("made")));
    // A link sent, and the other person's own answer by link.
    act(&mut b, Action::MarkDone);
    let token = Token::from_bytes([7; 16]);
    let ask = Command::Act {
        id: C,
        action: Action::Ask {
            token: token.clone(),
            id: None,
        },
    };
    let applied = b.apply(ask, NOW).unwrap();
    assert_eq!(applied.undo, None, "a link once sent is not taken back");
    let asked = Undo::Step { id: C, entry: 2 };
    assert_eq!(undo(&mut b, asked), Err(DomainError::NotUndoable("asked")));
    let reply = Command::Act {
        id: C,
        action: Action::Reply {
            token,
            answer: Answer::Met { note: None },
        },
    };
    let applied = b.apply(reply, NOW).unwrap();
    assert_eq!(applied.undo, None, "their own answer is theirs");
    let answered = Undo::Step { id: C, entry: 3 };
    let refused = undo(&mut b, answered).unwrap_err();
    assert_eq!(refused, DomainError::NotUndoable("acknowledged"));
    assert!(refused
        .to_string()
        .starts_with("Only your own last step can be undone"));
    // An undo is not undone (there is no redo: the step is simply taken again).
    let mut b = book();
    let u = act(&mut b, Action::MarkDone);
    undo(&mut b, u).unwrap();
    let redo = Undo::Step { id: C, entry: 2 };
    assert_eq!(undo(&mut b, redo), Err(DomainError::NotUndoable("undone")));
    // A correction fixes a slip; it is not itself undone.
    let mut b = book();
    let correct = Command::Correct {
        id: C,
        what: Some("Send the whole deck".into()),
        to: None,
        due: None,
    };
    let applied = b.apply(correct, NOW).unwrap();
    assert_eq!(applied.undo, None);
}

#[test]
fn an_undo_another_tab_has_built_on_is_refused_in_words() {
    // This tab marks it done; another tab, having caught up, records the acknowledgement.
    let mut here = book();
    let u = act(&mut here, Action::MarkDone);
    let mut there = here.clone();
    there
        .apply(
            Command::Act {
                id: C,
                action: Action::Acknowledge { how: None },
            },
            NOW,
        )
        .unwrap();
    // This tab catches up with what was saved (as the store does before any command), then
    // tries its undo.
    let before = there.clone();
    let refused = undo(&mut there, u).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "This cannot be undone: this commitment has changed since (perhaps in another tab). \
         Nothing was changed; what happened is in its history."
    );
    assert_eq!(there, before, "a refusal changes nothing");
}

#[test]
fn a_settled_step_built_on_since_stays() {
    // Made again as the next of its series.
    let mut b = book();
    act(&mut b, Action::MarkDone);
    let ack = act(&mut b, Action::Acknowledge { how: None });
    let again = Command::Again {
        id: C,
        due: due("Europe/Berlin", 30, 17, 0),
    };
    b.apply(again, NOW).unwrap();
    assert_eq!(
        undo(&mut b, ack),
        Err(DomainError::BuiltOnSince("the next of its series"))
    );
    // A success noted from it.
    let mut b = book();
    act(&mut b, Action::MarkDone);
    let ack = act(&mut b, Action::Acknowledge { how: None });
    let affirm = TrustCommand::Affirm {
        with: ANA,
        what: "On time and complete".into(),
        from: Source {
            commitment: Some(C),
            ..Source::default()
        },
    };
    b.apply(Command::Trust(affirm), NOW).unwrap();
    let refused = undo(&mut b, ack).unwrap_err();
    assert_eq!(
        refused,
        DomainError::BuiltOnSince("a success noted from it")
    );
    assert!(refused.to_string().contains("Nothing was changed"));
}

#[test]
fn an_undone_history_is_stored_and_replayed_and_a_made_up_one_refused() {
    let mut b = book();
    let u = act(&mut b, Action::MarkDone);
    undo(&mut b, u).unwrap();
    let json = serde_json::to_string(it(&b)).unwrap();
    assert!(
        json.contains(r#"{"undone":{"at":1795348860,"entry":1}}"#),
        "{json}"
    );
    assert_eq!(&serde_json::from_str::<Commitment>(&json).unwrap(), it(&b));
    // An undo that names an entry other than the one above it.
    let elsewhere = json.replace(r#""entry":1"#, r#""entry":0"#);
    assert!(serde_json::from_str::<Commitment>(&elsewhere).is_err());
    // One that takes back the making.
    let first = json.replace(
        r#"{"done":{"at":1795348800}},{"undone":{"at":1795348860,"entry":1}}"#,
        r#"{"undone":{"at":1795348860,"entry":0}}"#,
    );
    let err = serde_json::from_str::<Commitment>(&first).unwrap_err();
    assert!(err.to_string().contains("cannot be"), "{err}");
}

/// A talk with "Ana: pricing" (topic 0), "Bo: offline use" (1) and "Cy: exports" (2).
fn talk() -> (Book, TalkId) {
    let mut b = Book::default();
    b.apply(
        Command::AddTalk {
            title: "Troth for schools".into(),
            date: "2026-11-24".into(),
        },
        NOW,
    )
    .unwrap();
    let id = TalkId(0);
    for (who, text) in [("Ana", "pricing"), ("Bo", "offline use"), ("Cy", "exports")] {
        let command = Command::AddTopic {
            talk: id,
            asker: Recipient::NameOnly(who.into()),
            text: text.into(),
        };
        let applied = b.apply(command, NOW).unwrap();
        assert_eq!(applied.undo, None, "adding a topic is not undone this way");
    }
    (b, id)
}

fn order(b: &Book, talk: TalkId) -> Vec<u64> {
    b.talk(talk).unwrap().topics().map(|t| t.id().0).collect()
}

#[test]
fn a_topic_covered_is_undone_and_can_be_reworded_again() {
    let (mut b, talk) = talk();
    let topic = TopicId(0);
    let cover = Command::Topic {
        talk,
        topic,
        action: TopicAction::Cover,
    };
    let applied = b.apply(cover, NOW).unwrap();
    let u = applied.undo.unwrap();
    assert_eq!(
        u,
        Undo::TopicStep {
            talk,
            topic,
            entry: 0
        }
    );
    undo(&mut b, u.clone()).unwrap();
    let t = b.talk(talk).unwrap().topic(topic).unwrap();
    assert_eq!(t.state(), TopicState::Open);
    assert!(t.is_untouched());
    assert_eq!(
        t.history()[1],
        TopicEntry::Undone {
            at: LATER,
            entry: 0
        }
    );
    // The same undo twice: the undo is now the last thing that happened to it.
    assert_eq!(
        undo(&mut b, u),
        Err(DomainError::ChangedSince("this topic has"))
    );
    let edit = Command::EditTopic {
        talk,
        topic,
        text: "pricing for schools".into(),
        asker: None,
    };
    b.apply(edit, NOW).unwrap();
    // A confirmation undone waits for that asker again; a deferral (it made a commitment)
    // is not undone.
    let (mut b, talk) = talk_covered();
    let confirm = Command::Topic {
        talk,
        topic,
        action: TopicAction::Confirm { by: ANA },
    };
    let applied = b.apply(confirm, NOW).unwrap();
    let u = applied.undo.unwrap();
    undo(&mut b, u).unwrap();
    let state = b.talk(talk).unwrap().topic(topic).unwrap().state();
    assert_eq!(state, TopicState::Covered { waiting: vec![ANA] });
    let not_yet = Command::Topic {
        talk,
        topic,
        action: TopicAction::NotYet {
            by: ANA,
            missing: "prices for 30 pupils".into(),
        },
    };
    let applied = b.apply(not_yet, NOW).unwrap();
    let missing = applied.undo.unwrap();
    let defer = Command::DeferTopic {
        talk,
        topic,
        what: "Send prices for 30 pupils".into(),
        due: due("UTC", 30, 9, 0),
    };
    let applied = b.apply(defer, NOW).unwrap();
    assert_eq!(applied.undo, None);
    assert_eq!(
        undo(&mut b, missing),
        Err(DomainError::ChangedSince("this topic has"))
    );
}

fn talk_covered() -> (Book, TalkId) {
    let (mut b, talk) = talk();
    let cover = Command::Topic {
        talk,
        topic: TopicId(0),
        action: TopicAction::Cover,
    };
    b.apply(cover, NOW).unwrap();
    (b, talk)
}

#[test]
fn a_topic_confirmed_and_noted_as_a_success_stays() {
    let (mut b, talk) = talk_covered();
    let topic = TopicId(0);
    let confirm = Command::Topic {
        talk,
        topic,
        action: TopicAction::Confirm { by: ANA },
    };
    let applied = b.apply(confirm, NOW).unwrap();
    let u = applied.undo.unwrap();
    let affirm = TrustCommand::Affirm {
        with: ANA,
        what: "Her question was answered".into(),
        from: Source {
            topic: Some(TopicRef { talk, topic }),
            ..Source::default()
        },
    };
    b.apply(Command::Trust(affirm), NOW).unwrap();
    assert_eq!(
        undo(&mut b, u),
        Err(DomainError::BuiltOnSince("a success noted from it"))
    );
}

#[test]
fn a_topic_removed_comes_back_in_its_place_with_its_history() {
    let (mut b, talk) = talk_covered();
    let before = b.talk(talk).unwrap().clone();
    let remove = Command::RemoveTopic {
        talk,
        topic: TopicId(0),
    };
    let applied = b.apply(remove, NOW).unwrap();
    let u = applied.undo.unwrap();
    assert_eq!(order(&b, talk), [1, 2]);
    undo(&mut b, u.clone()).unwrap();
    assert_eq!(b.talk(talk).unwrap(), &before, "exactly what was there");
    assert_eq!(order(&b, talk), [0, 1, 2]);
    // Put back already (in another tab): this undo has nothing left to do.
    assert_eq!(
        undo(&mut b, u),
        Err(DomainError::ChangedSince("this topic has"))
    );
    // Removing again gives a fresh undo, which works.
    let remove = Command::RemoveTopic {
        talk,
        topic: TopicId(0),
    };
    let applied = b.apply(remove, NOW).unwrap();
    let u = applied.undo.unwrap();
    undo(&mut b, u).unwrap();
    assert_eq!(order(&b, talk), [0, 1, 2]);
}

#[test]
fn a_topic_moved_goes_back_unless_the_order_changed_since() {
    let (mut b, talk) = talk();
    let before = b.talk(talk).unwrap().clone();
    let move_down = Command::MoveTopic {
        talk,
        topic: TopicId(0),
        to: 2,
    };
    let applied = b.apply(move_down, NOW).unwrap();
    let u = applied.undo.unwrap();
    assert_eq!(order(&b, talk), [1, 2, 0]);
    undo(&mut b, u).unwrap();
    assert_eq!(b.talk(talk).unwrap(), &before);
    // A move that moves nothing leaves nothing to undo.
    let stay = Command::MoveTopic {
        talk,
        topic: TopicId(0),
        to: 0,
    };
    let applied = b.apply(stay, NOW).unwrap();
    assert_eq!(applied.undo, None);
    // Another move since: the order is not the one this undo knew.
    let up = Command::MoveTopic {
        talk,
        topic: TopicId(2),
        to: 0,
    };
    let applied = b.apply(up, NOW).unwrap();
    let u = applied.undo.unwrap();
    let other = Command::MoveTopic {
        talk,
        topic: TopicId(1),
        to: 0,
    };
    b.apply(other, NOW).unwrap();
    let now = order(&b, talk);
    let refused = undo(&mut b, u).unwrap_err();
    assert_eq!(
        refused,
        DomainError::ChangedSince("the order of the topics has")
    );
    assert_eq!(order(&b, talk), now);
}

#[test]
fn a_person_removed_comes_back_as_they_were() {
    // Nobody's history named Bo: removing deleted him; undo puts him back under his own id.
    let mut b = book();
    let add = Command::AddPerson {
        name: "Bo".into(),
        zone: zone("Europe/Berlin"),
    };
    b.apply(add, NOW).unwrap();
    let bo = b.person_named("Bo").unwrap().clone();
    let applied = b.apply(Command::RemovePerson { id: bo.id }, NOW).unwrap();
    assert!(b.person(bo.id).is_none());
    let u = applied.undo.unwrap();
    let before_ids = b.next_ids();
    undo(&mut b, u.clone()).unwrap();
    assert_eq!(b.person(bo.id), Some(&bo));
    assert_eq!(b.next_ids(), before_ids, "no new id");
    // Ana is named by a commitment: removing hides her, undo shows her again.
    let ana = b.person(ANA).unwrap().clone();
    let applied = b.apply(Command::RemovePerson { id: ANA }, NOW).unwrap();
    let hidden = applied.undo.unwrap();
    assert!(b.person(ANA).unwrap().removed);
    undo(&mut b, hidden).unwrap();
    assert_eq!(b.person(ANA), Some(&ana));
    assert_eq!(it(&b).to(), ANA);
    // Someone else took the name since: refused in words.
    let applied = b.apply(Command::RemovePerson { id: bo.id }, NOW).unwrap();
    let u = applied.undo.unwrap();
    let add = Command::AddPerson {
        name: "bo".into(),
        zone: zone("UTC"),
    };
    b.apply(add, NOW).unwrap();
    let refused = undo(&mut b, u).unwrap_err();
    assert_eq!(refused, DomainError::NameTakenSince("bo".into()));
    assert!(refused
        .to_string()
        .contains("someone called “bo” was added since"));
}

#[test]
fn a_refused_command_leaves_nothing_to_undo() {
    let mut b = book();
    act(&mut b, Action::MarkDone);
    // Marking done twice is refused, changing nothing; a refusal carries no undo (by its type).
    let twice = Command::Act {
        id: C,
        action: Action::MarkDone,
    };
    let before = b.clone();
    assert!(b.apply(twice, NOW).is_err());
    assert_eq!(b, before);
}

// ---- A goal's review ----

/// Ana (New York) with a goal kicked off on the 23rd, reviewed 6 and 12 months on.
fn goal() -> (Book, GoalId) {
    let mut b = book();
    let kickoff = due("Europe/Berlin", 23, 10, 0);
    let set = TrustCommand::SetGoal {
        with: ANA,
        what: "Ship the reports together".into(),
        kickoff: kickoff.clone(),
        reviews: default_reviews(&super::TzRules, &kickoff),
    };
    let applied = b.apply(Command::Trust(set), NOW).unwrap();
    assert_eq!(applied.undo, None, "setting a goal is not undone this way");
    (b, GoalId(0))
}

fn goal_act(b: &mut Book, id: GoalId, action: GoalAction) -> Option<Undo> {
    let applied = b
        .apply(Command::Trust(TrustCommand::Goal { id, action }), NOW)
        .unwrap();
    applied.undo
}

fn hold(review: usize, verdict: Verdict) -> GoalAction {
    GoalAction::Review {
        review,
        said: "Kickoff notes".into(),
        verdict,
    }
}

#[test]
fn a_review_held_on_day_one_is_undone_to_not_held_and_the_next_review_back() {
    let (mut b, g) = goal();
    let first = b.goal(g).unwrap().reviews()[0].due.clone();
    let u = goal_act(&mut b, g, hold(0, Verdict::Holds)).expect("a held review can be undone");
    assert_eq!(u, Undo::GoalStep { id: g, entry: 1 });
    let held = b.goal(g).unwrap();
    assert!(held.reviews()[0].held.is_some());
    assert_eq!(held.next_review().unwrap().index, 1, "a year away");

    undo(&mut b, u).unwrap();
    let goal = b.goal(g).unwrap();
    assert_eq!(goal.reviews()[0].held, None);
    let next = goal.next_review().unwrap();
    assert_eq!((next.index, next.due), (0, &first));
    // History only grows: the review stays, followed by the entry that takes it back.
    assert_eq!(goal.history().len(), 3);
    assert!(matches!(goal.history()[1], GoalEntry::Reviewed { .. }));
    assert_eq!(
        goal.history()[2],
        GoalEntry::Undone {
            at: LATER,
            entry: 1
        }
    );
    // Stored and read back the same; the review can be held again.
    let json = serde_json::to_string(goal).unwrap();
    assert_eq!(&serde_json::from_str::<Goal>(&json).unwrap(), goal);
    assert!(goal_act(&mut b, g, hold(0, Verdict::Holds)).is_some());
    assert!(b.goal(g).unwrap().reviews()[0].held.is_some());
}

#[test]
fn a_review_that_ended_or_changed_the_goal_is_undone_to_the_goal_as_it_was() {
    let (mut b, g) = goal();
    let changed = Verdict::Changes {
        what: "Ship the reports together, weekly".into(),
    };
    let u = goal_act(&mut b, g, hold(0, changed)).unwrap();
    undo(&mut b, u).unwrap();
    assert_eq!(b.goal(g).unwrap().what(), "Ship the reports together");
    assert_eq!(b.goal(g).unwrap().versions().len(), 1);
    let u = goal_act(&mut b, g, hold(0, Verdict::Ends)).unwrap();
    assert!(b.goal(g).unwrap().ended().is_some());
    undo(&mut b, u).unwrap();
    assert_eq!(b.goal(g).unwrap().ended(), None, "open again");
    assert!(b.goal(g).unwrap().next_review().is_some());
}

#[test]
fn a_review_moved_is_undone_and_a_goal_step_built_on_stays() {
    let (mut b, g) = goal();
    let first = b.goal(g).unwrap().reviews()[0].due.clone();
    let moved = GoalAction::Reschedule {
        review: 0,
        due: due("Europe/Berlin", 28, 10, 0),
    };
    let u = goal_act(&mut b, g, moved).unwrap();
    undo(&mut b, u).unwrap();
    assert_eq!(b.goal(g).unwrap().reviews()[0].due, &first);
    // Adding a review or linking a commitment is not undone this way.
    let add = GoalAction::Schedule {
        due: due("Europe/Berlin", 29, 10, 0),
    };
    assert_eq!(goal_act(&mut b, g, add), None);
    let link = GoalAction::Serve { commitment: C };
    assert_eq!(goal_act(&mut b, g, link), None);
    // Held, then something else happened to the goal (another tab): the undo is refused.
    let u = goal_act(&mut b, g, hold(0, Verdict::Holds)).unwrap();
    let add = GoalAction::Schedule {
        due: due("Europe/Berlin", 30, 10, 0),
    };
    goal_act(&mut b, g, add);
    let before = b.goal(g).unwrap().clone();
    assert_eq!(
        undo(&mut b, u),
        Err(DomainError::ChangedSince("this goal has"))
    );
    assert_eq!(b.goal(g).unwrap(), &before, "nothing changed");
}

#[test]
fn a_made_up_goal_undo_never_loads() {
    let (mut b, g) = goal();
    let u = goal_act(&mut b, g, hold(0, Verdict::Holds)).unwrap();
    undo(&mut b, u).unwrap();
    let json = serde_json::to_string(b.goal(g).unwrap()).unwrap();
    assert!(
        json.contains(r#"{"undone":{"at":1795348860,"entry":1}}"#),
        "{json}"
    );
    // One that names the agreement, which is not the user's step to take back.
    let agreement = json.replace(r#""entry":1"#, r#""entry":0"#);
    assert!(serde_json::from_str::<Goal>(&agreement).is_err());
    // An undo of an undo.
    let twice = json.replace(
        r#"{"undone":{"at":1795348860,"entry":1}}"#,
        r#"{"undone":{"at":1795348860,"entry":1}},{"undone":{"at":1795348860,"entry":2}}"#,
    );
    assert!(serde_json::from_str::<Goal>(&twice).is_err());
}
