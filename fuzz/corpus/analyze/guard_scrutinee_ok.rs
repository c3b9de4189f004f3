// Fixed: the value is taken out first, so the guard is a temporary of its own statement.
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
        let front = self.items.lock().unwrap().pop_front();
        match front {
            Some(_) => println!("{} left", self.len()),
            None => {}
        }
    }

    fn drain_while(&self) {
        loop {
            let Some(_) = self.items.lock().unwrap().pop_front() else { break };
            self.items.lock().unwrap().push_back(0);
        }
    }

    fn scan(&self) {
        let snapshot: Vec<u32> = self.items.lock().unwrap().iter().copied().collect();
        for item in snapshot {
            if item == 0 {
                self.items.lock().unwrap().clear();
            }
        }
    }
}
