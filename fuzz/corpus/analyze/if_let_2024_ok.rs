//@ edition: 2024
// The same code in edition 2024: scrutinee temporaries are dropped before `else`.
use std::sync::Mutex;

struct Cache {
    map: Mutex<Vec<(u32, String)>>,
}

impl Cache {
    fn get_or_insert(&self, key: u32) -> String {
        if let Some((_, v)) = self.map.lock().unwrap().iter().find(|(k, _)| *k == key) {
            v.clone()
        } else {
            let v = key.to_string();
            self.map.lock().unwrap().push((key, v.clone()));
            v
        }
    }
}
