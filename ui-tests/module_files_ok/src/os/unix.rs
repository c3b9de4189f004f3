use crate::Book;

pub fn settle(book: &Book) {
    let bids = book.bids.lock().unwrap();
    let asks = book.asks.lock().unwrap();
    drop((asks, bids));
}
