//! After the talk: what was confirmed, what was still missing, what became a commitment.

use crate::domain::talk::{Topic, TopicState};
use crate::domain::{Book, DateFormat, TalkId, ZoneRules};

/// One topic's line in the summary, grouped by where it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryLine {
    pub text: String,
    pub askers: String,
    /// What was missing, for "not yet" and deferred topics.
    pub missing: Option<String>,
    /// The follow-up commitment and its due moment, for deferred topics.
    pub follow_up: Option<(crate::domain::CommitmentId, String, String)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub confirmed: Vec<SummaryLine>,
    pub not_yet: Vec<SummaryLine>,
    pub deferred: Vec<SummaryLine>,
    /// Covered, and still waiting for an asker's answer.
    pub waiting: Vec<SummaryLine>,
    /// Never covered.
    pub open: Vec<SummaryLine>,
}

impl Summary {
    /// The summary of `talk`; follow-ups' due moments are written by `dates`.
    pub fn of(
        book: &Book,
        talk: TalkId,
        rules: &dyn ZoneRules,
        dates: &dyn DateFormat,
    ) -> Option<Self> {
        let t = book.talk(talk)?;
        let mut s = Self::default();
        for topic in t.topics() {
            let (group, line) = line(book, topic, rules, dates);
            match group {
                Group::Confirmed => s.confirmed.push(line),
                Group::NotYet => s.not_yet.push(line),
                Group::Deferred => s.deferred.push(line),
                Group::Waiting => s.waiting.push(line),
                Group::Open => s.open.push(line),
            }
        }
        Some(s)
    }

    /// Each group under its heading, in the order the summary shows them.
    pub fn sections(&self) -> [(&'static str, &[SummaryLine]); 5] {
        [
            ("Confirmed", &self.confirmed),
            ("Not yet", &self.not_yet),
            ("Deferred to a follow-up", &self.deferred),
            ("Covered, waiting for an answer", &self.waiting),
            ("Not covered", &self.open),
        ]
    }

    /// Every topic on the list.
    pub fn total(&self) -> usize {
        self.sections().iter().map(|(_, lines)| lines.len()).sum()
    }

    /// The summary as Markdown, with every piece of user text escaped so it prints as typed.
    pub fn markdown(&self, title: &str, date: &str) -> String {
        let mut md = format!(
            "# {} ({date})\n\n{} of {} topics confirmed by the people who asked.\n",
            escape(title),
            self.confirmed.len(),
            self.total()
        );
        for (heading, lines) in self.sections() {
            if lines.is_empty() {
                continue;
            }
            md.push_str(&format!("\n## {heading}\n\n"));
            for l in lines {
                md.push_str(&format!(
                    "- {} — asked by {}",
                    escape(&l.text),
                    escape(&l.askers)
                ));
                if let Some(m) = &l.missing {
                    md.push_str(&format!("; missing: {}", escape(m)));
                }
                if let Some((_, what, due)) = &l.follow_up {
                    md.push_str(&format!("; follow-up: {}, due {due}", escape(what)));
                }
                md.push('\n');
            }
        }
        md
    }
}

enum Group {
    Confirmed,
    NotYet,
    Deferred,
    Waiting,
    Open,
}

fn line(
    book: &Book,
    topic: &Topic,
    rules: &dyn ZoneRules,
    dates: &dyn DateFormat,
) -> (Group, SummaryLine) {
    let askers = topic
        .askers()
        .iter()
        .map(|a| book.name_of(*a))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut line = SummaryLine {
        text: topic.text().to_owned(),
        askers,
        missing: None,
        follow_up: None,
    };
    let group = match topic.state() {
        TopicState::Confirmed { .. } => Group::Confirmed,
        TopicState::NotYet { missing, .. } => {
            line.missing = Some(missing);
            Group::NotYet
        }
        TopicState::Deferred { commitment, .. } => {
            // What was missing is the last "not yet" before the deferral.
            line.missing = topic.history().in_force().rev().find_map(|e| match e {
                crate::domain::talk::TopicEntry::NotYet { missing, .. } => Some(missing.clone()),
                _ => None,
            });
            line.follow_up = book.commitment(commitment).map(|c| {
                let due = c.due();
                let when = format!("{} {}", dates.day_time(due.local(rules)), due.zone.city());
                (commitment, c.what().to_owned(), when)
            });
            Group::Deferred
        }
        TopicState::Covered { .. } => Group::Waiting,
        TopicState::Open => Group::Open,
    };
    (group, line)
}

/// Escapes the characters Markdown gives a meaning to inside a line, so text prints as typed
/// (every piece of user text sits after a `- ` or `# `, never at the start of a line).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}
