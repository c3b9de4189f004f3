// Asking whether the menu is visible holds the window's menu and waits for the main thread to
// answer. A menu event handled on the main thread asks the same question of the same window:
// it takes the menu there first, so the answer the waiter needs never comes.
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
        if let Some(menu) = &*self.menu_lock() {
            let (tx, rx) = channel();
            let visible = menu.visible;
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
