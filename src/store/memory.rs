//! An in-memory [`Backend`] for native tests of the store's logic, with an optional quota that
//! counts UTF-16 code units of keys and values the way browsers count `localStorage`.

use super::{Backend, BackendError};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Memory {
    map: RefCell<BTreeMap<String, String>>,
    /// The most UTF-16 code units (keys and values) it holds.
    pub quota: Option<usize>,
    /// Code units written by `set` so far: what a save costs.
    pub written: Cell<usize>,
    /// UTF-16 code units held, kept up to date so a quota check costs nothing.
    used: Cell<usize>,
    /// How many `set`s succeeded so far.
    writes: Cell<usize>,
    /// Make the n-th `set` from now fail as if the quota were full (1 = the next).
    pub fail_at: Cell<Option<usize>>,
}

pub fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

impl Memory {
    pub fn with_quota(quota: usize) -> Self {
        Self {
            quota: Some(quota),
            ..Self::default()
        }
    }

    /// How many `set`s succeeded.
    pub fn writes(&self) -> usize {
        self.writes.get()
    }

    /// UTF-16 code units in use, keys included.
    pub fn used(&self) -> usize {
        self.used.get()
    }

    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }
}

impl Backend for Memory {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        if let Some(n) = self.fail_at.get() {
            self.fail_at.set(n.checked_sub(1).filter(|&n| n > 0));
            if n == 1 {
                return Err(BackendError::Quota);
            }
        }
        let old = self
            .map
            .borrow()
            .get(key)
            .map_or(0, |v| units(key) + units(v));
        let new = units(key) + units(value);
        if self.quota.is_some_and(|q| self.used() - old + new > q) {
            return Err(BackendError::Quota);
        }
        self.written.set(self.written.get() + new);
        self.writes.set(self.writes.get() + 1);
        self.used.set(self.used() - old + new);
        self.map
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        if let Some(v) = self.map.borrow_mut().remove(key) {
            self.used.set(self.used() - units(key) - units(&v));
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}
