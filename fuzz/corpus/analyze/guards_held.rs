// Guards that are still alive: `let _g` (unlike `let _`), lifetime extension through `&`, a
// guard moved into another variable, `let ... else`, both locks in one statement, a
// reassignment (the new lock is taken before the old guard drops), and `?` on a lock result.
use std::sync::Mutex;

struct State {
    items: Mutex<Vec<u32>>,
    name: Mutex<String>,
}

impl State {
    fn underscore_named(&self) {
        let _g = self.items.lock().unwrap();
        self.items.lock().unwrap().push(1);
    }

    fn extended(&self) {
        let first = &self.items.lock().unwrap()[0];
        self.items.lock().unwrap().push(*first);
    }

    fn moved(&self) {
        let g = self.items.lock().unwrap();
        let kept = g;
        self.items.lock().unwrap().push(kept.len() as u32);
    }

    fn let_else(&self) {
        let Ok(g) = self.name.lock() else { return };
        let _again = self.name.lock();
        drop(g);
    }

    fn reassigned(&self) {
        let mut g = self.items.lock().unwrap();
        g.push(1);
        g = self.items.lock().unwrap();
        g.push(2);
    }

    fn question_mark(&self) -> Result<(), String> {
        let name = self.name.lock().map_err(|e| e.to_string())?;
        let again = self.name.lock().map_err(|e| e.to_string())?;
        drop((name, again));
        Ok(())
    }

    fn one_statement(&self) -> usize {
        self.items.lock().unwrap().len() + self.items.lock().unwrap().len()
    }
}
