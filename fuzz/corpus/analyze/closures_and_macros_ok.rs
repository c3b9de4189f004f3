// Fixed: work on copies, then lock the other. A closure handed to another thread holds nothing
// of its creator.
use std::sync::{Arc, Mutex};
use std::thread;

struct Shelf {
    books: Mutex<Vec<String>>,
    loans: Mutex<Vec<String>>,
}

impl Shelf {
    fn lend(&self, wanted: &[&str]) {
        let books: Vec<String> = self.books.lock().unwrap().clone();
        wanted.iter().for_each(|w| {
            if books.iter().any(|b| b == w) {
                self.loans.lock().unwrap().push(w.to_string());
            }
        });
    }

    fn report(&self) {
        let count = || self.books.lock().unwrap().len();
        let n = count();
        let loans = self.loans.lock().unwrap();
        println!("{} loans of {} books", loans.len(), n);
    }

    fn background(self: Arc<Self>) {
        let _loans = self.loans.lock().unwrap();
        let me = self.clone();
        thread::spawn(move || {
            let _books = me.books.lock().unwrap();
            let _loans = me.loans.lock().unwrap();
        });
    }
}
