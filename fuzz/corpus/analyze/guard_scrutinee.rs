// A guard in a `match` scrutinee, a `while let` condition, or a `for` head lives through the
// whole construct, not just the expression.
use std::collections::VecDeque;
use std::sync::Mutex;

struct Queue {
    items: Mutex<VecDeque<u32>>,
}

impl Queue {
    fn len(&self) -> usize {
        self.items.lock().unwrap().len()
    }

    fn drain_match(&self) {
        match self.items.lock().unwrap().pop_front() {
            Some(_) => println!("{} left", self.len()),
            None => {}
        }
    }

    fn drain_while(&self) {
        while let Some(_) = self.items.lock().unwrap().pop_front() {
            self.items.lock().unwrap().push_back(0);
        }
    }

    fn scan(&self) {
        for item in self.items.lock().unwrap().iter() {
            if *item == 0 {
                self.items.lock().unwrap().clear();
            }
        }
    }
}
