use super::{due, zone, NOW};
use crate::domain::share::{
    check_link, ShareError, SharedTalk, SharedTopic, MAX_ASKERS_PER_TOPIC,
    MAX_NEW_PEOPLE_PER_IMPORT,
};
use crate::domain::summary::Summary;
use crate::domain::talk::{split_asker, Talk, TopicAction, TopicState, MAX_TOPICS};
use crate::domain::{
    Book, Change, Command, DomainError, PersonId, Recipient, Status, TalkId, TopicId,
};

fn new(name: &str) -> Recipient {
    Recipient::New {
        name: name.into(),
        zone: zone("Europe/Berlin"),
    }
}

/// A talk with "Ana: pricing" (topic 0) and "Bo: offline use" (topic 1).
fn talk() -> (Book, TalkId) {
    let mut b = Book::default();
    let add = Command::AddTalk {
        title: "Troth for schools".into(),
        date: "2026-11-24".into(),
    };
    let applied = b.apply(add, NOW).unwrap();
    assert!(applied.touched.meta, "a new talk moves the id counter");
    let Change::Talk(id) = applied.change else {
        panic!("a talk is added");
    };
    for (who, text) in [("Ana", "pricing"), ("Bo", "offline use")] {
        b.apply(
            Command::AddTopic {
                talk: id,
                asker: new(who),
                text: text.into(),
            },
            NOW,
        )
        .unwrap();
    }
    (b, id)
}

fn act(b: &mut Book, talk: TalkId, topic: u64, action: TopicAction) -> Result<Change, DomainError> {
    let command = Command::Topic {
        talk,
        topic: TopicId(topic),
        action,
    };
    b.apply(command, NOW).map(|a| a.change)
}

fn state(b: &Book, talk: TalkId, topic: u64) -> TopicState {
    b.talk(talk).unwrap().topic(TopicId(topic)).unwrap().state()
}

fn not_yet(by: PersonId, missing: &str) -> TopicAction {
    TopicAction::NotYet {
        by,
        missing: missing.into(),
    }
}

const ANA: PersonId = PersonId(0);
const BO: PersonId = PersonId(1);

#[test]
fn only_the_askers_answer_crosses_a_topic_off() {
    let (mut b, t) = talk();
    // Nothing is confirmed before it is covered.
    assert!(matches!(
        act(&mut b, t, 0, TopicAction::Confirm { by: ANA }),
        Err(DomainError::TopicNotAllowed { .. })
    ));
    act(&mut b, t, 0, TopicAction::Cover).unwrap();
    assert_eq!(state(&b, t, 0), TopicState::Covered { waiting: vec![ANA] });
    assert_eq!(
        b.talk(t).unwrap().progress(),
        (0, 2),
        "covered is not confirmed"
    );
    // Someone else cannot answer for Ana.
    assert_eq!(
        act(&mut b, t, 0, TopicAction::Confirm { by: BO }),
        Err(DomainError::NotAnAsker)
    );
    act(&mut b, t, 0, TopicAction::Confirm { by: ANA }).unwrap();
    assert_eq!(state(&b, t, 0), TopicState::Confirmed { at: NOW });
    assert_eq!(b.talk(t).unwrap().progress(), (1, 2));
    assert!(
        act(&mut b, t, 0, TopicAction::Cover).is_err(),
        "confirmed is final"
    );
}

