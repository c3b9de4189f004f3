// Compiling an expression registers more builtins in the connection's own database while it
// holds the connection's symbols; the database holds its builtins while it copies them into a
// connection's symbols: the two locks in both orders, on objects other threads share.
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
        self.db.register_builtins();
        let n = self.db.builtin_syms.read().unwrap().len();
        syms.iter().filter(|s| expr.contains(s.as_str())).count() + n
    }

    pub fn database(&self) -> &Database {
        &self.db
    }
}
