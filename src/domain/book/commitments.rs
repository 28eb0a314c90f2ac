//! The commands about commitments: made, promised, kept from a link, stepped through their
//! rules, corrected, answered.

use super::edit::Edit;
use super::{Book, Change, Checked, Recipient};
use crate::domain::link::{Answer, Offer, Promise, Request, Token};
use crate::domain::{
    Action, Commitment, CommitmentId, Direction, DomainError, Due, Instant, Kind, Status,
};

impl Book {
    /// A new commitment kept from a link's promise, as promised by the one who made the link
    /// (who is added, if new, when it is stored).
    fn keep(&self, promise: &Promise, now: Instant) -> Result<Commitment, DomainError> {
        let from = self.check_recipient(&self.keeper(&promise.from))?;
        let made = promise.made.min(now);
        Ok(Commitment::make(
            self.commitments.next_id(),
            from,
            &promise.what,
            promise.due.clone(),
            made,
        )?
        .promised_by_them(Some(promise.thread.clone())))
    }
}

impl Edit<'_> {
    /// A commitment the user made (`Mine`) or noted someone made to them (`Theirs`); a
    /// standing one is kept every day until `due`.
    pub(super) fn make(
        &mut self,
        to: Recipient,
        what: &str,
        due: Due,
        by: Direction,
        kind: Kind,
        now: Instant,
    ) -> Result<Change, DomainError> {
        let to = self.recipient(to)?;
        let mut made = Commitment::make(self.commitments.next_id(), to, what, due, now)?;
        if kind == Kind::Standing {
            made = made.standing();
        }
        self.changed(match by {
            Direction::Mine => made,
            Direction::Theirs => made.promised_by_them(None),
        })
    }

    /// The next of a series, once the one before is settled: same words, same person.
    pub(super) fn again(
        &mut self,
        id: CommitmentId,
        due: Due,
        now: Instant,
    ) -> Result<Change, DomainError> {
        let c = self.commitment(id).ok_or(DomainError::NoSuchCommitment)?;
        if c.outcome().is_none() {
            return Err(DomainError::NotSettledYet);
        }
        let root = c.series().unwrap_or(id);
        if (self.commitments.after(id)).any(|later| later.series() == Some(root)) {
            return Err(DomainError::NotLatestInSeries);
        }
        if due.at <= now {
            return Err(DomainError::DueInPast);
        }
        self.check_recipient(&Recipient::Existing(c.to()))?;
        let next = c.again(self.commitments.next_id(), due, now)?;
        self.changed(next)
    }

    /// The other person's own answer, brought back by their reply link. [`Book::verify`]
    /// checked its signature, person and words when it was read (only the links page carries
    /// that code); what may have changed since, an answer from another tab or a step taken,
    /// is checked again.
    pub(super) fn record_reply(
        &mut self,
        reply: &Checked,
        now: Instant,
    ) -> Result<Change, DomainError> {
        let reply = reply.reply();
        let id = self.check_reply(&reply.token)?;
        self.reply(id, reply.token.clone(), reply.answer.clone(), now)
    }

    /// A reply counts only for the request it answers: one path checks it.
    pub(super) fn reply(
        &mut self,
        id: CommitmentId,
        token: Token,
        answer: Answer,
        now: Instant,
    ) -> Result<Change, DomainError> {
        if self.check_reply(&token)? != id {
            return Err(DomainError::NoSuchRequest);
        }
        self.act(id, crate::domain::Action::Reply { token, answer }, now)
    }

    /// Keeps, as a commitment promised to the user, a request they answered (with that
    /// answer); one kept before from the same thread gets the answer instead.
    pub(super) fn keep_answer(
        &mut self,
        request: &Request,
        answer: Answer,
        now: Instant,
    ) -> Result<Change, DomainError> {
        let mut kept = match self.kept_from(&request.promise.thread) {
            Some(c)
                if c.history()
                    .iter()
                    .any(|e| e.reply() == Some(request.name())) =>
            {
                return Err(DomainError::AlreadyKept)
            }
            Some(c) => c.clone(),
            None => {
                let new = self.keep(&request.promise, now)?;
                self.recipient(self.keeper(&request.promise.from))?;
                new
            }
        };
        if kept.status() == Status::Open {
            kept.act(Action::MarkDone, request.done.min(now))?;
        }
        let token = request.name().clone();
        kept.act(Action::Reply { token, answer }, now)?;
        self.changed(kept)
    }

    /// Keeps a commitment someone sent by offer link, as one promised to the user.
    pub(super) fn keep_offer(
        &mut self,
        offer: &Offer,
        now: Instant,
    ) -> Result<Change, DomainError> {
        if self.kept_from(&offer.promise.thread).is_some() {
            return Err(DomainError::AlreadyKept);
        }
        let kept = self.keep(&offer.promise, now)?;
        self.recipient(self.keeper(&offer.promise.from))?;
        self.changed(kept)
    }

    /// A step in a commitment's history, through its rules.
    pub(super) fn act(
        &mut self,
        id: CommitmentId,
        action: Action,
        now: Instant,
    ) -> Result<Change, DomainError> {
        self.record_mut(id)?.act(action, now)?;
        Ok(Change::Commitment(id))
    }

    /// Fixes a slip in a fresh commitment: `None` leaves that part as it is; a new name adds
    /// the person.
    pub(super) fn correct(
        &mut self,
        id: CommitmentId,
        what: Option<String>,
        to: Option<Recipient>,
        due: Option<Due>,
        now: Instant,
    ) -> Result<Change, DomainError> {
        let to = to.map(|to| self.recipient(to)).transpose()?;
        self.act(id, Action::Correct { what, to, due }, now)
    }

    /// Puts a commitment, new or changed, in the book.
    pub(super) fn changed(&mut self, c: Commitment) -> Result<Change, DomainError> {
        let id = c.id();
        self.put(c);
        Ok(Change::Commitment(id))
    }
}