#[test]
fn not_yet_then_delivered_or_deferred_to_a_commitment() {
    let (mut b, t) = talk();
    act(&mut b, t, 1, TopicAction::Cover).unwrap();
    let missing = TopicAction::NotYet {
        by: BO,
        missing: "  what happens to edits made offline  ".into(),
    };
    act(&mut b, t, 1, missing).unwrap();
    assert_eq!(
        state(&b, t, 1),
        TopicState::NotYet {
            by: BO,
            missing: "what happens to edits made offline".into()
        }
    );
    // Delivering it is covering it again, and Bo answers again.
    act(&mut b, t, 1, TopicAction::Cover).unwrap();
    act(&mut b, t, 1, not_yet(BO, "conflicts")).unwrap();

    let defer = |what: &str| Command::DeferTopic {
        talk: t,
        topic: TopicId(1),
        what: what.into(),
        due: due("Europe/Berlin", 27, 17, 0),
    };
    assert_eq!(b.apply(defer("  "), NOW), Err(DomainError::EmptyWhat));
    let applied = b.apply(defer("Write up conflicts"), NOW).unwrap();
    let Change::Commitment(commitment) = applied.change else {
        panic!("deferred into a commitment");
    };
    assert_eq!(applied.touched.talks, [t]);
    assert_eq!(applied.touched.commitments, [commitment]);
    let c = b.commitment(commitment).unwrap();
    assert_eq!(
        (c.to(), c.what(), c.status()),
        (BO, "Write up conflicts", Status::Open)
    );
    assert_eq!(state(&b, t, 1), TopicState::Deferred { to: BO, commitment });
    // Deferred is settled: it cannot be deferred twice or covered again.
    assert!(b.apply(defer("again"), NOW).is_err());
    assert!(act(&mut b, t, 1, TopicAction::Cover).is_err());
    // A topic only covered cannot be deferred: nobody said what is missing.
    act(&mut b, t, 0, TopicAction::Cover).unwrap();
    assert!(matches!(
        b.apply(
            Command::DeferTopic {
                talk: t,
                topic: TopicId(0),
                what: "x".into(),
                due: due("Europe/Berlin", 27, 17, 0)
            },
            NOW
        ),
        Err(DomainError::TopicNotAllowed { .. })
    ));
}

#[test]
fn merged_topics_keep_both_askers_and_need_both_answers() {
    let (mut b, t) = talk();
    b.apply(
        Command::AddTopic {
            talk: t,
            asker: Recipient::Existing(ANA),
            text: "offline".into(),
        },
        NOW,
    )
    .unwrap();
    b.apply(
        Command::MergeTopics {
            talk: t,
            into: TopicId(1),
            from: TopicId(2),
        },
        NOW,
    )
    .unwrap();
    let talk = b.talk(t).unwrap();
    assert_eq!(talk.topics().count(), 2);
    assert_eq!(talk.topic(TopicId(1)).unwrap().askers(), &[BO, ANA]);
    act(&mut b, t, 1, TopicAction::Cover).unwrap();
    act(&mut b, t, 1, TopicAction::Confirm { by: BO }).unwrap();
    assert_eq!(state(&b, t, 1), TopicState::Covered { waiting: vec![ANA] });
    assert_eq!(
        act(&mut b, t, 1, TopicAction::Confirm { by: BO }),
        Err(DomainError::AlreadyAnswered)
    );
    act(&mut b, t, 1, TopicAction::Confirm { by: ANA }).unwrap();
    assert!(matches!(state(&b, t, 1), TopicState::Confirmed { .. }));
    // Covered topics cannot be merged or reworded any more.
    assert_eq!(
        b.apply(
            Command::MergeTopics {
                talk: t,
                into: TopicId(0),
                from: TopicId(1)
            },
            NOW
        ),
        Err(DomainError::TopicUnderway)
    );
}

#[test]
fn topics_move_edit_remove_and_come_back() {
    let (mut b, t) = talk();
    let order = |b: &Book| -> Vec<u64> { b.talk(t).unwrap().topics().map(|x| x.id().0).collect() };
    b.apply(
        Command::AddTopic {
            talk: t,
            asker: new("Cy"),
            text: "exports".into(),
        },
        NOW,
    )
    .unwrap();
    b.apply(
        Command::MoveTopic {
            talk: t,
            topic: TopicId(2),
            to: 0,
        },
        NOW,
    )
    .unwrap();
    assert_eq!(order(&b), [2, 0, 1]);
    b.apply(
        Command::MoveTopic {
            talk: t,
            topic: TopicId(2),
            to: 9,
        },
        NOW,
    )
    .unwrap();
    assert_eq!(order(&b), [0, 1, 2]);
    b.apply(
        Command::RemoveTopic {
            talk: t,
            topic: TopicId(1),
        },
        NOW,
    )
    .unwrap();
    assert_eq!(order(&b), [0, 2]);
    b.apply(
        Command::MoveTopic {
            talk: t,
            topic: TopicId(2),
            to: 0,
        },
        NOW,
    )
    .unwrap();
    assert_eq!(order(&b), [2, 0]);
    b.apply(
        Command::RestoreTopic {
            talk: t,
            topic: TopicId(1),
        },
        NOW,
    )
    .unwrap();
    assert_eq!(order(&b).len(), 3, "undo brings it back with its asker");
    b.apply(
        Command::EditTopic {
            talk: t,
            topic: TopicId(0),
            text: "pricing for schools".into(),
            asker: Some(new("Dee")),
        },
        NOW,
    )
    .unwrap();
    let topic = b.talk(t).unwrap().topic(TopicId(0)).unwrap().clone();
    assert_eq!(topic.text(), "pricing for schools");
    assert_eq!(b.name_of(topic.askers()[0]), "Dee");
    // A refused edit adds nobody.
    let people = b.people().len();
    assert_eq!(
        b.apply(
            Command::EditTopic {
                talk: t,
                topic: TopicId(0),
                text: " ".into(),
                asker: Some(new("Eve")),
            },
            NOW
        ),
        Err(DomainError::EmptyTopic)
    );
    assert_eq!(b.people().len(), people);
}

