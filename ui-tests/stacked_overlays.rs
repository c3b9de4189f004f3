// An overlay delegates to the pane it wraps (`Arc<dyn Pane>`) under its renderer lock, so the
// terminal pane's screen lock is taken inside it; the terminal resizes its screen and then
// clears the overlay's selection: the two locks in both orders.
use std::sync::{Arc, Mutex};

pub trait Pane: Send + Sync {
    fn with_lines(&self, rows: usize, f: &mut dyn FnMut(&str));
}

pub struct TerminalPane {
    screen: Mutex<Vec<String>>,
    overlay: Arc<CopyOverlay>,
}

impl TerminalPane {
    pub fn resize(&self, rows: usize) {
        let mut screen = self.screen.lock().unwrap();
        screen.truncate(rows);
        self.overlay.render.lock().unwrap().clear();
    }
}

impl Pane for TerminalPane {
    fn with_lines(&self, rows: usize, f: &mut dyn FnMut(&str)) {
        for line in self.screen.lock().unwrap().iter().take(rows) {
            f(line);
        }
    }
}

pub struct CopyOverlay {
    delegate: Arc<dyn Pane>,
    render: Mutex<Vec<usize>>,
}

impl Pane for CopyOverlay {
    fn with_lines(&self, rows: usize, f: &mut dyn FnMut(&str)) {
        let selection = self.render.lock().unwrap();
        self.delegate.with_lines(rows, &mut |line| {
            if selection.is_empty() {
                f(line)
            }
        });
    }
}

pub struct QuickSelectOverlay {
    delegate: Arc<dyn Pane>,
    renderer: Mutex<Vec<String>>,
}

impl Pane for QuickSelectOverlay {
    fn with_lines(&self, rows: usize, f: &mut dyn FnMut(&str)) {
        let labels = self.renderer.lock().unwrap();
        self.delegate.with_lines(rows, &mut |line| {
            if labels.is_empty() {
                f(line)
            }
        });
    }
}
