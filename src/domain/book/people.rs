//! The people in a book, and the user's own name: who a command names, and the commands
//! about them.

use super::edit::Edit;
use super::{Book, Change, Recipient};
use crate::domain::person::clean_name;
use crate::domain::{DomainError, Person, PersonId, Zone};

impl Book {
    /// The id `to` names or would be given, checked without changing anything: someone known and
    /// not removed, or a new name nobody has.
    pub(super) fn check_recipient(&self, to: &Recipient) -> Result<PersonId, DomainError> {
        match to {
            Recipient::Existing(id) => {
                let p = self.people.get(*id).ok_or(DomainError::NoSuchPerson)?;
                if p.removed {
                    return Err(DomainError::PersonRemoved {
                        who: p.name.clone(),
                    });
                }
                Ok(*id)
            }
            Recipient::New { name, .. } | Recipient::NameOnly(name) => {
                self.check_name_free(&clean_name(name)?, None)?;
                Ok(self.people.next_id())
            }
        }
    }

    /// Who sent a link, as this book knows them: by name, or someone new with no time zone.
    pub(super) fn keeper(&self, name: &str) -> Recipient {
        match self.person_named(name) {
            Some(p) => Recipient::Existing(p.id),
            None => Recipient::NameOnly(name.to_owned()),
        }
    }

    fn check_name_free(&self, name: &str, except: Option<PersonId>) -> Result<(), DomainError> {
        match self.person_named(name) {
            Some(p) if Some(p.id) != except => Err(DomainError::NameTaken(p.name.clone())),
            _ => Ok(()),
        }
    }
}

impl Edit<'_> {
    /// The person a recipient names, added if new.
    pub(super) fn recipient(&mut self, to: Recipient) -> Result<PersonId, DomainError> {
        match to {
            Recipient::Existing(_) => self.check_recipient(&to),
            Recipient::New { name, zone } => self.add_person(&name, Some(zone)),
            Recipient::NameOnly(name) => self.add_person(&name, None),
        }
    }

    pub(super) fn add_person(
        &mut self,
        name: &str,
        zone: Option<Zone>,
    ) -> Result<PersonId, DomainError> {
        let name = clean_name(name)?;
        self.check_name_free(&name, None)?;
        let id = self.people.next_id();
        self.people_mut().insert(Person {
            id,
            name,
            zone,
            removed: false,
        });
        Ok(id)
    }

    /// A person's name and time zone, changed together or not at all.
    pub(super) fn edit_person(
        &mut self,
        id: PersonId,
        name: &str,
        zone: Option<Zone>,
    ) -> Result<Change, DomainError> {
        let name = clean_name(name)?;
        self.check_name_free(&name, Some(id))?;
        let person = self.person_mut(id)?;
        person.name = name;
        person.zone = zone;
        Ok(Change::Person(id))
    }

    /// Deletes someone no record names; hides, keeping the history, someone one does (a
    /// correction keeps whom it was first made to).
    pub(super) fn remove_person(&mut self, id: PersonId) -> Result<Change, DomainError> {
        let named = (self.commitments.values()).any(|c| c.people().any(|p| p == id))
            || self.talks.values().any(|t| t.asked_by(id))
            || self.trust_names(id);
        self.person_mut(id)?.removed = true;
        if !named {
            self.people_mut().remove(id);
        }
        Ok(Change::Person(id))
    }

    pub(super) fn restore_person(&mut self, id: PersonId) -> Result<Change, DomainError> {
        let name = (self.person(id).ok_or(DomainError::NoSuchPerson)?.name).clone();
        self.check_name_free(&name, Some(id))?;
        self.person_mut(id)?.removed = false;
        Ok(Change::Person(id))
    }

    /// The user's own name, said in the links they send.
    pub(super) fn set_name(&mut self, name: &str) -> Result<Change, DomainError> {
        self.set_me(clean_name(name)?);
        Ok(Change::Name)
    }
}
