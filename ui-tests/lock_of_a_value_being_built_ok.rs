// Compiling an expression opens a scratch in-memory database, whose constructor registers the
// builtins under the new database's own lock. A connection holds its symbols while compiling,
// and a database holds its builtins while it copies them into a connection's symbols: the
// scratch database's lock is one no other thread can reach while it is being built.
use std::sync::{Arc, RwLock};

pub struct Database {
    builtin_syms: RwLock<Vec<String>>,
}

pub struct Connection {
    db: Arc<Database>,
    syms: RwLock<Vec<String>>,
}

impl Database {
    pub fn open_in_memory() -> Arc<Database> {
        let db = Database {
            builtin_syms: RwLock::new(Vec::new()),
        };
        db.register_builtins();
        Arc::new(db)
    }

    fn register_builtins(&self) {
        let mut syms = self.builtin_syms.write().unwrap();
        syms.push("abs".to_string());
    }

    pub fn connect(self: &Arc<Self>) -> Connection {
        let conn = Connection {
            db: self.clone(),
            syms: RwLock::new(Vec::new()),
        };
        let builtins = self.builtin_syms.read().unwrap();
        conn.syms.write().unwrap().extend(builtins.iter().cloned());
        conn
    }

    pub fn refresh(&self, conn: &Connection) {
        let builtins = self.builtin_syms.read().unwrap();
        conn.syms.write().unwrap().extend(builtins.iter().cloned());
    }
}

impl Connection {
    pub fn compile(&self, expr: &str) -> usize {
        let syms = self.syms.read().unwrap();
        let scratch = Database::open_in_memory();
        let n = scratch.builtin_syms.read().unwrap().len();
        syms.iter().filter(|s| expr.contains(s.as_str())).count() + n
    }

    pub fn database(&self) -> &Database {
        &self.db
    }
}
