// The hook runs after `names` is let go; writing it takes nothing of what it locks.
use std::sync::{Arc, Mutex};

pub struct Journal {
    lines: Mutex<Vec<String>>,
}

pub struct Registry {
    names: Mutex<Vec<String>>,
    journal: Arc<Journal>,
    on_rename: Option<Box<dyn Fn(&str) + Send + Sync>>,
}

impl Registry {
    pub fn set_journal(&mut self, journal: Arc<Journal>) {
        let j = journal.clone();
        let _names = self.names.lock().unwrap();
        self.on_rename = Some(Box::new(move |name| {
            j.lines.lock().unwrap().push(name.to_string())
        }));
        self.journal = journal;
    }

    pub fn rename(&self, name: &str) {
        self.names.lock().unwrap().push(name.to_string());
        if let Some(hook) = &self.on_rename {
            hook(name);
        }
    }

    pub fn audit(&self) -> usize {
        let lines = self.journal.lines.lock().unwrap();
        let names = self.names.lock().unwrap();
        lines.len() + names.len()
    }
}
