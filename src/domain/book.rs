//! The whole document: people and commitments. `Book::apply` is the one way data changes.

use crate::domain::person::clean_name;
use crate::domain::{
    Action, Commitment, CommitmentId, DomainError, Due, Instant, Person, PersonId, Zone,
};
use std::collections::BTreeMap;

/// Everything the user has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Book {
    people: BTreeMap<PersonId, Person>,
    commitments: BTreeMap<CommitmentId, Commitment>,
    next_person: u64,
    next_commitment: u64,
}

/// Who a new commitment is made to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    Existing(PersonId),
    /// Someone not yet in the book, added with the commitment.
    New {
        name: String,
        zone: Zone,
    },
}

/// A user's intent, as the view sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    AddPerson {
        name: String,
        zone: Zone,
    },
    RenamePerson {
        id: PersonId,
        name: String,
    },
    SetPersonZone {
        id: PersonId,
        zone: Zone,
    },
    /// Deletes someone with no commitments; hides (keeping the history) someone with some.
    RemovePerson {
        id: PersonId,
    },
    RestorePerson {
        id: PersonId,
    },
    Make {
        to: Recipient,
        what: String,
        due: Due,
    },
    Act {
        id: CommitmentId,
        action: Action,
    },
}

/// What an applied command changed, so the store writes that and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The people list (and the id counters that live beside it).
    People { person: PersonId },
    /// One commitment; `made` when it is new (the id counter moved, and maybe the people list).
    Commitment { id: CommitmentId, made: bool },
}

/// What could not be taken as it was when a book was put together from stored parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// A commitment names someone who is not in the people list: a stand-in was added.
    MissingPerson(PersonId),
}

impl Book {
    /// Puts a book together from parts read back from storage, mending what would break its
    /// invariants instead of dropping anything.
    pub fn assemble(
        people: impl IntoIterator<Item = Person>,
        commitments: impl IntoIterator<Item = Commitment>,
        next_person: u64,
        next_commitment: u64,
    ) -> (Self, Vec<Repair>) {
        let people: BTreeMap<_, _> = people.into_iter().map(|p| (p.id, p)).collect();
        let commitments: BTreeMap<_, _> = commitments.into_iter().map(|c| (c.id(), c)).collect();
        let mut book = Self {
            next_person: next_person.max(people.keys().last().map_or(0, |id| id.0 + 1)),
            next_commitment: next_commitment
                .max(commitments.keys().last().map_or(0, |id| id.0 + 1)),
            people,
            commitments,
        };
        let mut repairs = Vec::new();
        let missing: Vec<PersonId> = book
            .commitments
            .values()
            .map(Commitment::to)
            .filter(|to| !book.people.contains_key(to))
            .collect();
        for id in missing {
            if book.people.contains_key(&id) {
                continue;
            }
            let zone = book
                .commitments
                .values()
                .find(|c| c.to() == id)
                .map(|c| c.due().zone.clone())
                .expect("the id came from a commitment");
            book.people.insert(
                id,
                Person {
                    id,
                    name: format!("Person #{id}"),
                    zone,
                    removed: false,
                },
            );
            book.next_person = book.next_person.max(id.0 + 1);
            repairs.push(Repair::MissingPerson(id));
        }
        (book, repairs)
    }

    /// Everyone, removed people included, by id.
    pub fn all_people(&self) -> impl Iterator<Item = &Person> + '_ {
        self.people.values()
    }

    /// The people the user currently deals with, by name.
    pub fn people(&self) -> Vec<&Person> {
        let mut people: Vec<&Person> = self.people.values().filter(|p| !p.removed).collect();
        people.sort_by_key(|p| p.name.to_lowercase());
        people
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.get(&id)
    }

    /// An active person by name, ignoring case.
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        let name = name.trim().to_lowercase();
        self.people
            .values()
            .find(|p| !p.removed && p.name.to_lowercase() == name)
    }

    pub fn commitments(&self) -> impl Iterator<Item = &Commitment> + '_ {
        self.commitments.values()
    }

    pub fn commitment(&self, id: CommitmentId) -> Option<&Commitment> {
        self.commitments.get(&id)
    }

    pub fn commitments_to(&self, person: PersonId) -> impl Iterator<Item = &Commitment> + '_ {
        self.commitments.values().filter(move |c| c.to() == person)
    }

    pub fn next_ids(&self) -> (u64, u64) {
        (self.next_person, self.next_commitment)
    }

    /// Applies a command at `now`. Atomic: on error the book is exactly as it was.
    pub fn apply(&mut self, command: Command, now: Instant) -> Result<Change, DomainError> {
        match command {
            Command::AddPerson { name, zone } => {
                let person = self.add_person(&name, zone)?;
                Ok(Change::People { person })
            }
            Command::RenamePerson { id, name } => {
                let name = clean_name(&name)?;
                self.check_name_free(&name, Some(id))?;
                self.person_mut(id)?.name = name;
                Ok(Change::People { person: id })
            }
            Command::SetPersonZone { id, zone } => {
                self.person_mut(id)?.zone = zone;
                Ok(Change::People { person: id })
            }
            Command::RemovePerson { id } => {
                self.person_mut(id)?;
                if self.commitments_to(id).next().is_some() {
                    self.person_mut(id)?.removed = true;
                } else {
                    self.people.remove(&id);
                }
                Ok(Change::People { person: id })
            }
            Command::RestorePerson { id } => {
                let name = self.person_mut(id)?.name.clone();
                self.check_name_free(&name, Some(id))?;
                self.person_mut(id)?.removed = false;
                Ok(Change::People { person: id })
            }
            Command::Make { to, what, due } => {
                let id = CommitmentId(self.next_commitment);
                let to_id = match &to {
                    Recipient::Existing(pid) => {
                        let p = self.people.get(pid).ok_or(DomainError::NoSuchPerson)?;
                        if p.removed {
                            return Err(DomainError::PersonRemoved {
                                who: p.name.clone(),
                            });
                        }
                        *pid
                    }
                    Recipient::New { name, .. } => {
                        self.check_name_free(&clean_name(name)?, None)?;
                        PersonId(self.next_person)
                    }
                };
                // Validate the commitment before adding anyone, so a refusal changes nothing.
                let commitment = Commitment::make(id, to_id, &what, due, now)?;
                if let Recipient::New { name, zone } = to {
                    self.add_person(&name, zone)?;
                }
                self.commitments.insert(id, commitment);
                self.next_commitment += 1;
                Ok(Change::Commitment { id, made: true })
            }
            Command::Act { id, action } => {
                self.commitments
                    .get_mut(&id)
                    .ok_or(DomainError::NoSuchCommitment)?
                    .act(action, now)?;
                Ok(Change::Commitment { id, made: false })
            }
        }
    }

    fn add_person(&mut self, name: &str, zone: Zone) -> Result<PersonId, DomainError> {
        let name = clean_name(name)?;
        self.check_name_free(&name, None)?;
        let id = PersonId(self.next_person);
        self.people.insert(
            id,
            Person {
                id,
                name,
                zone,
                removed: false,
            },
        );
        self.next_person += 1;
        Ok(id)
    }

    fn person_mut(&mut self, id: PersonId) -> Result<&mut Person, DomainError> {
        self.people.get_mut(&id).ok_or(DomainError::NoSuchPerson)
    }

    fn check_name_free(&self, name: &str, except: Option<PersonId>) -> Result<(), DomainError> {
        match self.person_named(name) {
            Some(p) if Some(p.id) != except => Err(DomainError::NameTaken(p.name.clone())),
            _ => Ok(()),
        }
    }
}
