use sync::Mutex;

pub struct Shared {
    pub peers: Mutex<Vec<u32>>,
    pub pending: Mutex<Vec<u32>>,
}
