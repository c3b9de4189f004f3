use crate::Book;

pub fn settle(book: &Book) {
    let asks = book.asks.lock().unwrap();
    let bids = book.bids.lock().unwrap();
    drop((asks, bids));
}
