//@ edition: 2021
// Before edition 2024, the temporaries of an `if let` scrutinee live through the `else` branch.
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
