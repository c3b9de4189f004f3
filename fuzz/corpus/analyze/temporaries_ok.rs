// Temporaries that die before the next lock: statement temporaries, `if`/`while` conditions,
// each operand of `&&`/`||`, match guards, `let _ =`, and guards dropped, moved or replaced.
use std::sync::Mutex;

struct State {
    items: Mutex<Vec<u32>>,
}

fn consume(_guard: std::sync::MutexGuard<'_, Vec<u32>>) {}

impl State {
    fn statement(&self) {
        self.items.lock().unwrap().push(1);
        self.items.lock().unwrap().push(2);
    }

    fn conditions(&self) {
        if self.items.lock().unwrap().is_empty() {
            self.items.lock().unwrap().push(1);
        }
        while self.items.lock().unwrap().len() < 3 {
            self.items.lock().unwrap().push(0);
        }
        let both = self.items.lock().unwrap().is_empty() && self.items.lock().unwrap().capacity() > 0;
        let either = self.items.lock().unwrap().is_empty() || self.items.lock().unwrap().len() > 9;
        let _ = (both, either);
    }

    fn match_guard(&self, n: u32) {
        match n {
            0 if self.items.lock().unwrap().is_empty() => self.items.lock().unwrap().push(0),
            _ => {}
        }
    }

    fn let_underscore(&self) {
        let _ = self.items.lock().unwrap();
        self.items.lock().unwrap().push(1);
    }

    fn drops(&self) {
        let a = self.items.lock().unwrap();
        drop(a);
        let b = self.items.lock().unwrap();
        std::mem::drop(b);
        let c = self.items.lock().unwrap();
        consume(c);
        let mut d = self.items.lock().unwrap();
        d.push(1);
        drop(d);
        {
            let _scoped = self.items.lock();
        }
        self.items.lock().unwrap().push(2);
    }

    fn defaults_and_question_mark(&self) -> Result<usize, String> {
        let local: Mutex<Vec<u32>> = Default::default();
        let mine = local.lock().map_err(|e| e.to_string())?;
        let n = self.items.lock().map_err(|e| e.to_string())?.len();
        Ok(n + mine.len())
    }

    fn branches(&self, flag: bool) {
        let g = self.items.lock().unwrap();
        if flag {
            drop(g);
        } else {
            return;
        }
        self.items.lock().unwrap().push(3);
    }
}
