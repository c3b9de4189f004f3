use crate::Book;

pub fn cross(book: &Book) {
    let bids = book.bids.lock().unwrap();
    let asks = book.asks.lock().unwrap();
    drop((bids, asks));
}
