use std::sync::Mutex;

pub struct Detector {
    pub graph: Mutex<Vec<u32>>,
    pub threads: Mutex<Vec<u32>>,
}

impl Detector {
    pub fn scan(&self) {
        let _g = self.graph.lock().unwrap();
        let _t = self.threads.lock().unwrap();
    }

    pub fn register(&self) {
        let _t = self.threads.lock().unwrap();
        let _g = self.graph.lock().unwrap();
    }
}