#[test]
fn talks_are_checked_archived_and_deleted() {
    let mut b = Book::default();
    let add = |b: &mut Book, title: &str, date: &str| {
        let add = Command::AddTalk {
            title: title.into(),
            date: date.into(),
        };
        b.apply(add, NOW).map(|a| a.change)
    };
    assert_eq!(add(&mut b, " ", "2026-11-24"), Err(DomainError::EmptyTitle));
    assert_eq!(add(&mut b, "Talk", "Tuesday"), Err(DomainError::NoTalkDate));
    assert_eq!(
        add(&mut b, "Talk", "2026-02-30"),
        Err(DomainError::NoTalkDate)
    );
    let Ok(Change::Talk(id)) = add(&mut b, "Talk", "2026-11-24") else {
        panic!()
    };
    b.apply(Command::ArchiveTalk { id, archived: true }, NOW)
        .unwrap();
    assert!(b.talk(id).unwrap().is_archived());
    b.apply(Command::StartTalk { id }, NOW).unwrap();
    assert_eq!(b.talk(id).unwrap().started(), Some(NOW));
    b.apply(Command::DeleteTalk { id }, NOW).unwrap();
    assert!(b.talk(id).is_none());
    // Ids are never reused, so an open window never shows another talk under an old id.
    let Ok(Change::Talk(next)) = add(&mut b, "Again", "2026-11-25") else {
        panic!()
    };
    assert_ne!(next, id);
}

#[test]
fn someone_who_asked_is_hidden_not_deleted() {
    let (mut b, t) = talk();
    b.apply(Command::RemovePerson { id: ANA }, NOW).unwrap();
    assert!(b.person(ANA).unwrap().removed);
    assert_eq!(
        b.talk(t).unwrap().topic(TopicId(0)).unwrap().askers(),
        &[ANA]
    );
}

#[test]
fn a_talk_holds_at_most_its_limit_of_topics() {
    let (mut b, t) = talk();
    for i in 2..MAX_TOPICS {
        b.apply(
            Command::AddTopic {
                talk: t,
                asker: Recipient::Existing(ANA),
                text: format!("t{i}"),
            },
            NOW,
        )
        .unwrap();
    }
    assert_eq!(
        b.apply(
            Command::AddTopic {
                talk: t,
                asker: new("Late"),
                text: "one more".into()
            },
            NOW
        ),
        Err(DomainError::TooManyTopics(MAX_TOPICS))
    );
    assert!(b.person_named("Late").is_none(), "a refusal adds nobody");
}

#[test]
fn a_typed_line_names_its_asker() {
    assert_eq!(
        split_asker("Ana: pricing for schools"),
        (Some("Ana"), "pricing for schools")
    );
    assert_eq!(
        split_asker("  Ana Lopez :  pricing "),
        (Some("Ana Lopez"), "pricing")
    );
    assert_eq!(split_asker("start at 10:30"), (None, "start at 10:30"));
    assert_eq!(
        split_asker("see https://example.org"),
        (None, "see https://example.org")
    );
    assert_eq!(split_asker(": nobody"), (None, ": nobody"));
    assert_eq!(split_asker("Ana: "), (None, "Ana:"));
}

