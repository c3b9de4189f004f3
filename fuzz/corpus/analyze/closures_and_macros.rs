// Closures that run inline (iterator adapters, Option::map, called directly) run while the
// caller holds its locks; lock calls inside macro arguments count.
use std::sync::Mutex;

struct Shelf {
    books: Mutex<Vec<String>>,
    loans: Mutex<Vec<String>>,
}

impl Shelf {
    fn lend(&self, wanted: &[&str]) {
        let books = self.books.lock().unwrap();
        wanted.iter().for_each(|w| {
            if books.iter().any(|b| b == w) {
                self.loans.lock().unwrap().push(w.to_string());
            }
        });
    }

    fn report(&self) {
        let loans = self.loans.lock().unwrap();
        let count = || self.books.lock().unwrap().len();
        println!("{} loans of {} books", loans.len(), count());
    }

    fn check(&self) {
        let books = self.books.lock().unwrap();
        assert!(books.len() >= self.books.lock().unwrap().len());
    }

    fn first(&self) -> Option<usize> {
        let loans = self.loans.lock().unwrap();
        loans.first().map(|_| self.books.lock().unwrap().len())
    }
}
