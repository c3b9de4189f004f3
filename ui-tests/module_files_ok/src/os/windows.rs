use crate::Book;

pub fn settle(book: &Book) {
    let _bids = book.bids.lock().unwrap();
}
