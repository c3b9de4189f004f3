// The registry's rename hook is a closure kept in a field: `Registry::set_journal` writes it,
// `Registry::rename` calls it while it holds `names`, and there it takes the journal's lines.
// `Registry::audit` takes the two the other way round.
use std::sync::{Arc, Mutex};

pub struct Journal {
    lines: Mutex<Vec<String>>,
}

pub struct Registry {
    names: Mutex<Vec<String>>,
    journal: Arc<Journal>,
    on_rename: Box<dyn Fn(&str) + Send + Sync>,
}

impl Registry {
    pub fn set_journal(&mut self, journal: Arc<Journal>) {
        let j = journal.clone();
        self.journal = journal;
        self.on_rename = Box::new(move |name| j.lines.lock().unwrap().push(name.to_string()));
    }

    pub fn rename(&self, name: &str) {
        let mut names = self.names.lock().unwrap();
        names.push(name.to_string());
        (self.on_rename)(name);
    }

    pub fn audit(&self) -> usize {
        let lines = self.journal.lines.lock().unwrap();
        let names = self.names.lock().unwrap();
        lines.len() + names.len()
    }
}
