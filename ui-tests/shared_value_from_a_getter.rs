// `Mux::get()` hands out the one mux every thread shares (a clone of a global's `Arc`), not a
// new one: a tab held while the mux's windows are read, and the windows held while a tab is
// locked, are the two orders on shared locks.
use std::sync::{Arc, Mutex, OnceLock, RwLock};

pub struct Tab {
    inner: Mutex<Vec<u32>>,
}

pub struct Mux {
    windows: RwLock<Vec<Arc<Tab>>>,
}

static MUX: OnceLock<Arc<Mux>> = OnceLock::new();

impl Mux {
    pub fn get() -> Arc<Mux> {
        MUX.get_or_init(|| {
            Arc::new(Mux {
                windows: RwLock::new(Vec::new()),
            })
        })
        .clone()
    }

    pub fn remove_tab(&self, id: u32) {
        let windows = self.windows.write().unwrap();
        for tab in windows.iter() {
            tab.inner.lock().unwrap().retain(|p| *p != id);
        }
    }
}

impl Tab {
    pub fn pane_tree(&self) -> usize {
        let panes = self.inner.lock().unwrap();
        let mux = Mux::get();
        let windows = mux.windows.read().unwrap();
        panes.len() + windows.len()
    }
}