#[test]
fn a_stored_talk_is_replayed_and_an_illegal_one_refused() {
    let (mut b, t) = talk();
    act(&mut b, t, 0, TopicAction::Cover).unwrap();
    act(&mut b, t, 0, TopicAction::Confirm { by: ANA }).unwrap();
    let talk = b.talk(t).unwrap();
    let json = serde_json::to_string(talk).unwrap();
    assert_eq!(&serde_json::from_str::<Talk>(&json).unwrap(), talk);
    // A confirmation without "covered" before it never loads.
    let forged = json.replace(r#"{"covered":{"at":1795348800}},"#, "");
    assert_ne!(forged, json);
    assert!(serde_json::from_str::<Talk>(&forged).is_err());
    let dup = json.replace(r#""askers":[1]"#, r#""askers":[1,1]"#);
    assert!(serde_json::from_str::<Talk>(&dup).is_err());
}

#[test]
fn a_shared_talk_round_trips_and_imports_by_name() {
    let (b, t) = talk();
    let shared = SharedTalk::of(&b, t).unwrap();
    let json = shared.to_json();
    assert_eq!(SharedTalk::from_json(&json).unwrap(), shared);

    // On another device Ana is already known; Bo is new.
    let mut other = Book::default();
    other
        .apply(
            Command::AddPerson {
                name: "ana".into(),
                zone: zone("UTC"),
            },
            NOW,
        )
        .unwrap();
    let import = Command::ImportTalk {
        shared: shared.clone(),
    };
    let applied = other.apply(import, NOW).unwrap();
    assert!(applied.touched.meta, "new askers join the people");
    let Change::Talk(id) = applied.change else {
        panic!("imported")
    };
    assert_eq!(
        SharedTalk::of(&other, id).unwrap().topics[1],
        shared.topics[1]
    );
    assert_eq!(other.people().len(), 2);
    assert_eq!(
        other.talk(id).unwrap().topic(TopicId(0)).unwrap().askers(),
        &[PersonId(0)]
    );
}

#[test]
fn a_bad_share_link_says_what_is_wrong_and_changes_nothing() {
    assert_eq!(SharedTalk::from_json("{\"v\":1,"), Err(ShareError::Damaged));
    assert_eq!(SharedTalk::from_json("[]"), Err(ShareError::Damaged));
    assert_eq!(
        SharedTalk::from_json(r#"{"v":9,"title":"x","date":"2026-11-24","topics":[]}"#),
        Err(ShareError::Newer(9))
    );
    let no_asker = SharedTalk {
        v: 1,
        title: "x".into(),
        date: "2026-11-24".into(),
        topics: vec![SharedTopic {
            text: "t".into(),
            askers: vec![],
        }],
    };
    assert!(matches!(
        SharedTalk::from_json(&no_asker.to_json()),
        Err(ShareError::Invalid(_))
    ));
    let many = SharedTalk {
        topics: vec![
            SharedTopic {
                text: "t".into(),
                askers: vec!["A".into()]
            };
            MAX_TOPICS + 1
        ],
        ..no_asker
    };
    assert!(matches!(
        SharedTalk::from_json(&many.to_json()),
        Err(ShareError::Invalid(_))
    ));
    assert_eq!(
        check_link(&"A".repeat(40_000)),
        Err(ShareError::TooLong(40_000))
    );
    assert_eq!(check_link("abc<script>"), Err(ShareError::Damaged));
    assert_eq!(check_link("aGVsbG8_-"), Ok(()));
}

#[test]
fn the_summary_groups_topics_and_escapes_markdown() {
    let (mut b, t) = talk();
    b.apply(
        Command::AddTopic {
            talk: t,
            asker: Recipient::Existing(ANA),
            text: "*bold* [link](x)".into(),
        },
        NOW,
    )
    .unwrap();
    act(&mut b, t, 0, TopicAction::Cover).unwrap();
    act(&mut b, t, 0, TopicAction::Confirm { by: ANA }).unwrap();
    act(&mut b, t, 1, TopicAction::Cover).unwrap();
    act(&mut b, t, 1, not_yet(BO, "conflicts")).unwrap();
    b.apply(
        Command::DeferTopic {
            talk: t,
            topic: TopicId(1),
            what: "Write up conflicts".into(),
            due: due("Europe/Berlin", 27, 17, 0),
        },
        NOW,
    )
    .unwrap();
    let s = Summary::of(&b, t, &super::TzRules, &super::PlainDates).unwrap();
    assert_eq!(
        (s.confirmed.len(), s.deferred.len(), s.open.len()),
        (1, 1, 1)
    );
    let md = s.markdown("Troth for schools", "2026-11-24");
    assert!(md.contains("1 of 3 topics confirmed"), "{md}");
    assert!(md.contains("- offline use — asked by Bo; missing: conflicts; follow-up: Write up conflicts, due Fri 27 Nov 17:00 Berlin"), "{md}");
    assert!(md.contains(r"\*bold\* \[link\](x)"), "{md}");
}

#[test]
fn elapsed_time_reads_like_a_stopwatch() {
    use crate::domain::talk::elapsed;
    assert_eq!(elapsed(NOW, NOW.plus_secs(245)), "4:05");
    assert_eq!(elapsed(NOW, NOW.plus_secs(3845)), "1:04:05");
    assert_eq!(elapsed(NOW, NOW.plus_secs(-5)), "0:00");
}

#[test]
fn the_cursor_steps_along_the_list_and_stops_at_its_ends() {
    let (mut b, t) = talk();
    b.apply(
        Command::AddTopic {
            talk: t,
            asker: Recipient::Existing(ANA),
            text: "c".into(),
        },
        NOW,
    )
    .unwrap();
    act(&mut b, t, 0, TopicAction::Cover).unwrap();
    act(&mut b, t, 0, TopicAction::Confirm { by: ANA }).unwrap();
    let talk = b.talk(t).unwrap();
    assert_eq!(
        talk.step_from(None, 1),
        Some(TopicId(1)),
        "starts at the first unsettled"
    );
    assert_eq!(talk.step_from(Some(TopicId(1)), 1), Some(TopicId(2)));
    assert_eq!(talk.step_from(Some(TopicId(2)), 1), Some(TopicId(2)));
    assert_eq!(talk.step_from(Some(TopicId(1)), -5), Some(TopicId(0)));
    assert_eq!(Book::default().talk(t), None);
}

#[test]
fn a_topic_covered_and_waiting_is_not_listed_as_not_covered() {
    let (mut b, t) = talk();
    act(&mut b, t, 0, TopicAction::Cover).unwrap();
    let s = Summary::of(&b, t, &super::TzRules, &super::PlainDates).unwrap();
    assert_eq!((s.waiting.len(), s.open.len()), (1, 1));
    let md = s.markdown("Troth for schools", "2026-11-24");
    let waiting = md.find("## Covered, waiting for an answer").expect(&md);
    let open = md.find("## Not covered").expect(&md);
    assert!(md[waiting..open].contains("pricing"), "{md}");
    assert!(
        md[open..].contains("offline use") && !md[open..].contains("pricing"),
        "{md}"
    );
    assert_eq!(s.total(), 2);
}

#[test]
fn an_answered_topic_cannot_be_removed_so_its_answer_stays_in_the_record() {
    let (mut b, t) = talk();
    act(&mut b, t, 1, TopicAction::Cover).unwrap();
    act(&mut b, t, 1, not_yet(BO, "dates per phase")).unwrap();
    let before = b.clone();
    let remove = Command::RemoveTopic {
        talk: t,
        topic: TopicId(1),
    };
    assert_eq!(b.apply(remove, NOW), Err(DomainError::TopicAnswered));
    assert_eq!(b, before);
    let s = Summary::of(&b, t, &super::TzRules, &super::PlainDates).unwrap();
    assert_eq!(s.not_yet[0].missing.as_deref(), Some("dates per phase"));
    // A topic nobody answered still goes (and comes back) as before.
    let remove = Command::RemoveTopic {
        talk: t,
        topic: TopicId(0),
    };
    assert!(b.apply(remove, NOW).is_ok());
    // Stored by an older build, removed after its answer: it is listed again when read.
    let mut json: serde_json::Value = serde_json::to_value(before.talk(t).unwrap()).unwrap();
    json["topics"][1]["removed"] = true.into();
    let read: Talk = serde_json::from_value(json).unwrap();
    assert!(read.topics().any(|topic| topic.id() == TopicId(1)));
}

#[test]
fn a_removed_topic_cannot_be_answered_until_it_is_restored() {
    let (mut b, t) = talk();
    b.apply(
        Command::RemoveTopic {
            talk: t,
            topic: TopicId(0),
        },
        NOW,
    )
    .unwrap();
    assert_eq!(
        act(&mut b, t, 0, TopicAction::Cover),
        Err(DomainError::NoSuchTopic)
    );
}

/// A link's talk whose one topic is asked by `n` different people.
fn crowd(n: usize) -> SharedTalk {
    SharedTalk {
        v: 1,
        title: "Crowded".into(),
        date: "2026-11-24".into(),
        topics: vec![SharedTopic {
            text: "Everyone asks this".into(),
            askers: (0..n).map(|i| format!("Asker {i}")).collect(),
        }],
    }
}

#[test]
fn a_link_naming_thousands_of_askers_is_refused_in_words_and_adds_nobody() {
    // The reproduction: one topic, 8,000 askers, once added 8,002 people.
    let shared = crowd(8_000);
    let Err(ShareError::Invalid(why)) = SharedTalk::from_json(&shared.to_json()) else {
        panic!("refused");
    };
    assert_eq!(
        why,
        format!("A topic is asked by at most {MAX_ASKERS_PER_TOPIC} people; this one names 8000.")
    );
    // The command checks too, whatever made it.
    let (mut b, _) = talk();
    let before = b.clone();
    assert_eq!(
        b.apply(Command::ImportTalk { shared }, NOW),
        Err(DomainError::TooManyAskers {
            len: 8_000,
            max: MAX_ASKERS_PER_TOPIC
        })
    );
    assert_eq!(b, before);

    // Spread over many topics, the new people are capped all the same.
    let spread = SharedTalk {
        topics: (0..MAX_TOPICS)
            .map(|t| SharedTopic {
                text: format!("Topic {t}"),
                askers: (0..2).map(|i| format!("Asker {t}-{i}")).collect(),
            })
            .collect(),
        ..crowd(1)
    };
    assert_eq!(
        SharedTalk::from_json(&spread.to_json()),
        Err(ShareError::Invalid(format!(
            "One import adds at most {MAX_NEW_PEOPLE_PER_IMPORT} new people; this talk would add {}.",
            2 * MAX_TOPICS
        )))
    );
    assert!(matches!(
        b.apply(Command::ImportTalk { shared: spread }, NOW),
        Err(DomainError::TooManyNewPeople { .. })
    ));
    assert_eq!(b, before);
}

#[test]
fn the_largest_talk_troth_makes_imports_folding_each_name_once() {
    // Every topic asked by the same 200 people (names differing in case count once): as many
    // askers as a link may hold, and as many new people as one import may add.
    let shared = SharedTalk {
        topics: (0..MAX_TOPICS)
            .map(|t| SharedTopic {
                text: format!("Topic {t}"),
                askers: (0..MAX_ASKERS_PER_TOPIC)
                    .map(|i| {
                        if t % 2 == 0 {
                            format!("Asker {i}")
                        } else {
                            format!("ASKER {i}")
                        }
                    })
                    .collect(),
            })
            .collect(),
        ..crowd(1)
    };
    let names = MAX_TOPICS * MAX_ASKERS_PER_TOPIC;
    // (As JSON it is longer than a link may be: the command is what is measured here.)

    // A book that already knows 300 people, one of them an asker.
    let mut b = Book::default();
    for i in 0..300 {
        let name = if i == 0 {
            "asker 7".to_owned()
        } else {
            format!("Known {i}")
        };
        b.apply(
            Command::AddPerson {
                name,
                zone: zone("UTC"),
            },
            NOW,
        )
        .unwrap();
    }
    let before = crate::domain::folds();
    let Ok(Change::Talk(id)) = b
        .apply(Command::ImportTalk { shared }, NOW)
        .map(|a| a.change)
    else {
        panic!("imported");
    };
    let folds = crate::domain::folds() - before;
    // Per pair it was 40,000 × 300; once per name it is (check and import) 2 × 40,000 + 300.
    assert!(folds <= 2 * names + 300, "{folds} folds");
    assert_eq!(b.people().len(), 300 + MAX_NEW_PEOPLE_PER_IMPORT - 1);
    let t = b.talk(id).unwrap();
    assert_eq!(t.topics().count(), MAX_TOPICS);
    assert!(t
        .topics()
        .all(|topic| topic.askers().len() == MAX_ASKERS_PER_TOPIC));
    // Asker 7 is the one already known, first in every topic's list at its place.
    assert_eq!(
        t.topic(TopicId(1)).unwrap().askers()[7],
        b.person_named("Asker 7").unwrap().id
    );
}
