// `Mux::detached()` builds a new mux for a preview, which no other thread can reach: reading its
// windows while a tab is held orders nothing against the shared mux, whose windows are held
// while tabs are locked.
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

    pub fn detached() -> Mux {
        Mux {
            windows: RwLock::new(Vec::new()),
        }
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
        let mux = Mux::detached();
        let windows = mux.windows.read().unwrap();
        panes.len() + windows.len()
    }
}
