// Calls resolved through modules, `use` imports, `Type::method`, trait methods, and methods of
// fields and variables whose type is known.
use std::sync::Mutex;

mod journal {
    use std::sync::Mutex;

    pub struct Journal {
        pub entries: Mutex<Vec<String>>,
    }

    pub trait Record {
        fn record(&self, line: &str);
    }

    impl Record for Journal {
        fn record(&self, line: &str) {
            self.entries.lock().unwrap().push(line.into());
        }
    }

    pub fn flush(journal: &Journal) -> usize {
        journal.entries.lock().unwrap().drain(..).count()
    }
}

use journal::{flush as flush_journal, Journal, Record};

struct Db {
    rows: Mutex<Vec<u64>>,
    journal: Journal,
}

impl Db {
    fn new() -> Db {
        Db { rows: Mutex::new(Vec::new()), journal: Journal { entries: Mutex::new(Vec::new()) } }
    }

    fn insert(&self, row: u64) {
        let mut rows = self.rows.lock().unwrap();
        rows.push(row);
        self.journal.record("insert");
    }

    fn checkpoint(db: &Db) {
        let journal = &db.journal;
        let _entries = journal.entries.lock().unwrap();
        Db::count(db);
    }

    fn count(&self) -> usize {
        self.rows.lock().unwrap().len()
    }
}

fn maintenance() {
    let db = Db::new();
    let _rows = db.rows.lock().unwrap();
    flush_journal(&db.journal);
}
