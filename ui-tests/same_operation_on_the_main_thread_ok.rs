// Asking whether the menu is visible copies what the main thread needs out of the window's menu
// and lets the menu go before it waits for the answer: a menu event handled on the main thread
// that asks the same question finds the menu free.
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex, MutexGuard};

pub struct Menu {
    visible: bool,
}

pub struct Window {
    menu: Arc<Mutex<Option<Menu>>>,
    main_thread: std::sync::mpsc::Sender<Box<dyn FnOnce() + Send>>,
}

impl Window {
    fn menu_lock(&self) -> MutexGuard<'_, Option<Menu>> {
        self.menu.lock().expect("poisoned window")
    }

    fn run_on_main_thread(&self, f: impl FnOnce() + Send + 'static) {
        let _ = self.main_thread.send(Box::new(f));
    }

    pub fn is_menu_visible(&self) -> bool {
        let visible = self.menu_lock().as_ref().map(|menu| menu.visible);
        if let Some(visible) = visible {
            let (tx, rx) = channel();
            self.run_on_main_thread(move || {
                let _ = tx.send(visible);
            });
            return rx.recv().unwrap_or(false);
        }
        false
    }
}

pub fn on_menu_event(window: &Window) {
    if window.is_menu_visible() {
        println!("menu shown");
    }
}
